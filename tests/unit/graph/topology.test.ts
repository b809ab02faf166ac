import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { arbNetwork, makeNetwork, seedExampleNetwork } from '../../helpers/factories';
import {
  checkConnection,
  describeNeuron,
  findCycle,
  neuronName,
  topologicalLevels,
} from '../../../engine/graph/topology';
import { GraphError } from '../../../engine/graph/GraphError';
import type { Network } from '../../../engine/graph/types';

function thrown(f: () => unknown): GraphError {
  try {
    f();
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a GraphError');
}

const cyclic = (): Network =>
  makeNetwork({
    inputs: ['0'],
    outputs: ['9'],
    order: ['0', '2', '4', '6', '9'],
    edges: [
      ['0', '2'],
      ['4', '6'],
      ['6', '2'],
      ['2', '4'],
      ['6', '9'],
    ],
  });

describe('findCycle', () => {
  it('finds none in the seed example', () => {
    expect(findCycle(seedExampleNetwork())).toBeNull();
  });

  it('returns a closed path starting at the neuron listed first', () => {
    expect(findCycle(cyclic())).toEqual(['2', '4', '6', '2']);
  });

  it('considers an extra edge as if it were added', () => {
    const net = seedExampleNetwork();
    expect(findCycle(net, ['6', '2'])).toEqual(['2', '4', '6', '2']);
    expect(findCycle(net, ['11', '0'])).toEqual(['0', '1', '4', '6', '8', '11', '0']) // a shortest path (BFS);
    expect(findCycle(net, ['1', '5'])).toBeNull();
  });

  it('finds a self-loop as a cycle of one', () => {
    const net = makeNetwork({ inputs: ['a'], edges: [['a', 'b'], ['b', 'b']] });
    expect(findCycle(net)).toEqual(['b', 'b']);
    expect(findCycle(makeNetwork({ hidden: ['x'] }), ['x', 'x'])).toEqual(['x', 'x']);
  });

  it('handles deep chains without recursion', () => {
    const n = 5000;
    const edges: [string, string][] = [];
    for (let i = 0; i < n - 1; i++) edges.push([String(i), String(i + 1)]);
    const net = makeNetwork({ inputs: ['0'], edges });
    expect(findCycle(net)).toBeNull();
    expect(findCycle(net, [String(n - 1), '0'])).toHaveLength(n + 1);
    expect(topologicalLevels(net)).toHaveLength(n);
  });
});

describe('topologicalLevels', () => {
  it('levels the seed example', () => {
    expect(topologicalLevels(seedExampleNetwork())).toEqual([
      ['0'],
      ['1', '2', '3'],
      ['4', '5'],
      ['6', '7'],
      ['8', '9', '10'],
      ['11'],
    ]);
  });

  it('puts inputs at level 0 in inputs order, and source-less neurons at level 1', () => {
    const net = makeNetwork({
      inputs: ['b', 'a'],
      outputs: ['o'],
      order: ['a', 'o', 'lonely', 'b', 'h'],
      edges: [
        ['a', 'h'],
        ['lonely', 'o'],
        ['h', 'o'],
      ],
    });
    expect(topologicalLevels(net)).toEqual([['b', 'a'], ['lonely', 'h'], ['o']]);
  });

  it('orders each level by position in network.neurons', () => {
    const net = makeNetwork({ inputs: ['i'], order: ['i', 'z', 'y', 'x'], edges: [['i', 'x'], ['i', 'y'], ['i', 'z']] });
    expect(topologicalLevels(net)).toEqual([['i'], ['z', 'y', 'x']]);
  });

  it('takes the longest path into a neuron', () => {
    const net = makeNetwork({
      inputs: ['0'],
      edges: [
        ['0', '3'],
        ['0', '1'],
        ['1', '2'],
        ['2', '3'],
      ],
    });
    expect(topologicalLevels(net)).toEqual([['0'], ['1'], ['2'], ['3']]);
  });

  it('handles empty and input-only networks', () => {
    expect(topologicalLevels(makeNetwork({}))).toEqual([[]]);
    expect(topologicalLevels(makeNetwork({ inputs: ['0', '1'] }))).toEqual([['0', '1']]);
    expect(topologicalLevels(makeNetwork({ hidden: ['h'] }))).toEqual([[], ['h']]);
  });

  it('works with ids that are Object.prototype names', () => {
    const net = makeNetwork({
      inputs: ['__proto__'],
      outputs: ['toString'],
      edges: [
        ['__proto__', 'constructor'],
        ['constructor', 'toString'],
      ],
    });
    expect(topologicalLevels(net)).toEqual([['__proto__'], ['constructor'], ['toString']]);
  });

  it('throws graph/cycle naming the cycle', () => {
    const e = thrown(() => topologicalLevels(cyclic()));
    expect(e.code).toBe('graph/cycle');
    expect(e.message).toBe('the connections form the cycle 2 -> 4 -> 6 -> 2; remove one of them');
  });

  it('puts every edge forward (property)', () => {
    fc.assert(
      fc.property(arbNetwork(), (net) => {
        const levels = topologicalLevels(net);
        const level = new Map<string, number>();
        levels.forEach((ids, l) => ids.forEach((id) => level.set(id, l)));
        expect(level.size).toBe(net.neurons.length);
        expect(levels[0]).toEqual(net.inputs);
        for (const e of net.edges) expect(level.get(e.source)!).toBeLessThan(level.get(e.target)!);
      }),
      { numRuns: 100 },
    );
  });
});

describe('checkConnection', () => {
  const net = seedExampleNetwork();

  it('accepts a valid new connection', () => {
    expect(checkConnection(net, '1', '5')).toBeNull();
    expect(checkConnection(net, '0', '11')).toBeNull();
  });

  it('refuses a connection that closes a cycle, naming it', () => {
    const e = checkConnection(net, '6', '2');
    expect(e?.code).toBe('graph/cycle');
    expect(e?.message).toBe('connecting 6 -> 2 would close the cycle 2 -> 4 -> 6 -> 2');
  });

  it('refuses a self-loop', () => {
    const e = checkConnection(net, '4', '4');
    expect(e?.code).toBe('graph/self-loop');
    expect(e?.message).toBe('neuron 4 cannot connect to itself');
  });

  it('refuses unknown neurons', () => {
    const e = checkConnection(net, '4', '99');
    expect(e?.code).toBe('graph/unknown-neuron');
    expect(e?.message).toContain('there is no neuron 99');
    expect(checkConnection(net, '__proto__', '4')?.code).toBe('graph/unknown-neuron');
    expect(checkConnection(net, 'constructor', '4')?.code).toBe('graph/unknown-neuron');
  });

  it('refuses edges into inputs and out of outputs', () => {
    const into = checkConnection(net, '4', '0');
    expect(into?.code).toBe('graph/edge-into-input');
    expect(into?.message).toBe('input neurons receive no connections: 0 is an input');
    const out = checkConnection(net, '11', '4');
    expect(out?.code).toBe('graph/edge-out-of-output');
    expect(out?.message).toBe('output neurons send no connections: 11 is an output');
    expect(checkConnection(net, '3', '4')?.code).toBe('graph/edge-out-of-output');
  });

  it('refuses a duplicate', () => {
    const e = checkConnection(net, '2', '5');
    expect(e?.code).toBe('graph/duplicate-edge');
    expect(e?.message).toBe('2 -> 5 is already connected');
  });

  it('names labelled neurons by label and id', () => {
    const labelled = makeNetwork({ inputs: ['0'], edges: [['0', '4']], labels: { '4': 'h1' } });
    expect(neuronName(labelled, '4')).toBe('"h1" (4)');
    expect(describeNeuron(labelled, '4')).toBe('neuron "h1" (4)');
    expect(checkConnection(labelled, '4', '4')?.message).toBe('neuron "h1" (4) cannot connect to itself');
  });

  it('agrees with findCycle (property)', () => {
    fc.assert(
      fc.property(arbNetwork(), fc.nat(), fc.nat(), (net, a, b) => {
        const ids = net.neurons.map((n) => n.id);
        const s = ids[a % ids.length]!;
        const t = ids[b % ids.length]!;
        const e = checkConnection(net, s, t);
        const wouldCycle = s !== t && findCycle(net, [s, t]) !== null;
        if (wouldCycle && !net.inputs.includes(t) && !net.outputs.includes(s)) expect(e?.code).toBe('graph/cycle');
        if (e === null) expect(findCycle(net, [s, t])).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
