// `mlp`: a layered network as a Connex DAG and as a tf.layers sequential model with the same weights, the same
// Adam and the same backend: ms per step and the Connex / tf.layers ratio (target <= 1.25).
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../../engine/compile/backend';
import { createRng } from '../../../engine/graph/init';
import type { Network } from '../../../engine/graph/types';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import type { BenchRow } from '../format';
import { randomData } from '../randomDag';
import { pickRow } from '../pick';
import { timePairPerCall, timePerCall, type BenchOptions } from '../timing';

const RATE = 0.001;

/** A fully connected relu MLP as a DAG; neuron `${layer}_${i}`. */
export function mlpNetwork(sizes: readonly number[], seed = 1): Network {
  const rng = createRng(seed);
  const id = (l: number, i: number) => `${l}_${i}`;
  return {
    neurons: sizes.flatMap((n, l) => Array.from({ length: n }, (_, i) => ({ id: id(l, i), bias: 0 }))),
    edges: sizes.slice(1).flatMap((n, l) =>
      Array.from({ length: sizes[l]! * n }, (_, k) => ({
        source: id(l, Math.floor(k / n)),
        target: id(l + 1, k % n),
        weight: Math.fround((rng.next() - 0.5) * 0.5),
      })),
    ),
    inputs: Array.from({ length: sizes[0]! }, (_, i) => id(0, i)),
    outputs: Array.from({ length: sizes.at(-1)! }, (_, i) => id(sizes.length - 1, i)),
    hiddenActivation: 'relu',
    outputTransform: 'identity',
  };
}

/** The same MLP in tf.layers, its kernels read from the network (kernel[i][j] = weight of i -> j). */
function layersModel(network: Network, sizes: readonly number[]): tf.Sequential {
  const weight = new Map(network.edges.map((e) => [`${e.source}>${e.target}`, e.weight]));
  const model = tf.sequential();
  sizes.slice(1).forEach((units, l) => {
    model.add(tf.layers.dense({ units, activation: l === sizes.length - 2 ? 'linear' : 'relu', ...(l === 0 ? { inputShape: [sizes[0]!] } : {}) }));
    const kernel = new Float32Array(sizes[l]! * units);
    for (let i = 0; i < sizes[l]!; i++) for (let j = 0; j < units; j++) kernel[i * units + j] = weight.get(`${l}_${i}>${l + 1}_${j}`)!;
    const k = tf.tensor2d(kernel, [sizes[l]!, units]);
    const b = tf.zeros([units]);
    model.layers[l]!.setWeights([k, b]);
    k.dispose();
    b.dispose();
  });
  return model;
}

export async function mlpCase(opts: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const timing = opts.quick ? { warmup: 1, repeats: 1, repeatMs: 5 } : { warmup: 10, repeats: 7, repeatMs: 400 };
  const shapes: { sizes: number[]; batch: number }[] = [
    { sizes: [2, 16, 16, 1], batch: 64 },
    { sizes: opts.quick ? [8, 16, 16, 2] : [64, 256, 256, 256, 10], batch: opts.quick ? 16 : 256 },
  ];
  for (const backend of opts.backends) {
    await chooseBackend([backend]);
    for (const { sizes, batch } of shapes) {
      const name = `mlp ${sizes.join('-')}`;
      opts.log(`${name} batch ${batch} on ${backend}`);
      const network = mlpNetwork(sizes);
      const data = randomData(sizes[0]!, sizes.at(-1)!, batch);

      const trainer = new TfjsExecutor(network, { train: data }, { optimizer: 'adam', learningRate: RATE, batchSize: 'full' });
      const model = layersModel(network, sizes);
      const optimizer = tf.train.adam(RATE, 0.9, 0.999, 1e-8);
      const x = tf.tensor2d(data.inputs);
      const y = tf.tensor2d(data.targets);
      const [connex, layers] = timePairPerCall(
        () => trainer.step().dispose(),
        () => optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true)?.dispose(),
        timing,
      );
      trainer.dispose();
      x.dispose();
      y.dispose();
      optimizer.dispose();
      model.dispose();

      // The typed-array executor on the same job, for the chooser's check.
      const typed = new TypedArrayExecutor(network, { train: data }, { optimizer: 'adam', learningRate: RATE, batchSize: 'full' });
      const typedMs = timePerCall(() => typed.advance(), timing).ms;
      rows.push({ case: name, system: 'connex', metric: 'ms_per_step', value: connex.ms, n: batch, backend });
      rows.push({ case: name, system: 'connex typed-array', metric: 'ms_per_step', value: typedMs, n: batch, backend: 'js' });
      rows.push(pickRow(name, batch, network, 'full', batch, backend, { 'typed-array': typedMs, tfjs: connex.ms }));
      rows.push({ case: name, system: 'tf.layers', metric: 'ms_per_step', value: layers.ms, n: batch, backend });
      rows.push({ case: name, system: 'connex / tf.layers', metric: 'ratio', value: connex.ms / layers.ms, n: batch, backend });
    }
  }
  return rows;
}
