// The store's actions: every edit goes through the engine, refusals change nothing and say why, undo/redo steps
// are document changes only, and training write-backs neither create steps nor lose what was learned.
import { describe, expect, it } from 'vitest';
import { createConnexStore } from '@/components/state/store';
import { seedNetwork } from '@/engine/graph/seedExample';
import { edgeKey, type Network } from '@/engine/graph/types';
import { makeNetwork } from '../../helpers/factories';

function store(network: Network = seedNetwork()) {
  return createConnexStore({ network, seed: 1 });
}

const steps = (s: ReturnType<typeof store>) => s.temporal.getState().pastStates.length;

describe('applyEditOp', () => {
  it('applies an engine edit as one undo step and reports it as a change', () => {
    const s = store();
    expect(s.getState().applyEditOp({ op: 'addConnections', connections: [['1', '6']] })).toBe(true);
    const { network, revision, lastChange } = s.getState();
    expect(network.edges).toHaveLength(15);
    expect(revision).toBe(1);
    const weight = network.edges.find((e) => e.source === '1' && e.target === '6')!.weight;
    expect(lastChange).toEqual({ revision: 1, kind: 'edit', ops: [{ op: 'addConnections', connections: [['1', '6']], weights: [weight] }] });
    expect(steps(s)).toBe(1);
  });

  it('refuses an invalid edit with the engine message and leaves the document untouched', () => {
    const s = store();
    const before = s.getState().network;
    expect(s.getState().applyEditOp({ op: 'setRole', id: '4', role: 'input' })).toBe(false);
    expect(s.getState().network).toBe(before);
    expect(s.getState().notice?.tone).toBe('error');
    expect(s.getState().notice?.text).toMatch(/cannot become an input: input neurons receive no connections/);
    expect(steps(s)).toBe(0);
    expect(s.getState().revision).toBe(0);
  });

  it('applies several edits all or nothing, as one step', () => {
    const s = store();
    const before = s.getState().network;
    const ok = s.getState().applyEditOps([
      { op: 'setDropout', p: 0.2 },
      { op: 'addConnections', connections: [['6', '2']] },
    ]);
    expect(ok).toBe(false);
    expect(s.getState().network).toBe(before);
    expect(s.getState().applyEditOps([{ op: 'setDropout', p: 0.2 }, { op: 'setHiddenActivation', activation: 'tanh' }])).toBe(true);
    expect(steps(s)).toBe(1);
    expect(s.getState().network.neurons.find((n) => n.id === '4')?.dropout).toBe(0.2);
    expect(s.getState().network.neurons.find((n) => n.id === '0')?.dropout).toBeUndefined();
  });

  it('sets dropout on several neurons at once', () => {
    const s = store();
    s.getState().applyEditOp({ op: 'setDropout', neurons: { '4': 0.3, '5': 0.3 } });
    const d = Object.fromEntries(s.getState().network.neurons.map((n) => [n.id, n.dropout ?? 0]));
    expect(d['4']).toBe(0.3);
    expect(d['5']).toBe(0.3);
    expect(d['6']).toBe(0);
  });
});

describe('connect', () => {
  it('adds a valid connection and selects it', () => {
    const s = store();
    expect(s.getState().connect('1', '6')).toBe(true);
    expect(s.getState().selectedEdges).toEqual([edgeKey('1', '6')]);
  });

  it.each([
    ['6', '2', 'connecting 6 -> 2 would close the cycle 2 -> 4 -> 6 -> 2'],
    ['4', '0', 'input neurons receive no connections'],
    ['3', '4', 'output neurons send no connections'],
    ['4', '4', 'cannot connect to itself'],
    ['1', '4', 'already connected'],
  ])('refuses %s -> %s in the engine’s words', (source, target, words) => {
    const s = store();
    const before = s.getState().network;
    expect(s.getState().connect(source, target)).toBe(false);
    expect(s.getState().network).toBe(before);
    expect(s.getState().notice?.text).toContain(words);
  });
});

describe('neurons', () => {
  it('adds a hidden neuron at a position, selects it, and names its id and bias in the change', () => {
    const s = store();
    const id = s.getState().addNeuron({ x: 10.4, y: -3.6 });
    expect(id).toBe('12');
    const neuron = s.getState().network.neurons.find((n) => n.id === id);
    expect(neuron?.position).toEqual({ x: 10, y: -4 });
    expect(s.getState().selectedNeurons).toEqual(['12']);
    expect(s.getState().lastChange).toMatchObject({
      kind: 'edit',
      ops: [{ op: 'addNeurons', neurons: [{ id: '12', role: 'hidden', bias: neuron?.bias }] }],
    });
  });

  it('deletes the selected neurons with their connections in one step, and undo brings them back', () => {
    const s = store();
    const before = s.getState().network;
    s.getState().setSelection(['4'], [edgeKey('5', '7')]);
    s.getState().deleteSelection();
    const after = s.getState().network;
    expect(after.neurons.map((n) => n.id)).not.toContain('4');
    // 1->4, 2->4, 4->6 go with neuron 4; 5->7 was selected.
    expect(after.edges).toHaveLength(14 - 4);
    expect(s.getState().selectedNeurons).toEqual([]);
    expect(s.getState().notice?.text).toMatch(/Deleted 1 neuron and 4 connections/);
    expect(steps(s)).toBe(1);
    s.getState().undo();
    expect(s.getState().network).toEqual(before);
    expect(s.getState().lastChange?.kind).toBe('undo');
    s.getState().redo();
    expect(s.getState().network).toEqual(after);
  });

  it('drops deleted ids from the selection after undo of an add', () => {
    const s = store();
    s.getState().addNeuron({ x: 0, y: 0 });
    expect(s.getState().selectedNeurons).toEqual(['12']);
    s.getState().undo();
    expect(s.getState().selectedNeurons).toEqual([]);
  });
});

