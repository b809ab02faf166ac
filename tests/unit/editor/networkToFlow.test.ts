// The canvas's view data: parameters are not part of it, so a merge of trained values hands React Flow the very same
// node and edge arrays, while edits, selection and drags produce new objects only where something changed.
import { describe, expect, it } from 'vitest';
import { createConnexStore } from '@/components/state/store';
import { createFlowProjector, handleGeometry, NEURON_SIZE, VIRTUALIZE_ABOVE } from '@/components/editor/networkToFlow';
import { lookColor, lookWeight, weightLook, WEIGHT_COLORS } from '@/components/editor/weightStyle';
import { seedNetwork } from '@/engine/graph/seedExample';
import { edgeKey, type Network } from '@/engine/graph/types';

function trained(network: Network): Network {
  return {
    ...network,
    neurons: network.neurons.map((n) => ({ ...n, bias: n.bias - 1 })),
    edges: network.edges.map((e) => ({ ...e, weight: -e.weight })),
  };
}

describe('createFlowProjector', () => {
  it('returns the same arrays after a parameter merge, and new objects only for what an edit touched', () => {
    const store = createConnexStore({ network: seedNetwork(), seed: 1 });
    const project = createFlowProjector();
    const first = project(store.getState().network);
    expect(first.edges.every((e) => e.type === 'weighted' && !('weight' in (e.data ?? {})))).toBe(true);
    expect(first.nodes.every((n) => !('bias' in n.data))).toBe(true);

    store.getState().mergeParameters(trained(store.getState().network));
    const afterTraining = project(store.getState().network);
    expect(afterTraining.nodes).toBe(first.nodes);
    expect(afterTraining.edges).toBe(first.edges);

    store.getState().applyEditOp({ op: 'addConnections', connections: [['1', '6']] });
    const afterEdit = project(store.getState().network);
    expect(afterEdit.edges).not.toBe(first.edges);
    expect(afterEdit.edges).toHaveLength(first.edges.length + 1);
    // Untouched connections and neurons keep their objects.
    const old = new Map(first.edges.map((e) => [e.id, e]));
    expect(afterEdit.edges.filter((e) => old.get(e.id) === e)).toHaveLength(first.edges.length);
    expect(afterEdit.nodes).toBe(first.nodes);

    const selected = project(store.getState().network, { selectedEdges: new Set([edgeKey('1', '6')]) });
    expect(selected.edges.find((e) => e.id === edgeKey('1', '6'))?.selected).toBe(true);
    expect(selected.edges.filter((e) => old.get(e.id) === e)).toHaveLength(first.edges.length);
  });
});

describe('declared handles', () => {
  it('big networks carry their handles up front (React Flow need not mount every node to measure it); small ones do not', () => {
    const chain = (k: number): Network => ({
      neurons: Array.from({ length: k }, (_, i) => ({ id: `n${i}`, bias: 0, position: { x: i * 180, y: 0 } })),
      edges: Array.from({ length: k - 1 }, (_, i) => ({ source: `n${i}`, target: `n${i + 1}`, weight: 1 })),
      inputs: ['n0'],
      outputs: [`n${k - 1}`],
      hiddenActivation: 'tanh',
      outputTransform: 'identity',
    });
    expect(createFlowProjector()(chain(VIRTUALIZE_ABOVE)).nodes.every((n) => n.handles === undefined)).toBe(true);
    const big = createFlowProjector()(chain(VIRTUALIZE_ABOVE + 1)).nodes;
    expect(big.every((n) => n.handles?.length === 2)).toBe(true);
    // Left to right: the target handle straddles the left side, the source the right one, both at mid-height.
    const [target, source] = handleGeometry('horizontal');
    expect(target).toMatchObject({ type: 'target', position: 'left', y: (NEURON_SIZE - target!.height!) / 2 });
    expect(target!.x).toBeLessThan(0);
    expect(source).toMatchObject({ type: 'source', position: 'right', y: target!.y });
    expect(source!.x + source!.width!).toBeGreaterThan(NEURON_SIZE);
    const [top, bottom] = handleGeometry('vertical');
    expect(top).toMatchObject({ position: 'top', x: target!.y, y: target!.x });
    expect(bottom).toMatchObject({ position: 'bottom', x: source!.y, y: source!.x });
  });
});

describe('weight looks', () => {
  it('change with the visible tenth and the sign, and not below it', () => {
    expect(weightLook(0.31)).toBe(weightLook(0.29));
    expect(weightLook(0.31)).not.toBe(weightLook(0.36));
    expect(weightLook(-0.31)).toBe(-weightLook(0.31));
    expect(lookWeight(weightLook(-1.5))).toBeCloseTo(-1.5);
    expect(lookWeight(weightLook(0.04))).toBe(0);
    expect(lookColor(weightLook(0.04))).toBe(WEIGHT_COLORS.positive);
    expect(lookColor(weightLook(-0.04))).toBe(WEIGHT_COLORS.negative);
    expect(lookColor(weightLook(0))).toBe(WEIGHT_COLORS.zero);
  });
});
