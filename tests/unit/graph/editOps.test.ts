import { describe, it, expect } from 'vitest';
import { seedExampleNetwork } from '../../helpers/factories';
import { applyEdit, applyEdits, describeEdit, parseEditOps, type EditOp } from '../../../engine/graph/editOps';
import * as edits from '../../../engine/graph/edits';
import { GraphError } from '../../../engine/graph/GraphError';
import { initContext } from '../../../engine/graph/init';
import { validateNetwork } from '../../../engine/graph/validate';

function thrown(f: () => unknown): GraphError {
  try {
    f();
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a GraphError');
}

/** One of every op, in the documented JSON shape, valid in sequence on the seed example. */
const ALL_OPS_JSON = `[
  {"op": "addConnections", "connections": [["1", "6"]]},
  {"op": "removeConnections", "connections": [["2", "5"]]},
  {"op": "addNeurons", "neurons": [{"id": "h", "role": "hidden"}, {"role": "output", "label": "y3", "position": {"x": 900, "y": 0}}]},
  {"op": "removeNeurons", "ids": ["9"]},
  {"op": "setDropout", "p": 0.1},
  {"op": "setDropout", "neurons": {"4": 0.2, "0": 0.05}},
  {"op": "setActivation", "ids": ["4"], "activation": "tanh"},
  {"op": "setActivation", "ids": ["5"], "activation": null},
  {"op": "setHiddenActivation", "activation": "relu"},
  {"op": "setOutputTransform", "transform": "softmax"},
  {"op": "setRole", "id": "h", "role": "input", "index": 0},
  {"op": "reorderInputs", "ids": ["0", "h"]},
  {"op": "reorderOutputs", "ids": ["11", "3", "12"]},
  {"op": "setBias", "id": "4", "bias": 0.5},
  {"op": "setWeight", "source": "1", "target": "4", "weight": 0.5},
  {"op": "setLabel", "id": "4", "label": "h"},
  {"op": "setLabel", "id": "4", "label": null},
  {"op": "moveNeurons", "positions": {"4": {"x": 1, "y": 2}}}
]`;

describe('parseEditOps', () => {
  it('accepts every op in the documented JSON shape', () => {
    const ops = parseEditOps(JSON.parse(ALL_OPS_JSON));
    expect(ops).toHaveLength(18);
    expect(ops[0]).toEqual({ op: 'addConnections', connections: [['1', '6']] });
    expect(ops[10]).toEqual({ op: 'setRole', id: 'h', role: 'input', index: 0 });
    expect(JSON.parse(JSON.stringify(ops))).toEqual(JSON.parse(ALL_OPS_JSON));
  });

  it('keeps an own "__proto__" key of an id table', () => {
    const [op] = parseEditOps(JSON.parse('[{"op": "setDropout", "neurons": {"__proto__": 0.2, "constructor": 0.1}}]'));
    expect(op?.op === 'setDropout' && 'neurons' in op && Object.keys(op.neurons)).toEqual(['__proto__', 'constructor']);
  });

  it.each([
    [{}, 'ops must be a list of edit operations'],
    [[3], 'ops[0] must be an object with an "op" field'],
    [[{}], 'ops[0].op is missing; use one of addConnections'],
    [[{ op: 'connect' }], 'ops[0].op "connect" is not an edit'],
    [[{ op: 'setDropout', p: 0.1 }, { op: 'setDropout', p: 0.1 }, { op: 'addConnections', connections: [['1']] }], 'ops[2].connections[0] must be a pair of neuron ids'],
    [[{ op: 'addConnections', connections: [['1', 6]] }], 'ops[0].connections[0] must be a pair of neuron ids'],
    [[{ op: 'addConnections' }], 'ops[0].connections is missing'],
    [[{ op: 'addConnections', connections: [], extra: 1 }], 'ops[0] has the unknown field "extra"'],
    [[{ op: 'removeNeurons', ids: ['4', ''] }], 'ops[0].ids[1] must be a neuron id (a non-empty string)'],
    [[{ op: 'addNeurons', neurons: [{ role: 'boss' }] }], 'ops[0].neurons[0].role must be "input", "hidden" or "output"'],
    [[{ op: 'setDropout', p: '0.1' }], 'ops[0].p must be a finite number'],
    [[{ op: 'setDropout' }], 'ops[0] must have either "p"'],
    [[{ op: 'setDropout', neurons: { 'a b': 'x' } }], 'ops[0].neurons["a b"] must be a probability'],
    [[{ op: 'setActivation', ids: ['4'], activation: 'swish' }], 'ops[0].activation must be null or one of identity, relu'],
    [[{ op: 'setOutputTransform', transform: 'x' }], 'ops[0].transform must be one of identity, sigmoid, tanh, softmax'],
    [[{ op: 'setRole', id: '4', role: 'output', index: 1.5 }], 'ops[0].index must be a whole number'],
    [[{ op: 'setLabel', id: '4' }], 'ops[0].label is missing'],
    [[{ op: 'moveNeurons', positions: { '4': { x: 1 } } }], 'ops[0].positions["4"] must be a position'],
  ])('rejects %j with edit/bad-op', (value, message) => {
    const e = thrown(() => parseEditOps(value));
    expect(e.code).toBe('edit/bad-op');
    expect(e.message).toContain(message);
  });
});

describe('applyEdit', () => {
  it('applies each op like the edit function it names', () => {
    const net = seedExampleNetwork();
    expect(applyEdit(net, { op: 'addConnections', connections: [['1', '6']] }, initContext(4))).toEqual(
      edits.addConnections(net, [['1', '6']], initContext(4)),
    );
    expect(applyEdit(net, { op: 'setDropout', p: 0.1 }, initContext())).toEqual(edits.setDropout(net, 0.1));
    expect(applyEdit(net, { op: 'setDropout', neurons: { '4': 0.2 } }, initContext())).toEqual(edits.setDropout(net, { '4': 0.2 }));
    expect(applyEdit(net, { op: 'setRole', id: '11', role: 'output', index: 0 }, initContext())).toEqual(
      edits.setRole(net, '11', 'output', 0),
    );
  });

  it('applies a whole parsed sequence to a valid network, leaving the input alone', () => {
    const net = seedExampleNetwork();
    const before = structuredClone(net);
    const out = applyEdits(net, parseEditOps(JSON.parse(ALL_OPS_JSON)), initContext(1));
    expect(net).toEqual(before);
    validateNetwork(out);
    expect(out.inputs).toEqual(['0', 'h']);
    expect(out.outputs).toEqual(['11', '3', '12']);
    expect(out.outputTransform).toBe('softmax');
    const n4 = out.neurons.find((n) => n.id === '4');
    expect(n4).toMatchObject({ bias: 0.5, activation: 'tanh', dropout: 0.2, position: { x: 1, y: 2 } });
    expect(n4 && 'label' in n4).toBe(false);
    expect(out.neurons.some((n) => n.id === '9')).toBe(false);
  });

  it('applyEdits names the failing op and keeps its code', () => {
    const ops: EditOp[] = [
      { op: 'setDropout', p: 0.1 },
      { op: 'addConnections', connections: [['6', '2']] },
    ];
    const e = thrown(() => applyEdits(seedExampleNetwork(), ops, initContext()));
    expect(e.code).toBe('graph/cycle');
    expect(e.message).toBe('ops[1] (+ 6 -> 2): connecting 6 -> 2 would close the cycle 2 -> 4 -> 6 -> 2');
    expect(e.path).toBe('ops[1]');
  });
});

describe('describeEdit', () => {
  it.each<[EditOp, string]>([
    [{ op: 'addConnections', connections: [['1', '6']] }, '+ 1 -> 6'],
    [{ op: 'addConnections', connections: [['1', '6'], ['2', '7'], ['3', '8'], ['4', '9']] }, '+ 1 -> 6, 2 -> 7, 3 -> 8 and 1 more'],
    [{ op: 'removeConnections', connections: [['2', '5']] }, '- 2 -> 5'],
    [{ op: 'addNeurons', neurons: [{ id: 'h', role: 'hidden' }] }, '+ neuron h'],
    [{ op: 'addNeurons', neurons: [{ role: 'hidden' }] }, '+ hidden neuron'],
    [{ op: 'addNeurons', neurons: [{ role: 'hidden' }, { role: 'input' }] }, '+ 2 neurons'],
    [{ op: 'removeNeurons', ids: ['9'] }, '- neuron 9'],
    [{ op: 'removeNeurons', ids: ['9', '10'] }, '- neurons 9, 10'],
    [{ op: 'setDropout', p: 0.1 }, 'dropout 0.1 on hidden neurons'],
    [{ op: 'setDropout', neurons: { '4': 0.2, '5': 0.2 } }, 'dropout 0.2 on 4, 5'],
    [{ op: 'setDropout', neurons: { '4': 0.2, '5': 0.3 } }, 'dropout on 4, 5'],
    [{ op: 'setActivation', ids: ['4'], activation: 'tanh' }, 'tanh on 4'],
    [{ op: 'setActivation', ids: ['4'], activation: null }, 'default activation on 4'],
    [{ op: 'setHiddenActivation', activation: 'relu' }, 'hidden activation relu'],
    [{ op: 'setOutputTransform', transform: 'softmax' }, 'output transform softmax'],
    [{ op: 'setRole', id: '4', role: 'output', index: 0 }, '4 becomes an output'],
    [{ op: 'setRole', id: '4', role: 'hidden' }, '4 becomes hidden'],
    [{ op: 'reorderInputs', ids: ['1', '0'] }, 'reorder inputs: 1, 0'],
    [{ op: 'reorderOutputs', ids: ['11', '3'] }, 'reorder outputs: 11, 3'],
    [{ op: 'setBias', id: '4', bias: 0.5 }, 'bias of 4 = 0.5'],
    [{ op: 'setWeight', source: '1', target: '4', weight: 0.5 }, 'weight 1 -> 4 = 0.5'],
    [{ op: 'setLabel', id: '4', label: 'h' }, 'label 4 "h"'],
    [{ op: 'setLabel', id: '4', label: null }, 'no label on 4'],
    [{ op: 'moveNeurons', positions: { '4': { x: 1, y: 2 } } }, 'move 4'],
  ])('%j -> %s', (op, label) => {
    expect(describeEdit(op)).toBe(label);
  });
});
