// The document's optional training.dataset: validated, canonical, round-trips; older files mean the seed data.
import { describe, expect, it } from 'vitest';
import { SEED_DATASET_CHOICE, defaultChoice, makeTrainingData } from '@/engine/data/datasets';
import { documentDataset, exportGraph, importGraph, serializeGraph } from '@/engine/graph/format';
import { isGraphError } from '@/engine/graph/GraphError';
import { presetById } from '@/engine/graph/presets';
import { seedData, splitDataset } from '@/engine/data/seedData';

const network = presetById('spiral').build();

function errorOf(text: string): { code: string; path?: string; message: string } {
  try {
    importGraph(text);
  } catch (e) {
    if (isGraphError(e)) return { code: e.code, message: e.message, ...(e.path !== undefined ? { path: e.path } : {}) };
    throw e;
  }
  throw new Error('expected a GraphError');
}

describe('training.dataset', () => {
  it('round-trips through the file text, in canonical form', () => {
    const dataset = { ...defaultChoice('spiral'), fn: undefined, features: ['sin x1' as const, 'x1^2' as const], seed: 9 };
    const doc = exportGraph(network, { config: { learningRate: 0.03 }, step: 3, history: [], dataset });
    expect(doc.training?.dataset).toEqual({ id: 'spiral', samples: 500, noise: 0, testFraction: 0.2, seed: 9, features: ['x1^2', 'sin x1'] });
    const text = serializeGraph(doc);
    expect(serializeGraph(importGraph(text))).toBe(text);
    expect(documentDataset(importGraph(text))).toEqual(doc.training?.dataset);
  });

  it('a file without it loads unchanged and means the seed example’s data', () => {
    const text = serializeGraph(exportGraph(network, { config: {}, step: 0, history: [] }));
    const doc = importGraph(text);
    expect(doc.training?.dataset).toBeUndefined();
    expect(serializeGraph(doc)).toBe(text);
    expect(documentDataset(doc)).toEqual(SEED_DATASET_CHOICE);
    expect(documentDataset(importGraph(serializeGraph(exportGraph(network))))).toEqual(SEED_DATASET_CHOICE);
    const data = makeTrainingData(documentDataset(doc));
    expect({ train: data.train, test: data.test }).toEqual(splitDataset(seedData(250), 0.2, 0));
  });

  it('a bad dataset is refused with its path', () => {
    const base = JSON.parse(serializeGraph(exportGraph(network, { config: {}, step: 0, history: [], dataset: defaultChoice('xor') })));
    const withDataset = (d: unknown) => JSON.stringify({ ...base, training: { ...base.training, dataset: d } });
    expect(errorOf(withDataset({ ...defaultChoice('xor'), samples: 0 }))).toMatchObject({ code: 'format/invalid', path: 'training.dataset.samples' });
    expect(errorOf(withDataset({ ...defaultChoice('xor'), id: 'mnist' }))).toMatchObject({ code: 'format/invalid', path: 'training.dataset.id' });
    expect(errorOf(withDataset({ ...defaultChoice('xor'), features: ['x3'] }))).toMatchObject({ code: 'format/invalid', path: 'training.dataset.features[0]' });
    expect(errorOf(withDataset({ ...defaultChoice('xor'), colour: 'red' }))).toMatchObject({ code: 'format/invalid', message: expect.stringMatching(/unknown field "colour"/) });
  });
});
