// The presets shipped for the datasets: each fits its dataset's sizes and task, every preset opens with data it can
// train on, the spiral preset (skip connections) really separates the spirals with its shipped settings (test
// accuracy above 0.9), and the XOR preset reaches 100% on the XOR data from seeds 0-3.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DATASETS, datasetInfo, makeTrainingData } from '@/engine/data/datasets';
import { PRESET_FOR_DATASET, PRESETS, presetById } from '@/engine/graph/presets';
import { createExecutor } from '@/engine/train/createExecutor';
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

  it.each(PRESETS.filter((p) => p.id !== 'empty').map((p) => [p.id, p] as const))('%s opens with its own data, which it has the shape for', (_id, preset) => {
    expect(preset.dataset).toBeDefined();
    const info = datasetInfo(preset.dataset!.id);
    const network = preset.build();
    expect(network.inputs).toHaveLength(info.inputs);
    expect(network.outputs).toHaveLength(info.outputs);
    if (info.task === 'classification') {
      expect(network.outputTransform).toBe(info.outputTransform);
      expect(preset.training?.config.loss).toBe(info.loss);
    }
    // Laid out in columns: wider than tall (or about square), so it reads at the default zoom.
    const xs = network.neurons.map((n) => n.position!.x);
    const ys = network.neurons.map((n) => n.position!.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(height).toBeLessThanOrEqual(Math.max(width, 1) * 1.7);
  });

  it('the XOR dataset suggests the XOR preset', () => {
    expect(PRESET_FOR_DATASET.xor).toBe('xor');
  });

  it('the XOR preset reaches 100% train and test accuracy on the XOR data for seeds 0-3', async () => {
    const preset = presetById('xor');
    const data = makeTrainingData(preset.dataset!);
    for (const seed of [0, 1, 2, 3]) {
      const executor = createExecutor(preset.build(), { train: data.train, test: data.test! }, { ...preset.training!.config, seed }, 'typed-array');
      try {
        executor.reset(seed);
        let reached: number | null = null;
        for (let s = 1; s <= 600 && reached === null; s++) {
          executor.advance();
          if (s % 25 !== 0) continue;
          const [train, test] = [await executor.evaluateAsync('train'), await executor.evaluateAsync('test')];
          if (train!.accuracy === 1 && test!.accuracy === 1) reached = s;
        }
        expect(reached, `seed ${seed}`).not.toBeNull();
      } finally {
        executor.dispose();
      }
    }
  });
});
