// "Match the dataset": after its edits the network has the data's shape, compiles, has no neuron that cannot learn
// (deadEnds), and no two neurons on one spot; new inputs and outputs sit in their role's column.
import { describe, expect, it } from 'vitest';
import { checkShapeFits } from '@/engine/data/dataset';
import { applyEdits } from '@/engine/graph/editOps';
import { initContext } from '@/engine/graph/init';
import { matchShapeOps, shapeDiffers, type DataShape } from '@/engine/graph/matchShape';
import { PRESETS } from '@/engine/graph/presets';
import { seedNetwork } from '@/engine/graph/seedExample';
import { NEURON_SIZE } from '@/engine/graph/tidyLayout';
import type { Network } from '@/engine/graph/types';
import { checkCompilable, deadEnds } from '@/engine/graph/validate';

function matched(network: Network, shape: DataShape): Network {
  return applyEdits(network, matchShapeOps(network, shape), initContext(0));
}

/** What every matched network must be: the data's shape, trainable, nothing stranded, nothing stacked. */
function expectCanLearn(before: Network, after: Network, shape: DataShape) {
  expect(() => checkCompilable(after)).not.toThrow();
  expect(() => checkShapeFits(shape, after.inputs.length, after.outputs.length)).not.toThrow();
  const placed = after.neurons.map((n) => ({ id: n.id, p: n.position! }));
  expect(placed.every((n) => n.p !== undefined)).toBe(true);
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i]!.p;
      const b = placed[j]!.p;
      const overlap = Math.abs(a.x - b.x) < NEURON_SIZE && Math.abs(a.y - b.y) < NEURON_SIZE;
      expect(overlap, `neurons ${placed[i]!.id} and ${placed[j]!.id} overlap at ${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(false);
    }
  }
  // New inputs in the inputs' column, new outputs in the outputs' column.
  const old = new Set(before.neurons.map((n) => n.id));
  const x = (id: string) => after.neurons.find((n) => n.id === id)!.position!.x;
  const keptInputs = after.inputs.filter((id) => old.has(id));
  const keptOutputs = after.outputs.filter((id) => old.has(id));
  for (const id of after.inputs.filter((i) => !old.has(i))) if (keptInputs.length) expect(x(id)).toBe(Math.min(...keptInputs.map(x)));
  for (const id of after.outputs.filter((i) => !old.has(i))) if (keptOutputs.length) expect(x(id)).toBe(Math.max(...keptOutputs.map(x)));
}

const SHAPES: DataShape[] = [
  { inputs: 1, outputs: 1 },
  { inputs: 1, outputs: 2 },
  { inputs: 2, outputs: 1 },
  { inputs: 2, outputs: 3 },
  { inputs: 4, outputs: 3 },
];

describe('matchShapeOps', () => {
  it('is empty when the shape already fits', () => {
    expect(matchShapeOps(seedNetwork(), { inputs: 1, outputs: 2 })).toEqual([]);
    expect(shapeDiffers(seedNetwork(), { inputs: 1, outputs: 2 })).toBe(false);
    expect(shapeDiffers(seedNetwork(), { inputs: 2, outputs: 2 })).toBe(true);
  });

  it('the example on one-target data keeps y2’s three inputs learning: they feed y1 instead', () => {
    const seed = seedNetwork();
    const after = matched(seed, { inputs: 1, outputs: 1 });
    expectCanLearn(seed, after, { inputs: 1, outputs: 1 });
    expect(deadEnds(after)).toEqual({ unreached: [], unused: [] });
    expect(after.neurons.map((n) => n.id)).toEqual(seed.neurons.map((n) => n.id).filter((id) => id !== '11'));
    for (const s of ['8', '9', '10']) expect(after.edges.some((e) => e.source === s && e.target === '3')).toBe(true);
    // Everything else keeps its parameters.
    for (const e of seed.edges.filter((e) => e.target !== '11')) expect(after.edges).toContainEqual(e);
  });

  it('the example on 2-input, 3-class data: the new input feeds what x1 feeds, the new output reads what feeds y1 and y2', () => {
    const seed = seedNetwork();
    const ops = matchShapeOps(seed, { inputs: 2, outputs: 3 });
    const after = applyEdits(seed, ops, initContext(0));
    expectCanLearn(seed, after, { inputs: 2, outputs: 3 });
    expect(deadEnds(after)).toEqual({ unreached: [], unused: [] });
    expect(after.inputs).toEqual(['0', '12']);
    expect(after.outputs).toEqual(['3', '11', '13']);
    const targets = (id: string) => after.edges.filter((e) => e.source === id).map((e) => e.target).sort();
    const sources = (id: string) => after.edges.filter((e) => e.target === id).map((e) => e.source).sort();
    expect(targets('12')).toEqual(['1', '2', '3']);
    expect(sources('13')).toEqual(['0', '10', '8', '9']);
  });

  it('an empty canvas gets its inputs wired to its outputs, apart', () => {
    const empty: Network = { neurons: [], edges: [], inputs: [], outputs: [], hiddenActivation: 'relu', outputTransform: 'identity' };
    const after = matched(empty, { inputs: 1, outputs: 2 });
    expectCanLearn(empty, after, { inputs: 1, outputs: 2 });
    expect(deadEnds(after)).toEqual({ unreached: [], unused: [] });
    expect(after.edges.map((e) => [e.source, e.target])).toEqual([
      ['0', '1'],
      ['0', '2'],
    ]);
  });

  it('a neuron only a removed input fed gets the remaining input instead', () => {
    const net: Network = {
      neurons: ['a', 'b', 'h1', 'h2', 'o'].map((id, i) => ({ id, bias: 0, position: { x: id.startsWith('h') ? 240 : id === 'o' ? 480 : 0, y: i * 80 } })),
      edges: [
        { source: 'a', target: 'h1', weight: 1 },
        { source: 'b', target: 'h2', weight: 1 },
        { source: 'h1', target: 'o', weight: 1 },
        { source: 'h2', target: 'o', weight: 1 },
      ],
      inputs: ['a', 'b'],
      outputs: ['o'],
      hiddenActivation: 'tanh',
      outputTransform: 'identity',
    };
    const after = matched(net, { inputs: 1, outputs: 1 });
    expectCanLearn(net, after, { inputs: 1, outputs: 1 });
    expect(deadEnds(after)).toEqual({ unreached: [], unused: [] });
    expect(after.edges.some((e) => e.source === 'a' && e.target === 'h2')).toBe(true);
  });

  it('leaves the person’s own dead ends alone', () => {
    const seed = seedNetwork();
    const withStray: Network = { ...seed, neurons: [...seed.neurons, { id: 'stray', bias: 0, position: { x: 400, y: 400 } }] };
    const after = matched(withStray, { inputs: 2, outputs: 2 });
    expect(after.neurons.some((n) => n.id === 'stray')).toBe(true);
    expect(deadEnds(after)).toEqual({ unreached: ['stray'], unused: ['stray'] });
  });

  const cases = PRESETS.flatMap((p) => SHAPES.map((shape) => [`${p.id} -> ${shape.inputs}x${shape.outputs}`, p, shape] as const));
  it.each(cases)('%s can learn after matching', (_name, preset, shape) => {
    const net = preset.build();
    const after = matched(net, shape);
    expectCanLearn(net, after, shape);
    expect(deadEnds(after)).toEqual({ unreached: [], unused: [] });
  });
});

describe('deadEnds', () => {
  it('names neurons no input reaches and neurons that reach no output', () => {
    const seed = seedNetwork();
    expect(deadEnds(seed)).toEqual({ unreached: [], unused: [] });
    // Without y2 (11), 8, 9 and 10 feed nothing, and so do 6 and 7 that only feed them, and so on back to 1 and 2.
    const noY2: Network = { ...seed, outputs: ['3'], neurons: seed.neurons.filter((n) => n.id !== '11'), edges: seed.edges.filter((e) => e.target !== '11') };
    expect(deadEnds(noY2).unused).toEqual(['1', '2', '4', '5', '6', '7', '8', '9', '10']);
    const noInput: Network = { ...seed, inputs: [] };
    expect(deadEnds(noInput).unreached).toEqual(seed.neurons.map((n) => n.id));
  });
});
