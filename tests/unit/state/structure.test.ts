// Structure tokens: a training write-back keeps the structure (so validation, levels, compiled evaluators and the
// canvas's view objects are reused), while any structural or visible change makes a new one.
import { describe, expect, it } from 'vitest';
import { trainingBlocker } from '@/components/runtime/trainingBlocker';
import { createConnexStore } from '@/components/state/store';
import { connectionByKey, memoByStructure, neuronById, structureOf } from '@/components/state/structure';
import { seedNetwork } from '@/engine/graph/seedExample';
import { edgeKey, type Network } from '@/engine/graph/types';

/** The network with every weight and bias moved, as a training snapshot would. */
function trained(network: Network, by = 0.25): Network {
  return {
    ...network,
    neurons: network.neurons.map((n) => ({ ...n, bias: n.bias + by })),
    edges: network.edges.map((e) => ({ ...e, weight: e.weight - by })),
  };
}

describe('structure tokens', () => {
  it('a parameter write-back keeps the token; an edit, an undo and a load make new ones', () => {
    const store = createConnexStore({ network: seedNetwork(), seed: 1 });
    const first = store.getState().network;
    store.getState().replaceNetwork(trained(first), { recordHistory: false });
    const written = store.getState().network;
    expect(written).not.toBe(first);
    expect(written.edges[0]!.weight).toBeCloseTo(first.edges[0]!.weight - 0.25);
    expect(structureOf(written)).toBe(structureOf(first));

    store.getState().applyEditOp({ op: 'addConnections', connections: [['1', '6']] });
    const edited = store.getState().network;
    expect(structureOf(edited)).not.toBe(structureOf(written));
    store.getState().applyEditOp({ op: 'setDropout', neurons: { '4': 0.2 } });
    expect(structureOf(store.getState().network)).not.toBe(structureOf(edited));
    store.temporal.getState().undo();
    expect(structureOf(store.getState().network)).not.toBe(structureOf(written));
    // A full (undoable) replace is not a write-back either.
    const before = store.getState().network;
    store.getState().replaceNetwork(trained(before));
    expect(structureOf(store.getState().network)).not.toBe(structureOf(before));
  });

  it('memoByStructure answers a write-back from its cache and recomputes after an edit', () => {
    let calls = 0;
    const count = memoByStructure((n: Network) => {
      calls += 1;
      return { edges: n.edges.length };
    });
    const store = createConnexStore({ network: seedNetwork(), seed: 1 });
    const a = count(store.getState().network);
    store.getState().replaceNetwork(trained(store.getState().network), { recordHistory: false });
    expect(count(store.getState().network)).toBe(a);
    expect(calls).toBe(1);
    store.getState().applyEditOp({ op: 'removeConnections', connections: [['0', '3']] });
    expect(count(store.getState().network)).toEqual({ edges: 13 });
    expect(calls).toBe(2);
  });

  it('trainingBlocker is cached per structure and data shape, and still answers each shape', () => {
    const net = seedNetwork();
    expect(trainingBlocker(net, { inputs: 1, outputs: 2 })).toBeNull();
    expect(trainingBlocker(net, { inputs: 2, outputs: 2 })).toMatch(/2 inputs/);
    expect(trainingBlocker(net, { inputs: 1, outputs: 2 })).toBeNull();
    const noOutputs: Network = { ...net, outputs: [] };
    expect(trainingBlocker(noOutputs, { inputs: 1, outputs: 2 })).toMatch(/output/);
  });

  it('looks up connections and neurons by key on the current network object', () => {
    const net = seedNetwork();
    expect(connectionByKey(net, edgeKey('0', '3'))?.weight).toBe(net.edges.find((e) => e.source === '0' && e.target === '3')!.weight);
    expect(connectionByKey(net, edgeKey('3', '0'))).toBeUndefined();
    const next = trained(net);
    expect(connectionByKey(next, edgeKey('0', '3'))?.weight).toBeCloseTo(connectionByKey(net, edgeKey('0', '3'))!.weight - 0.25);
    expect(neuronById(next, '4')?.bias).toBeCloseTo(neuronById(net, '4')!.bias + 0.25);
  });
});
