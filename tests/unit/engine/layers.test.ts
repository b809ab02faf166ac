import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { createRng } from '../../../engine/graph/init';
import type { Network } from '../../../engine/graph/types';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

/** A layered MLP as a Connex DAG whose weights are read from tf.layers dense kernels (kernel[i][j] = w(i -> j)). */
function dagFromLayers(sizes: number[], kernels: number[][][], biases: number[][]): Network {
  const id = (layer: number, i: number) => `L${layer}_${i}`;
  const neurons = sizes.flatMap((n, l) =>
    Array.from({ length: n }, (_, i) => ({ id: id(l, i), bias: l === 0 ? 0 : biases[l - 1]![i]! })),
  );
  const edges = kernels.flatMap((k, l) =>
    k.flatMap((row, i) => row.map((w, j) => ({ source: id(l, i), target: id(l + 1, j), weight: w }))),
  );
  return {
    neurons,
    edges,
    inputs: Array.from({ length: sizes[0]! }, (_, i) => id(0, i)),
    outputs: Array.from({ length: sizes[sizes.length - 1]! }, (_, i) => id(sizes.length - 1, i)),
    hiddenActivation: 'relu',
    outputTransform: 'identity',
  };
}

describe('a layered DAG equals tf.layers.dense with the same weights', () => {
  it('2-16-16-1: outputs, then one Adam step', async () => {
    const sizes = [2, 16, 16, 1];
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [2], units: 16, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 16, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 1 }));
    // Non-zero biases, so that bias handling is checked too.
    model.layers.forEach((layer) => {
      const [k, b] = layer.getWeights();
      layer.setWeights([k!, tf.randomNormal(b!.shape, 0, 0.1, 'float32', 3)]);
    });
    const weights = model.getWeights().map((w) => w.arraySync());
    const kernels = weights.filter((_, i) => i % 2 === 0) as number[][][];
    const biases = weights.filter((_, i) => i % 2 === 1) as number[][];
    const net = dagFromLayers(sizes, kernels, biases);

    const rng = createRng(5);
    const xs = Array.from({ length: 64 }, () => [rng.next() * 2 - 1, rng.next() * 2 - 1]);
    const ys = xs.map(([a, b]) => [Math.sin(3 * a!) * b!]);

    const trainer = new TfjsExecutor(net, { train: { inputs: xs, targets: ys } }, { optimizer: 'adam', learningRate: 0.01 });
    const before = trainer.predict(xs);
    const layersBefore = tf.tidy(() => (model.predict(tf.tensor2d(xs)) as tf.Tensor).arraySync() as number[][]);
    before.forEach((row, i) => expect(row[0]).toBeCloseTo(layersBefore[i]![0]!, 5));

    trainer.step().dispose();
    const optimizer = tf.train.adam(0.01, 0.9, 0.999, 1e-8);
    const x = tf.tensor2d(xs);
    const y = tf.tensor2d(ys);
    optimizer.minimize(() => tf.losses.meanSquaredError(y, model.predict(x) as tf.Tensor) as tf.Scalar);
    const after = trainer.getNetwork();
    const layersAfter = dagFromLayers(
      sizes,
      model.getWeights().filter((_, i) => i % 2 === 0).map((w) => w.arraySync() as number[][]),
      model.getWeights().filter((_, i) => i % 2 === 1).map((w) => w.arraySync() as number[]),
    );
    const want = new Map(layersAfter.edges.map((e) => [`${e.source}>${e.target}`, e.weight]));
    let changed = 0;
    for (const e of after.edges) {
      const w = want.get(`${e.source}>${e.target}`)!;
      expect(Math.abs(e.weight - w)).toBeLessThan(1e-6);
      if (e.weight !== net.edges.find((f) => f.source === e.source && f.target === e.target)!.weight) changed++;
    }
    for (const n of after.neurons) {
      const w = layersAfter.neurons.find((m) => m.id === n.id)!.bias;
      expect(Math.abs(n.bias - w)).toBeLessThan(1e-6);
    }
    expect(changed).toBeGreaterThan(after.edges.length / 2);
    trainer.dispose();
    x.dispose();
    y.dispose();
    optimizer.dispose();
    model.dispose();
  });
});
