import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { arbNetwork, makeNetwork, seedExampleNetwork } from '../../helpers/factories';
import { checkCompilable, validateNetwork } from '../../../engine/graph/validate';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';
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

/** A small valid network to break one field at a time: 0 -> 1 -> 2, 0 -> 2; input 0, output 2. */
const base = (): Network =>
  makeNetwork({
    inputs: ['0'],
    outputs: ['2'],
    edges: [
      ['0', '1'],
      ['1', '2'],
      ['0', '2'],
    ],
  });

function expectError(net: Network, code: GraphErrorCode, ...fragments: string[]): GraphError {
  const e = thrown(() => validateNetwork(net));
  expect(e.code).toBe(code);
  for (const f of fragments) expect(e.message).toContain(f);
  return e;
}

describe('validateNetwork accepts', () => {
  it('the seed example', () => {
    expect(() => validateNetwork(seedExampleNetwork())).not.toThrow();
    expect(() => checkCompilable(seedExampleNetwork())).not.toThrow();
  });

  it('a network with no neurons, no inputs or no outputs (editing states)', () => {
    expect(() => validateNetwork(makeNetwork({}))).not.toThrow();
    expect(() => validateNetwork(makeNetwork({ hidden: ['a', 'b'], edges: [['a', 'b']] }))).not.toThrow();
    expect(() => validateNetwork(makeNetwork({ inputs: ['a'] }))).not.toThrow();
  });

  it('ids that are Object.prototype names', () => {
    const net = makeNetwork({
      inputs: ['__proto__'],
      outputs: ['constructor'],
      edges: [
        ['__proto__', 'hasOwnProperty'],
        ['hasOwnProperty', 'constructor'],
      ],
    });
    expect(() => checkCompilable(net)).not.toThrow();
  });

  it('an activation override on an output (kept for when it becomes hidden again)', () => {
    expect(() => validateNetwork(makeNetwork({ inputs: ['0'], outputs: ['1'], activations: { '1': 'tanh' } }))).not.toThrow();
  });

  it('dropout at the ends of [0, 1]', () => {
    expect(() => validateNetwork(makeNetwork({ inputs: ['0'], hidden: ['1'], dropout: { '0': 0, '1': 1 } }))).not.toThrow();
  });

  it('every generated random network (property)', () => {
    fc.assert(
      fc.property(arbNetwork(), (net) => {
        validateNetwork(net);
        checkCompilable(net);
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateNetwork rejects', () => {
  it('graph/bad-id: an empty id', () => {
    const net = base();
    net.neurons[1]!.id = '';
    const e = expectError(net, 'graph/bad-id', 'neuron number 2 has an empty id', 'non-empty id');
    expect(e.path).toBe('neurons[1].id');
  });

  it('graph/bad-id: an id that is not a string', () => {
    const net = base();
    (net.neurons[0] as { id: unknown }).id = 7;
    expectError(net, 'graph/bad-id', 'the id 7, which is not a string');
  });

  it('graph/duplicate-neuron', () => {
    const net = base();
    net.neurons.push({ id: '1', bias: 0 });
    expectError(net, 'graph/duplicate-neuron', 'two neurons have the id 1 (numbers 2 and 4)', 'unique');
  });

  it('graph/unknown-neuron: in inputs, outputs, and edges', () => {
    expectError({ ...base(), inputs: ['0', '9'] }, 'graph/unknown-neuron', 'inputs lists neuron 9', 'no such neuron');
    expectError({ ...base(), outputs: ['constructor'] }, 'graph/unknown-neuron', 'outputs lists neuron constructor');
    const net = base();
    net.edges.push({ source: '1', target: '__proto__', weight: 1 });
    expectError(net, 'graph/unknown-neuron', 'the connection 1 -> __proto__ refers to neuron __proto__, which does not exist');
  });

  it('graph/duplicate-role', () => {
    expectError({ ...base(), inputs: ['0', '0'] }, 'graph/duplicate-role', 'neuron 0 is listed twice in inputs');
    expectError({ ...base(), outputs: ['2', '2'] }, 'graph/duplicate-role', 'neuron 2 is listed twice in outputs');
  });

  it('graph/input-output-overlap', () => {
    const net = makeNetwork({ inputs: ['0'], outputs: ['0'] });
    expectError(net, 'graph/input-output-overlap', 'neuron 0 is both an input and an output');
  });

  it('graph/non-finite: bias, weight, position', () => {
    const a = base();
    a.neurons[1]!.bias = NaN;
    expectError(a, 'graph/non-finite', 'the bias of neuron 1 is NaN', 'finite number');
    const b = base();
    b.edges[1]!.weight = Infinity;
    expectError(b, 'graph/non-finite', 'the weight of the connection 1 -> 2 is Infinity');
    const c = base();
    c.neurons[2]!.position = { x: 0, y: -Infinity };
    expectError(c, 'graph/non-finite', 'the position y of neuron 2 is -Infinity');
    const d = base();
    (d.neurons[0] as { bias: unknown }).bias = '1';
    expectError(d, 'graph/non-finite', 'the bias of neuron 0');
  });

  it('graph/dropout-range', () => {
    const net = makeNetwork({ inputs: ['0'], hidden: ['h'], labels: { h: 'hidden one' }, dropout: { h: 1.5 } });
    expectError(net, 'graph/dropout-range', 'the dropout of neuron "hidden one" (h) is 1.5', 'between 0 and 1');
    expectError(makeNetwork({ hidden: ['h'], dropout: { h: -0.1 } }), 'graph/dropout-range');
    expectError(makeNetwork({ hidden: ['h'], dropout: { h: NaN } }), 'graph/dropout-range');
  });

  it('graph/unknown-activation: on a neuron and network-wide', () => {
    const net = base();
    (net.neurons[1] as { activation?: unknown }).activation = 'swish';
    expectError(net, 'graph/unknown-activation', 'neuron 1 has the unknown activation "swish"', 'relu');
    expectError({ ...base(), hiddenActivation: 'ReLU' as never }, 'graph/unknown-activation', 'the network has the unknown activation "ReLU"');
  });

  it('graph/unknown-output-transform', () => {
    expectError({ ...base(), outputTransform: 'logsoftmax' as never }, 'graph/unknown-output-transform', '"logsoftmax" is unknown', 'softmax');
  });

  it('graph/self-loop', () => {
    const net = base();
    net.edges.push({ source: '1', target: '1', weight: 0 });
    const e = expectError(net, 'graph/self-loop', 'neuron 1 is connected to itself; remove the connection 1 -> 1');
    expect(e.path).toBe('edges[3]');
  });

  it('graph/edge-into-input', () => {
    const net = base();
    net.edges.push({ source: '1', target: '0', weight: 0 });
    expectError(net, 'graph/edge-into-input', 'input neurons receive no connections: 0 is an input; remove the connection 1 -> 0');
  });

  it('graph/edge-out-of-output', () => {
    const net = base();
    net.edges.push({ source: '2', target: '1', weight: 0 });
    expectError(net, 'graph/edge-out-of-output', 'output neurons send no connections: 2 is an output; remove the connection 2 -> 1');
  });

  it('graph/duplicate-edge', () => {
    const net = base();
    net.edges.push({ source: '0', target: '1', weight: 0 });
    expectError(net, 'graph/duplicate-edge', 'the connection 0 -> 1 appears twice; keep one');
  });

  it('graph/cycle, naming the cycle', () => {
    const net = makeNetwork({
      inputs: ['0'],
      order: ['0', '2', '4', '6'],
      edges: [
        ['0', '2'],
        ['2', '4'],
        ['4', '6'],
        ['6', '2'],
      ],
    });
    const e = expectError(net, 'graph/cycle');
    expect(e.message).toBe('the connections form the cycle 2 -> 4 -> 6 -> 2; remove one of them');
  });

  it('graph/cycle with labels in the path', () => {
    const net = makeNetwork({ order: ['a', 'b'], edges: [['a', 'b'], ['b', 'a']], labels: { b: 'B' } });
    expectError(net, 'graph/cycle', 'the connections form the cycle a -> "B" (b) -> a');
  });
});

describe('checkCompilable', () => {
  it('graph/no-inputs', () => {
    const e = thrown(() => checkCompilable(makeNetwork({ outputs: ['1'], hidden: ['0'], edges: [['0', '1']] })));
    expect(e.code).toBe('graph/no-inputs');
    expect(e.message).toBe('the network has no input neuron; mark at least one neuron as an input');
  });

  it('graph/no-outputs', () => {
    const e = thrown(() => checkCompilable(makeNetwork({ inputs: ['0'], edges: [['0', '1']] })));
    expect(e.code).toBe('graph/no-outputs');
    expect(e.message).toBe('the network has no output neuron; mark at least one neuron as an output');
  });

  it('validates first', () => {
    const net = makeNetwork({ edges: [['a', 'a']] });
    expect(thrown(() => checkCompilable(net)).code).toBe('graph/self-loop');
  });
});
