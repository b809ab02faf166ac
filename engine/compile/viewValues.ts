// Values for the views: a network's outputs (and every neuron's value) over a grid of input points in one
// batched forward pass, plus the confusion matrix of a classification split. Reads back without blocking.
import * as tf from '@tensorflow/tfjs';
import { expandRows } from '../data/features';
import { GraphError } from '../graph/GraphError';
import type { Network, OutputTransform } from '../graph/types';
import { classCount, classOfValues, classThreshold } from '../math/classes';
import { MAX_VIEW_RESOLUTION, type ViewRequest } from '../runtime/protocol';
import { transformOutputs } from './activations';
import { checkViewWidths } from './checkRowWidths';
import { inputMatrix } from './predict';
import type { Program } from './program';

/**
 * The input rows of a view, in the order its values are returned: a plane is resolution^2 points, row-major
 * with x2 the row (j) and x1 the column (i), `x1 = x1[0] + i * (x1[1] - x1[0]) / (resolution - 1)`, then the
 * request's features appended; a line is `resolution` points over [x]. Throws `data/invalid` for a resolution
 * outside 2..MAX_VIEW_RESOLUTION or a non-finite bound.
 * @example viewRows({ kind: 'line', x: [0, 1], resolution: 3, neurons: false }) // [[0], [0.5], [1]]
 */
export function viewRows(request: ViewRequest): number[][] {
  const r = request.resolution;
  if (!Number.isInteger(r) || r < 2 || r > MAX_VIEW_RESOLUTION) {
    throw new GraphError('data/invalid', `a view's resolution must be a whole number from 2 to ${MAX_VIEW_RESOLUTION}, got ${r}`);
  }
  const bounds = request.kind === 'plane' ? [...request.x1, ...request.x2] : [...request.x];
  if (!bounds.every(Number.isFinite)) throw new GraphError('data/invalid', `a view's range must be finite numbers, got ${bounds.join(', ')}`);
  const at = ([a, b]: [number, number], i: number) => a + (i * (b - a)) / (r - 1);
  if (request.kind === 'line') return Array.from({ length: r }, (_, i) => [at(request.x, i)]);
  const rows: number[][] = [];
  for (let j = 0; j < r; j++) for (let i = 0; i < r; i++) rows.push([at(request.x1, i), at(request.x2, j)]);
  return request.features && request.features.length > 0 ? expandRows(rows, request.features) : rows;
}

/**
 * Outputs (after the output transform) as points x outputs, row-major, and, when `neurons` is set, every
 * non-input neuron's value (post-activation; an output neuron's is its transformed output) as ids x points.
 * Throws `data/shape` when the rows are not as wide as the network's inputs.
 */
export async function viewValues(
  program: Program,
  theta: tf.Tensor1D,
  network: Network,
  rows: readonly (readonly number[])[],
  neurons: boolean,
): Promise<{ outputs: Float32Array; neurons?: { ids: string[]; values: Float32Array } }> {
  const layout = program.layout;
  const width = layout.inputCount;
  checkViewWidths(rows, width);
  const points = rows.length;
  const v0 = inputMatrix(rows, width);
  const inputs = new Set(network.inputs);
  const outputIndex = new Map(network.outputs.map((id, k) => [id, k]));
  const ids = neurons ? network.neurons.filter((n) => !inputs.has(n.id)).map((n) => n.id) : [];
  const hiddenIds = ids.filter((id) => !outputIndex.has(id));
  const [outT, hiddenT] = tf.tidy(() => {
    if (!neurons) return [tf.transpose(transformOutputs(program.outputTransform, program.forward(theta, v0, null)))];
    const all = program.values(theta, v0);
    const out = transformOutputs(program.outputTransform, tf.gather(all, tf.tensor1d(layout.outputRows, 'int32')) as tf.Tensor2D);
    const hidden = hiddenIds.length > 0 ? tf.gather(all, tf.tensor1d(hiddenIds.map((id) => layout.rowOf.get(id)!), 'int32')) : null;
    return hidden ? [tf.transpose(out), hidden] : [tf.transpose(out)];
  });
  v0.dispose();
  try {
    const outputs = (await outT!.data()) as Float32Array;
    if (!neurons) return { outputs };
    const hidden = hiddenT ? ((await hiddenT.data()) as Float32Array) : new Float32Array(0);
    const values = new Float32Array(ids.length * points);
    const nOut = layout.outputCount;
    let h = 0;
    ids.forEach((id, k) => {
      const o = outputIndex.get(id);
      if (o === undefined) {
        values.set(hidden.subarray(h * points, (h + 1) * points), k * points);
        h++;
      } else {
        for (let p = 0; p < points; p++) values[k * points + p] = outputs[p * nOut + o]!;
      }
    });
    return { outputs, neurons: { ids, values } };
  } finally {
    outT!.dispose();
    hiddenT?.dispose();
  }
}

/**
 * Counts of [actual][predicted] class over samples, by the engine's one class rule (engine/math/classes.ts): with
 * one output, class 1 when the output is above `classThreshold(transform)` (0 for tanh, else 0.5; targets alike),
 * a 2 x 2 matrix; with several, the first arg-max output against the first arg-max target.
 * @param outputs points x nOutputs row-major (after the output transform)
 * @example confusionCounts(new Float32Array([0.9, 0.2]), 1, [[1], [1]], 'sigmoid') // [[0, 0], [1, 1]]
 */
export function confusionCounts(
  outputs: Float32Array,
  nOutputs: number,
  targets: readonly (readonly number[])[],
  transform: OutputTransform = 'sigmoid',
): number[][] {
  const k = classCount(nOutputs);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const threshold = classThreshold(transform);
  targets.forEach((t, p) => {
    const actual = classOfValues(nOutputs, (c) => t[c] ?? 0, threshold);
    const predicted = classOfValues(nOutputs, (c) => outputs[p * nOutputs + c] ?? 0, threshold);
    m[actual]![predicted]!++;
  });
  return m;
}
