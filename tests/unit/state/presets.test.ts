// The helpers the editor adds to engine/graph: presets are valid networks, tidy layout places by depth in readable columns, and
// carryParameters moves learned numbers by id.
import { describe, expect, it } from 'vitest';
import { carryParameters } from '@/engine/graph/carryParameters';
import { PRESETS } from '@/engine/graph/presets';
import { seedNetwork } from '@/engine/graph/seedExample';
import { NEURON_SIZE, tidyLayout } from '@/engine/graph/tidyLayout';
import { validateNetwork } from '@/engine/graph/validate';
import type { Network } from '@/engine/graph/types';

/** Inputs in the first column, outputs in the last, every neuron right of its sources, no two neurons overlapping. */
function checkDepthLayout(network: Network, positions: Record<string, { x: number; y: number }>) {
  const x = (id: string) => positions[id]!.x;
  for (const e of network.edges) expect(x(e.target)).toBeGreaterThan(x(e.source));
  const xs = network.neurons.map((n) => x(n.id));
  for (const id of network.inputs) expect(x(id)).toBe(Math.min(...xs));
  for (const id of network.outputs) expect(x(id)).toBe(Math.max(...xs));
  for (const column of new Set(xs)) {
    const ys = network.neurons.filter((n) => x(n.id) === column).map((n) => positions[n.id]!.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(NEURON_SIZE + 10);
  }
}

/**
 * The width on screen, in CSS pixels, of a neuron when `positions` are fitted to a canvas of `width` x `height` the way
 * the canvas fits its view (React Flow's fitView with padding 0.1, zoom at most 1.5).
 */
function fittedNeuronSize(positions: Record<string, { x: number; y: number }>, width: number, height: number): number {
  const ps = Object.values(positions);
  const w = Math.max(...ps.map((p) => p.x)) - Math.min(...ps.map((p) => p.x)) + NEURON_SIZE;
  const h = Math.max(...ps.map((p) => p.y)) - Math.min(...ps.map((p) => p.y)) + NEURON_SIZE;
  const zoom = Math.min(width / (w * 1.1), height / (h * 1.1), 1.5);
  return NEURON_SIZE * zoom;
}

describe('presets', () => {
  it.each(PRESETS.filter((p) => p.id !== 'empty').map((p) => [p.id, p] as const))('%s is a valid, laid-out network', (_id, preset) => {
    const network = preset.build();
    expect(() => validateNetwork(network)).not.toThrow();
    expect(network.neurons.every((n) => n.position)).toBe(true);
  });

  it('the dense MLP connects every layer to all later ones', () => {
    const net = PRESETS.find((p) => p.id === 'dense-mlp')!.build();
    // 2*4 + 2*4 + 2*1 + 4*4 + 4*1 + 4*1
    expect(net.edges).toHaveLength(42);
    expect(net.inputs).toEqual(['0', '1']);
    expect(net.outputs).toEqual(['10']);
  });

  it('XOR is 2-8-1', () => {
    const net = PRESETS.find((p) => p.id === 'xor')!.build();
    expect([net.inputs.length, net.neurons.length - 3, net.outputs.length]).toEqual([2, 8, 1]);
  });
});

/** The canvas at 1440x900 and at 1280x720 (measured in the workspace), in CSS pixels. */
const CANVASES = [
  [800, 655],
  [680, 485],
] as const;
/** Narrowest a fitted neuron may be drawn and still be read (its id, its handles). */
const READABLE = 28;

/** A chain of `length` hidden neurons between one input and one output (a typical drawn graph, deep and thin). */
function chainNetwork(length: number): Network {
  const ids = Array.from({ length: length + 2 }, (_, i) => String(i));
  return {
    neurons: ids.map((id) => ({ id, bias: 0, position: { x: 0, y: 0 } })),
    edges: ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id, weight: 0.5 })),
    inputs: ['0'],
    outputs: [ids[ids.length - 1]!],
    hiddenActivation: 'tanh',
    outputTransform: 'identity',
  };
}

