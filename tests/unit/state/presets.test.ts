// The helpers the editor adds to engine/graph: presets are valid networks, tidy layout places by depth, and
// carryParameters moves learned numbers by id.
import { describe, expect, it } from 'vitest';
import { carryParameters } from '@/engine/graph/carryParameters';
import { PRESETS } from '@/engine/graph/presets';
import { seedNetwork } from '@/engine/graph/seedExample';
import { tidyLayout } from '@/engine/graph/tidyLayout';
import { topologicalLevels } from '@/engine/graph/topology';
import { validateNetwork } from '@/engine/graph/validate';
import type { Network } from '@/engine/graph/types';

function checkDepthLayout(network: Network, positions: Record<string, { x: number; y: number }>) {
  topologicalLevels(network).forEach((level, column) => {
    const ys = level.map((id) => positions[id]!.y).sort((a, b) => a - b);
    for (const id of level) expect(positions[id]!.x).toBe(column * 180);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(90);
  });
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

describe('tidyLayout', () => {
  it('places neurons by depth, left to right, without overlaps', () => {
    const seed = seedNetwork();
    checkDepthLayout(seed, tidyLayout(seed));
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