describe('selection', () => {
  it('applies React Flow selection flips and selects all', () => {
    const s = store();
    s.getState().changeSelection({ neurons: [['4', true], ['5', true]] });
    s.getState().changeSelection({ neurons: [['4', false]], edges: [[edgeKey('0', '1'), true]] });
    expect(s.getState().selectedNeurons).toEqual(['5']);
    expect(s.getState().selectedEdges).toEqual([edgeKey('0', '1')]);
    s.getState().selectAll();
    expect(s.getState().selectedNeurons).toHaveLength(12);
    expect(s.getState().selectedEdges).toHaveLength(14);
    expect(steps(s)).toBe(0);
  });
});

describe('dragging', () => {
  it('shows positions while dragging without touching the document, then commits one step', () => {
    const s = store();
    const before = s.getState().network;
    s.getState().dragNeurons({ '4': { x: 1, y: 2 } }, false);
    s.getState().dragNeurons({ '4': { x: 5, y: 6 }, '5': { x: 7, y: 8 } }, false);
    expect(s.getState().network).toBe(before);
    expect(s.getState().dragPositions).toEqual({ '4': { x: 5, y: 6 }, '5': { x: 7, y: 8 } });
    s.getState().dragNeurons({ '4': { x: 9, y: 9 } }, true);
    const moved = s.getState().network.neurons;
    expect(moved.find((n) => n.id === '4')?.position).toEqual({ x: 9, y: 9 });
    expect(moved.find((n) => n.id === '5')?.position).toEqual({ x: 7, y: 8 });
    expect(s.getState().dragPositions).toBeNull();
    expect(steps(s)).toBe(1);
  });

  it('tidies the layout as one step and fits the view', () => {
    const s = store();
    s.getState().applyEditOp({ op: 'moveNeurons', positions: { '4': { x: 999, y: 999 } } });
    const view = s.getState().viewRequest;
    s.getState().tidyLayout();
    expect(s.getState().network.neurons.find((n) => n.id === '4')?.position?.x).toBe(384) // column 2 of 6, columns 192 px apart;
    expect(s.getState().viewRequest).toBe(view + 1);
    expect(steps(s)).toBe(2);
  });
});

