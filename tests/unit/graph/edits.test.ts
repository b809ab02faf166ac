import { describe, it, expect } from 'vitest';
import { makeNetwork, seedExampleNetwork } from '../../helpers/factories';
import {
  addConnections,
  addNeurons,
  addNeuronsWithIds,
  moveNeurons,
  removeConnections,
  removeNeurons,
  reorderInputs,
  reorderOutputs,
  setActivation,
  setBias,
  setDropout,
  setHiddenActivation,
  setLabel,
  setOutputTransform,
  setRole,
  setWeight,
} from '../../../engine/graph/edits';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';
import { createRng, initContext, initWeight } from '../../../engine/graph/init';
import { validateNetwork } from '../../../engine/graph/validate';
import type { Network } from '../../../engine/graph/types';

/** Runs an edit that must fail: checks the code and message, and that the input network is untouched. */
function expectRefused(net: Network, edit: (n: Network) => unknown, code: GraphErrorCode, fragment?: string): GraphError {
  const before = structuredClone(net);
  let error: unknown;
  try {
    edit(net);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(GraphError);
  const e = error as GraphError;
  expect(e.code).toBe(code);
  if (fragment !== undefined) expect(e.message).toContain(fragment);
  expect(net).toEqual(before);
  return e;
}

function weightOf(net: Network, s: string, t: string): number | undefined {
  return net.edges.find((e) => e.source === s && e.target === t)?.weight;
}

function neuron(net: Network, id: string) {
  const n = net.neurons.find((x) => x.id === id);
  if (!n) throw new Error(`no neuron ${id}`);
  return n;
}

describe('addConnections', () => {
  it('adds a connection with a weight from initWeight, fans counted after the edit', () => {
    const net = seedExampleNetwork();
    const before = structuredClone(net);
    const out = addConnections(net, [['1', '6']], { scheme: 'he', rng: createRng(5) });
    expect(net).toEqual(before);
    // Target 6 then has 2 incoming, source 1 has 2 outgoing.
    expect(weightOf(out, '1', '6')).toBe(initWeight('he', 2, 2, createRng(5)));
    expect(out.edges).toHaveLength(net.edges.length + 1);
    for (const e of net.edges) expect(Object.is(weightOf(out, e.source, e.target), e.weight)).toBe(true);
    validateNetwork(out);
  });

  it('keeps the weight of a pair that already exists', () => {
    const net = seedExampleNetwork();
    const out = addConnections(net, [['2', '5']], initContext(1));
    expect(out.edges).toEqual(net.edges);
  });

  it('adds a pair repeated in one call once', () => {
    const net = seedExampleNetwork();
    const out = addConnections(net, [['1', '5'], ['1', '5']], initContext(1));
    expect(out.edges).toHaveLength(net.edges.length + 1);
  });

  it('refuses each kind of invalid connection', () => {
    const net = seedExampleNetwork();
    const init = initContext();
    expectRefused(net, (n) => addConnections(n, [['6', '2']], init), 'graph/cycle', 'connecting 6 -> 2 would close the cycle 2 -> 4 -> 6 -> 2');
    expectRefused(net, (n) => addConnections(n, [['4', '4']], init), 'graph/self-loop');
    expectRefused(net, (n) => addConnections(n, [['4', '0']], init), 'graph/edge-into-input', '0 is an input');
    expectRefused(net, (n) => addConnections(n, [['11', '4']], init), 'graph/edge-out-of-output', '11 is an output');
    expectRefused(net, (n) => addConnections(n, [['4', 'nope']], init), 'graph/unknown-neuron', 'nope');
  });

  it('checks the pairs of one call together', () => {
    const net = seedExampleNetwork();
    // 5 -> 1 alone is fine, 1 -> 5 alone is fine; both close 1 -> 5 -> 1.
    expect(() => addConnections(net, [['5', '1']], initContext())).not.toThrow();
    expectRefused(net, (n) => addConnections(n, [['1', '5'], ['5', '1']], initContext()), 'graph/cycle', 'connecting 5 -> 1 would close the cycle 1 -> 5 -> 1');
  });

  it('draws weights in the order of the pairs (deterministic)', () => {
    const net = seedExampleNetwork();
    const a = addConnections(net, [['1', '5'], ['0', '11']], initContext(3));
    const b = addConnections(net, [['1', '5'], ['0', '11']], initContext(3));
    expect(a).toEqual(b);
  });
});

describe('removeConnections', () => {
  it('removes, and the others keep their weights', () => {
    const net = seedExampleNetwork();
    const out = removeConnections(net, [['2', '5']]);
    expect(weightOf(out, '2', '5')).toBeUndefined();
    expect(out.edges).toEqual(net.edges.filter((e) => !(e.source === '2' && e.target === '5')));
    // A neuron left without inputs is still valid.
    validateNetwork(removeConnections(net, [['0', '1']]));
  });

  it('refuses an unknown connection', () => {
    expectRefused(seedExampleNetwork(), (n) => removeConnections(n, [['5', '2']]), 'edit/unknown-connection', 'there is no connection 5 -> 2');
  });
});

describe('addNeurons', () => {
  it('assigns the smallest unused non-negative integer id', () => {
    const net = makeNetwork({ inputs: ['0'], hidden: ['1', '3', 'x'] });
    const { network, ids } = addNeuronsWithIds(net, [{ role: 'hidden' }, { role: 'output' }, { role: 'hidden' }], initContext());
    expect(ids).toEqual(['2', '4', '5']);
    expect(network.outputs).toEqual(['4']);
    expect(network.neurons.map((n) => n.id)).toEqual(['0', '1', '3', 'x', '2', '4', '5']);
  });

  it('does not give an automatic id that is claimed later in the same call', () => {
    const { ids } = addNeuronsWithIds(makeNetwork({}), [{ role: 'hidden' }, { id: '0', role: 'hidden' }], initContext());
    expect(ids).toEqual(['1', '0']);
  });

  it('appends inputs and outputs, sets fields, draws biases (inputs get 0)', () => {
    const net = seedExampleNetwork();
    const out = addNeurons(
      net,
      [
        { id: 'x2', role: 'input' },
        { id: 'h', role: 'hidden', label: 'h', activation: 'tanh', dropout: 0.2, position: { x: 1, y: 2 } },
        { id: 'y3', role: 'output', bias: 0.5 },
      ],
      initContext(9),
    );
    expect(out.inputs).toEqual(['0', 'x2']);
    expect(out.outputs).toEqual(['3', '11', 'y3']);
    expect(neuron(out, 'x2').bias).toBe(0);
    expect(neuron(out, 'h')).toMatchObject({ label: 'h', activation: 'tanh', dropout: 0.2, position: { x: 1, y: 2 } });
    expect(Number.isFinite(neuron(out, 'h').bias)).toBe(true);
    expect(neuron(out, 'y3').bias).toBe(0.5);
    expect(out.edges).toBe(net.edges);
    validateNetwork(out);
  });

  it('accepts awkward ids', () => {
    const out = addNeurons(makeNetwork({}), [{ id: '__proto__', role: 'input' }, { id: 'constructor', role: 'output' }], initContext());
    expect(out.inputs).toEqual(['__proto__']);
    validateNetwork(out);
  });

  it('refuses bad specs', () => {
    const net = seedExampleNetwork();
    const init = initContext();
    expectRefused(net, (n) => addNeurons(n, [{ id: '4', role: 'hidden' }], init), 'graph/duplicate-neuron', 'there is already a neuron 4');
    expectRefused(net, (n) => addNeurons(n, [{ id: 'a', role: 'hidden' }, { id: 'a', role: 'input' }], init), 'graph/duplicate-neuron');
    expectRefused(net, (n) => addNeurons(n, [{ id: '', role: 'hidden' }], init), 'graph/bad-id');
    expectRefused(net, (n) => addNeurons(n, [{ role: 'hidden', dropout: 2 }], init), 'graph/dropout-range');
    expectRefused(net, (n) => addNeurons(n, [{ role: 'hidden', activation: 'nope' as never }], init), 'graph/unknown-activation');
    expectRefused(net, (n) => addNeurons(n, [{ role: 'hidden', position: { x: NaN, y: 0 } }], init), 'graph/non-finite');
    expectRefused(net, (n) => addNeurons(n, [{ role: 'boss' as never }], init), 'edit/bad-op', 'boss');
  });
});

describe('removeNeurons', () => {
  it('removes neurons, their connections and their roles', () => {
    const net = seedExampleNetwork();
    const out = removeNeurons(net, ['3', '6']);
    expect(out.neurons.map((n) => n.id)).toEqual(['0', '1', '2', '4', '5', '7', '8', '9', '10', '11']);
    expect(out.outputs).toEqual(['11']);
    expect(out.edges.some((e) => ['3', '6'].includes(e.source) || ['3', '6'].includes(e.target))).toBe(false);
    expect(out.edges).toHaveLength(net.edges.length - 4);
    validateNetwork(out);
  });

  it('refuses an unknown id', () => {
    expectRefused(seedExampleNetwork(), (n) => removeNeurons(n, ['4', '99']), 'graph/unknown-neuron', 'there is no neuron 99');
  });
});

describe('setDropout', () => {
  it('sets every hidden neuron with a number, and 0 removes it', () => {
    const net = seedExampleNetwork();
    const out = setDropout(net, 0.1);
    for (const n of out.neurons) {
      const hidden = !net.inputs.includes(n.id) && !net.outputs.includes(n.id);
      expect(n.dropout).toBe(hidden ? 0.1 : undefined);
    }
    expect(setDropout(out, 0).neurons.every((n) => !('dropout' in n))).toBe(true);
  });

  it('merges a table per neuron, any role', () => {
    const net = setDropout(seedExampleNetwork(), 0.1);
    const out = setDropout(net, { '0': 0.2, '4': 0.5 });
    expect(neuron(out, '0').dropout).toBe(0.2);
    expect(neuron(out, '4').dropout).toBe(0.5);
    expect(neuron(out, '5').dropout).toBe(0.1);
    expect(neuron(out, '5')).toBe(neuron(net, '5'));
    const proto = setDropout(makeNetwork({ hidden: ['__proto__'] }), JSON.parse('{"__proto__": 0.3}'));
    expect(proto.neurons[0]?.dropout).toBe(0.3);
    expect(setDropout(net, new Map([['4', 0.7]])).neurons.find((n) => n.id === '4')?.dropout).toBe(0.7);
  });

  it('refuses out-of-range values and unknown neurons', () => {
    const net = seedExampleNetwork();
    expectRefused(net, (n) => setDropout(n, 1.1), 'graph/dropout-range', 'the dropout of hidden neurons is 1.1');
    expectRefused(net, (n) => setDropout(n, NaN), 'graph/dropout-range');
    expectRefused(net, (n) => setDropout(n, { '4': -1 }), 'graph/dropout-range', 'neuron 4');
    expectRefused(net, (n) => setDropout(n, { nope: 0.1 }), 'graph/unknown-neuron');
  });
});

describe('activations and transforms', () => {
  it('sets and clears a per-neuron activation', () => {
    const net = seedExampleNetwork();
    const out = setActivation(net, ['4', '5'], 'tanh');
    expect(neuron(out, '4').activation).toBe('tanh');
    expect(neuron(out, '6')).toBe(neuron(net, '6'));
    const cleared = setActivation(out, ['4'], null);
    expect('activation' in neuron(cleared, '4')).toBe(false);
    expect(neuron(cleared, '5').activation).toBe('tanh');
  });

  it('refuses non-hidden neurons, unknown ids and names', () => {
    const net = seedExampleNetwork();
    expectRefused(net, (n) => setActivation(n, ['11'], 'tanh'), 'edit/role-conflict', 'only hidden neurons have an activation: 11 is an output');
    expectRefused(net, (n) => setActivation(n, ['0'], 'tanh'), 'edit/role-conflict', '0 is an input');
    expectRefused(net, (n) => setActivation(n, ['x'], 'tanh'), 'graph/unknown-neuron');
    expectRefused(net, (n) => setActivation(n, ['4'], 'swish' as never), 'graph/unknown-activation');
  });

  it('sets the hidden activation and the output transform', () => {
    const net = seedExampleNetwork();
    expect(setHiddenActivation(net, 'gelu').hiddenActivation).toBe('gelu');
    expect(setOutputTransform(net, 'softmax').outputTransform).toBe('softmax');
    expectRefused(net, (n) => setHiddenActivation(n, 'x' as never), 'graph/unknown-activation');
    expectRefused(net, (n) => setOutputTransform(n, 'x' as never), 'graph/unknown-output-transform');
  });
});

describe('setRole', () => {
  it('turns a sink into an output at an index, and back into a hidden neuron', () => {
    const net = removeNeurons(seedExampleNetwork(), ['11']);
    const out = setRole(net, '8', 'output', 0);
    expect(out.outputs).toEqual(['8', '3']);
    validateNetwork(out);
    const back = setRole(out, '8', 'hidden');
    expect(back.outputs).toEqual(['3']);
    expect(neuron(back, '8')).toBe(neuron(net, '8'));
  });

  it('moves within the same role list when given an index', () => {
    const net = seedExampleNetwork();
    expect(setRole(net, '11', 'output', 0).outputs).toEqual(['11', '3']);
    expect(setRole(net, '11', 'output')).toBe(net);
  });

  it('turns a source into an input and an output into an input', () => {
    const net = makeNetwork({ inputs: ['0'], outputs: ['9'], hidden: ['h'], edges: [['h', '9']] });
    expect(setRole(net, 'h', 'input').inputs).toEqual(['0', 'h']);
    expect(setRole(makeNetwork({ inputs: ['0'], outputs: ['9'] }), '9', 'input', 0).inputs).toEqual(['9', '0']);
  });

  it('refuses when the connections would become invalid', () => {
    const net = seedExampleNetwork();
    expectRefused(net, (n) => setRole(n, '4', 'input'), 'edit/role-conflict', 'neuron 4 cannot become an input: input neurons receive no connections, and it receives 1 -> 4, 2 -> 4; remove them first');
    expectRefused(net, (n) => setRole(n, '4', 'output'), 'edit/role-conflict', 'neuron 4 cannot become an output: output neurons send no connections, and it sends 4 -> 6; remove it first');
    expectRefused(net, (n) => setRole(n, '0', 'output'), 'edit/role-conflict');
  });

  it('refuses a bad index or id', () => {
    const net = removeNeurons(seedExampleNetwork(), ['11']);
    expectRefused(net, (n) => setRole(n, '8', 'output', 2), 'edit/bad-order', 'from 0 to 1');
    expectRefused(net, (n) => setRole(n, '8', 'output', 0.5), 'edit/bad-order');
    expectRefused(net, (n) => setRole(n, '8', 'output', -1), 'edit/bad-order');
    expectRefused(net, (n) => setRole(n, 'x', 'output'), 'graph/unknown-neuron');
  });
});

describe('reorderInputs / reorderOutputs', () => {
  const net = makeNetwork({ inputs: ['a', 'b', 'c'], outputs: ['y', 'z'] });

  it('accepts a permutation', () => {
    expect(reorderInputs(net, ['c', 'a', 'b']).inputs).toEqual(['c', 'a', 'b']);
    expect(reorderOutputs(net, ['z', 'y']).outputs).toEqual(['z', 'y']);
  });

  it('refuses anything else', () => {
    expectRefused(net, (n) => reorderInputs(n, ['a', 'b']), 'edit/bad-order', 'leaves out c');
    expectRefused(net, (n) => reorderInputs(n, ['a', 'b', 'b']), 'edit/bad-order', 'names b twice');
    expectRefused(net, (n) => reorderInputs(n, ['a', 'b', 'c', 'y']), 'edit/bad-order', 'names y, which is not one of the inputs');
    expectRefused(net, (n) => reorderOutputs(n, ['y']), 'edit/bad-order');
  });
});

describe('setBias / setWeight / setLabel / moveNeurons', () => {
  const net = seedExampleNetwork();

  it('setBias', () => {
    const out = setBias(net, '4', 0.5);
    expect(neuron(out, '4').bias).toBe(0.5);
    expect(neuron(out, '5')).toBe(neuron(net, '5'));
    expectRefused(net, (n) => setBias(n, '4', NaN), 'graph/non-finite', 'the bias of neuron 4 is NaN');
    expectRefused(net, (n) => setBias(n, 'x', 1), 'graph/unknown-neuron');
  });

  it('setWeight', () => {
    const out = setWeight(net, '1', '4', 0.5);
    expect(weightOf(out, '1', '4')).toBe(0.5);
    expect(out.edges.map((e) => [e.source, e.target])).toEqual(net.edges.map((e) => [e.source, e.target]));
    expectRefused(net, (n) => setWeight(n, '1', '5', 1), 'edit/unknown-connection', 'there is no connection 1 -> 5');
    expectRefused(net, (n) => setWeight(n, '1', '4', Infinity), 'graph/non-finite', 'the weight of the connection 1 -> 4');
    expectRefused(net, (n) => setWeight(n, '1', 'q', 1), 'graph/unknown-neuron');
  });

  it('setLabel', () => {
    const out = setLabel(net, '4', 'h');
    expect(neuron(out, '4').label).toBe('h');
    expect('label' in neuron(setLabel(out, '4', null), '4')).toBe(false);
    expect('label' in neuron(setLabel(out, '4', ''), '4')).toBe(false);
    expectRefused(net, (n) => setLabel(n, 'x', 'h'), 'graph/unknown-neuron');
  });

  it('moveNeurons', () => {
    const out = moveNeurons(net, { '4': { x: 1, y: 2 } });
    expect(neuron(out, '4').position).toEqual({ x: 1, y: 2 });
    expect(neuron(out, '5')).toBe(neuron(net, '5'));
    expectRefused(net, (n) => moveNeurons(n, { '4': { x: 1, y: NaN } }), 'graph/non-finite', 'the position y of neuron 4');
    expectRefused(net, (n) => moveNeurons(n, { nope: { x: 1, y: 2 } }), 'graph/unknown-neuron');
    // An own "__proto__" key (as JSON.parse makes it) names the neuron "__proto__".
    const awkward = makeNetwork({ hidden: ['__proto__'] });
    const moved = moveNeurons(awkward, JSON.parse('{"__proto__": {"x": 5, "y": 6}}'));
    expect(moved.neurons[0]?.position).toEqual({ x: 5, y: 6 });
  });
});

describe('parameters follow ids, not positions', () => {
  it('removing a neuron keeps every other weight and bias identical', () => {
    const net = seedExampleNetwork(7);
    const out = removeNeurons(net, ['2']);
    for (const n of out.neurons) expect(Object.is(n.bias, neuron(net, n.id).bias)).toBe(true);
    for (const e of out.edges) expect(Object.is(e.weight, weightOf(net, e.source, e.target))).toBe(true);
  });
});
