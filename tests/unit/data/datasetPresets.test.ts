// The presets shipped for the datasets: each fits its dataset's sizes and task, and the spiral preset (skip
// connections) really separates the spirals with its shipped settings: test accuracy above 0.9.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DATASETS, datasetInfo, makeTrainingData } from '@/engine/data/datasets';
import { PRESET_FOR_DATASET, presetById } from '@/engine/graph/presets';
import { topologicalLevels } from '@/engine/graph/topology';
import { Trainer } from '@/engine/train/Trainer';

describe('dataset presets', () => {
  it.each(DATASETS.map((d) => [d.id, d] as const))('%s: its preset has its inputs, outputs, transform and loss', (_id, info) => {
    const preset = presetById(PRESET_FOR_DATASET[info.id]);
    const network = preset.build();
    expect(network.inputs).toHaveLength(info.inputs);
    expect(network.outputs).toHaveLength(info.outputs);
    if (info.task === 'classification') {
      expect(network.outputTransform).toBe(info.outputTransform);
      expect(preset.training?.config.loss).toBe(info.loss);
    }
  });

  it('the spiral preset has hidden layers with skip connections and ships with the spiral data', () => {
    const preset = presetById('spiral');
    const network = preset.build();
    const levels = topologicalLevels(network);
    expect(levels.length).toBeGreaterThanOrEqual(4); // inputs, two hidden layers, output
    const levelOf = new Map(levels.flatMap((ids, k) => ids.map((id) => [id, k] as const)));
    const skips = network.edges.filter((e) => levelOf.get(e.target)! - levelOf.get(e.source)! > 1);
    expect(skips.length).toBeGreaterThan(0);
    expect(preset.dataset).toEqual({ id: 'spiral', samples: datasetInfo('spiral').defaults.samples, noise: 0, testFraction: 0.2, seed: 0 });
  });

  it('the spiral preset reaches test accuracy above 0.9 on spiral within 400 steps of its shipped settings', async () => {
    const preset = presetById('spiral');
    const data = makeTrainingData(preset.dataset!);
    const trainer = new Trainer(preset.build(), { train: data.train, test: data.test! }, preset.training!.config);
    try {
      const before = await trainer.evaluateAsync('test');
      expect(before!.accuracy).toBeLessThan(0.75); // it starts far from solved
      let reached: number | null = null;
      for (let s = 1; s <= 400 && reached === null; s++) {
        tf.dispose(trainer.step());
        if (s % 25 === 0 && (await trainer.evaluateAsync('test'))!.accuracy! > 0.9) reached = s;
      }
      expect(reached).not.toBeNull();
    } finally {
      trainer.dispose();
    }
  });

  it('the three-spirals and Iris presets pass 0.9 test accuracy with their shipped settings', async () => {
    for (const [id, steps] of [
      ['three-spirals', 400],
      ['iris', 300],
    ] as const) {
      const preset = presetById(id);
      const data = makeTrainingData(preset.dataset!);
      const trainer = new Trainer(preset.build(), { train: data.train, test: data.test! }, preset.training!.config);
      try {
        trainer.run(steps);
        expect((await trainer.evaluateAsync('test'))!.accuracy, id).toBeGreaterThan(0.9);
      } finally {
        trainer.dispose();
      }
    }
  });
});
