// Row gather and row segment-sum with explicit gradients built from Gather and ScatterNd, which every backend
// (cpu, wasm, webgl) implements; tfjs's own gradient of gather needs UnsortedSegmentSum, which wasm lacks.
import * as tf from '@tensorflow/tfjs';

/**
 * Rows `rows` of `v` ([n, batch] -> [rows.length, batch]); the gradient scatters back, summing repeated rows.
 * `rowsAsIndices` is `rows` reshaped to [k, 1] (int32), precomputed by the caller so no op is spent on it.
 */
export function gatherRows(v: tf.Tensor2D, rows: tf.Tensor1D, rowsAsIndices: tf.Tensor2D): tf.Tensor2D {
  const n = v.shape[0];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor2D;
    return {
      value: tf.gather(x, rows, 0),
      gradFunc: (dy) => tf.scatterND(rowsAsIndices, dy as tf.Tensor2D, [n, (dy as tf.Tensor2D).shape[1]]),
    };
  });
  return op(v) as tf.Tensor2D;
}

/**
 * Sums rows of `x` ([k, batch]) into `n` segments: out[s] = sum of x[i] with segments[i] == s.
 * `segmentsAsIndices` is the int32 [k, 1] form of `segments`. The gradient gathers.
 */
export function segmentSumRows(
  x: tf.Tensor2D,
  segments: tf.Tensor1D,
  segmentsAsIndices: tf.Tensor2D,
  n: number,
): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xs = args[0] as tf.Tensor2D;
    return {
      value: tf.scatterND(segmentsAsIndices, xs, [n, xs.shape[1]]),
      gradFunc: (dy) => tf.gather(dy as tf.Tensor2D, segments, 0),
    };
  });
  return op(x) as tf.Tensor2D;
}