describe('tidyLayout', () => {
  it('places neurons by depth, left to right, inputs first and outputs last, without overlaps', () => {
    const seed = seedNetwork();
    const positions = tidyLayout(seed);
    checkDepthLayout(seed, positions);
    // y1 (3) sits at depth 1 but goes to the outputs' column, above y2 (11).
    expect(positions['3']!.x).toBe(positions['11']!.x);
    expect(positions['3']!.y).toBeLessThan(positions['11']!.y);
  });

  const drawn: [string, Network][] = [
    ...PRESETS.filter((p) => p.id !== 'empty').map((p): [string, Network] => [`preset ${p.id}`, p.build()]),
    ['the seed example', seedNetwork()],
    ['a chain of 8', chainNetwork(8)],
  ];
  it.each(drawn)('%s, tidied, fits the canvas at 1440x900 and 1280x720 with neurons at least 28 px wide', (_name, network) => {
    const positions = tidyLayout(network);
    checkDepthLayout(network, positions);
    for (const [w, h] of CANVASES) expect(fittedNeuronSize(positions, w, h)).toBeGreaterThanOrEqual(READABLE);
  });

  it.each(PRESETS.filter((p) => p.id !== 'empty').map((p) => [p.id, p] as const))('preset %s opens laid out by the same rule as Tidy layout', (_id, preset) => {
    const network = preset.build();
    const opened = Object.fromEntries(network.neurons.map((n) => [n.id, n.position!]));
    for (const [w, h] of CANVASES) expect(fittedNeuronSize(opened, w, h)).toBeGreaterThanOrEqual(READABLE);
    if (preset.id === 'seed') return; // the example keeps its own hand-made layout
    // The same columns and the same heights: tidying a preset moves neurons only within their column's slots.
    const tidy = tidyLayout(network);
    const slots = (ps: Record<string, { x: number; y: number }>) => network.neurons.map((n) => `${ps[n.id]!.x}`).join();
    expect(slots(tidy)).toBe(slots(opened));
    const heights = (ps: Record<string, { x: number; y: number }>) => Object.values(ps).map((p) => `${p.x},${p.y}`).sort().join(';');
    expect(heights(tidy)).toBe(heights(opened));
  });

  it('handles a graph too big for dagre quickly, with the same guarantees', () => {
    const neurons = Array.from({ length: 500 }, (_, i) => ({ id: String(i), bias: 0 }));
    const edges = [];
    for (let i = 0; i < 500 && edges.length < 5000; i++) {
      for (let j = i + 1; j < Math.min(500, i + 40) && edges.length < 5000; j += 3) edges.push({ source: String(i), target: String(j), weight: 0.1 });
    }
    const network: Network = { neurons, edges, inputs: ['0'], outputs: ['499'], hiddenActivation: 'relu', outputTransform: 'identity' };
    const positions = tidyLayout(network);
    checkDepthLayout(network, positions);
  });
});

describe('carryParameters', () => {
  it('takes biases and weights by id and keeps everything else', () => {
    const structure = seedNetwork(0);
    const learned = seedNetwork(1);
    const out = carryParameters({ ...structure, edges: structure.edges.slice(1) }, learned);
    expect(out.edges).toHaveLength(13);
    expect(out.edges.map((e) => e.weight)).toEqual(learned.edges.slice(1).map((e) => e.weight));
    expect(out.neurons.map((n) => n.bias)).toEqual(learned.neurons.map((n) => n.bias));
    expect(out.neurons.map((n) => n.position)).toEqual(structure.neurons.map((n) => n.position));
    expect(carryParameters(structure, structure)).toBe(structure);
  });

  it('gives the same result whether the learned network lists things in the same order or not', () => {
    const structure = seedNetwork(0);
    const learned = seedNetwork(1);
    const aligned = carryParameters(structure, learned);
    const shuffled = carryParameters(structure, { ...learned, edges: [...learned.edges].reverse(), neurons: [...learned.neurons].reverse() });
    expect(aligned).toEqual(shuffled);
    expect(aligned.edges.map((e) => e.weight)).toEqual(learned.edges.map((e) => e.weight));
    // Unchanged items keep their objects; only moved parameters get new ones.
    const oneMoved = { ...structure, edges: structure.edges.map((e, j) => (j === 2 ? { ...e, weight: e.weight + 1 } : e)) };
    const out = carryParameters(structure, oneMoved);
    expect(out.edges.filter((e, j) => e === structure.edges[j])).toHaveLength(structure.edges.length - 1);
    expect(out.neurons).toEqual(structure.neurons);
    expect(out.neurons.every((n, i) => n === structure.neurons[i])).toBe(true);
  });
});