describe('mergeParameters', () => {
  it('takes trained parameters without an undo step, without moving the view or the selection', () => {
    const s = store();
    s.getState().setSelection(['4'], []);
    const trained = { ...s.getState().network, edges: s.getState().network.edges.map((e) => ({ ...e, weight: 0.5 })) };
    s.getState().mergeParameters(trained);
    expect(s.getState().network.edges.every((e) => e.weight === 0.5)).toBe(true);
    expect(s.getState().lastChange).toEqual({ revision: 1, kind: 'merge' });
    expect(steps(s)).toBe(0);
    expect(s.getState().viewRequest).toBe(0);
    expect(s.getState().selectedNeurons).toEqual(['4']);
  });

  it('only takes parameters onto the current structure (a late snapshot cannot undo an edit)', () => {
    const s = store();
    const old = s.getState().network;
    s.getState().connect('1', '6');
    s.getState().mergeParameters({ ...old, edges: old.edges.map((e) => ({ ...e, weight: 2 })) });
    const edges = s.getState().network.edges;
    expect(edges).toHaveLength(15);
    expect(edges.find((e) => e.source === '1' && e.target === '6')?.weight).not.toBe(2);
    expect(edges.find((e) => e.source === '0' && e.target === '1')?.weight).toBe(2);
  });

  it('sends an added connection with the weight it drew, so the worker holds the same number', () => {
    const s = store();
    s.getState().connect('1', '6');
    const change = s.getState().lastChange;
    const drawn = s.getState().network.edges.find((e) => e.source === '1' && e.target === '6')!.weight;
    expect(change).toMatchObject({ kind: 'edit', ops: [{ op: 'addConnections', connections: [['1', '6']], weights: [drawn] }] });
  });

  it('merges live values before an edit, so undoing a delete brings back the trained values', () => {
    const s = store();
    let live: Network | null = null;
    s.getState().setLiveSource(() => ({ network: live }));
    const net = s.getState().network;
    live = { ...net, neurons: net.neurons.map((n) => ({ ...n, bias: 0.25 })), edges: net.edges.map((e) => ({ ...e, weight: 0.75 })) };
    s.getState().setSelection(['5'], []);
    s.getState().deleteSelection();
    // The worker no longer has neuron 5; its other values moved on.
    live = { ...s.getState().network, edges: s.getState().network.edges.map((e) => ({ ...e, weight: 0.5 })) };
    s.getState().undo();
    const back = s.getState().network;
    expect(back.neurons.find((n) => n.id === '5')?.bias).toBe(0.25);
    const touching = back.edges.filter((e) => e.source === '5' || e.target === '5');
    expect(touching.length).toBeGreaterThan(0);
    expect(touching.every((e) => e.weight === 0.75)).toBe(true);
    // Survivors keep what was learned after the delete.
    expect(back.edges.filter((e) => e.source !== '5' && e.target !== '5').every((e) => e.weight === 0.5)).toBe(true);
    // The worker is told exactly that: neuron 5 and its connections with their values.
    const change = s.getState().lastChange;
    expect(change?.kind).toBe('undo');
    const ops = change && 'ops' in change ? change.ops : [];
    expect(ops).toContainEqual({ op: 'addNeurons', neurons: [{ id: '5', role: 'hidden', bias: 0.25 }] });
    const added = ops.find((op) => op.op === 'addConnections');
    expect(added && 'weights' in added ? added.weights : []).toEqual(touching.map(() => 0.75));
    s.getState().setLiveSource(null);
  });

  it('undoing a weight typed by hand restores the old weight, also after training', () => {
    const s = store();
    const before = s.getState().network.edges.find((e) => e.source === '0' && e.target === '1')!.weight;
    s.getState().applyEditOp({ op: 'setWeight', source: '0', target: '1', weight: 3 });
    const net = s.getState().network;
    s.getState().mergeParameters({ ...net, edges: net.edges.map((e) => ({ ...e, weight: e.source === '0' && e.target === '1' ? 3 : 0.5 })) });
    s.getState().undo();
    const edges = s.getState().network.edges;
    expect(edges.find((e) => e.source === '0' && e.target === '1')!.weight).toBe(before);
    expect(edges.filter((e) => !(e.source === '0' && e.target === '1')).every((e) => e.weight === 0.5)).toBe(true);
    const change = s.getState().lastChange;
    expect(change && 'ops' in change ? change.ops : []).toEqual([{ op: 'setWeight', source: '0', target: '1', weight: before }]);
  });

  it('undoing an opened document brings the old one back whole, as a load', () => {
    const s = store();
    const old = s.getState().network;
    s.getState().loadPreset('xor');
    s.getState().mergeParameters({ ...s.getState().network, edges: s.getState().network.edges.map((e) => ({ ...e, weight: 9 })) });
    s.getState().undo();
    expect(s.getState().network).toBe(old);
    expect(s.getState().lastChange).toMatchObject({ kind: 'load', source: 'undo' });
  });
});

describe('documents', () => {
  it('opens a preset as one undoable step and asks the view to fit it', () => {
    const s = store();
    s.getState().loadPreset('xor');
    expect(s.getState().network.inputs).toEqual(['0', '1']);
    expect(s.getState().name).toBe('xor');
    expect(s.getState().viewRequest).toBe(1);
    expect(s.getState().lastChange).toMatchObject({ kind: 'load', source: 'preset' });
    s.getState().loadPreset('empty');
    expect(s.getState().network.neurons).toEqual([]);
    s.getState().undo();
    s.getState().undo();
    expect(s.getState().network.neurons).toHaveLength(12);
    expect(s.getState().name).toBe('network');
  });

  it('lays out an imported network that has no positions', () => {
    const s = store();
    const bare = makeNetwork({ inputs: ['a'], outputs: ['c'], edges: [['a', 'b'], ['b', 'c']] });
    expect(s.getState().loadDocument({ network: bare }, { name: 'bare', source: 'import' })).toBe(true);
    const xs = s.getState().network.neurons.map((n) => n.position?.x);
    expect(xs).toEqual([0, 240, 480]);
  });

  it('restores an autosave without an undo step', () => {
    const s = store();
    s.getState().connect('1', '6');
    s.getState().loadDocument({ network: seedNetwork(3) }, { name: 'saved', source: 'restore' });
    expect(steps(s)).toBe(0);
    expect(s.getState().lastChange).toMatchObject({ kind: 'load', source: 'restore' });
  });

  it('clears a refusal once an edit works, but keeps a sticky notice (storage problems)', () => {
    const s = store();
    s.getState().connect('6', '2');
    expect(s.getState().notice?.tone).toBe('error');
    s.getState().connect('1', '6');
    expect(s.getState().notice).toBeNull();
    s.getState().notify('error', 'Autosave failed', { sticky: true });
    s.getState().connect('1', '7');
    expect(s.getState().notice?.text).toBe('Autosave failed');
  });

  it('refuses Delete with nothing selected, with a hint', () => {
    const s = store();
    s.getState().deleteSelection();
    expect(s.getState().notice?.tone).toBe('info');
    expect(s.getState().revision).toBe(0);
  });
});
