// Row gather and row scatter-add with explicit gradients, each on the fastest kernel of the backend in use:
// on cpu two small row-copy kernels registered here (tfjs's cpu Gather and GatherNd compute an index per
// element, 50x slower), on wasm GatherNd/ScatterNd (its Gather is per element too), elsewhere Gather/ScatterNd.
// tfjs's own gradient of gather needs UnsortedSegmentSum, which wasm lacks, hence the custom gradients.
import * as tf from '@tensorflow/tfjs';

const GATHER_ROWS = 'ConnexGatherRows';
const SCATTER_ADD_ROWS = 'ConnexScatterAddRows';

let cpuKernelsRegistered = false;

/**
 * Registers the cpu row kernels once: out[i] = x[rows[i]] and out[rows[i]] += x[i], whole rows copied with
 * typed-array loops. They read and write through the backend's public `readSync`/`write`, which on cpu
 * hand over the stored arrays without copying.
 */
function registerCpuKernels(): void {
  if (cpuKernelsRegistered) return;
  cpuKernelsRegistered = true;
  tf.registerKernel({
    kernelName: GATHER_ROWS,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend: b }) => {
      const backend = b as tf.KernelBackend;
      const { x, rows } = inputs as { x: tf.TensorInfo; rows: tf.TensorInfo };
      const width = x.shape[1]!;
      const xs = backend.readSync(x.dataId) as Float32Array;
      const idx = backend.readSync(rows.dataId) as Int32Array;
      const out = new Float32Array(idx.length * width);
      for (let i = 0; i < idx.length; i++) {
        const from = idx[i]! * width;
        out.set(xs.subarray(from, from + width), i * width);
      }
      const shape = [idx.length, width];
      return { dataId: backend.write(out, shape, 'float32'), shape, dtype: 'float32' };
    },
  });
  tf.registerKernel({
    kernelName: SCATTER_ADD_ROWS,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend: b, attrs }) => {
      const backend = b as tf.KernelBackend;
      const { x, rows } = inputs as { x: tf.TensorInfo; rows: tf.TensorInfo };
      const n = (attrs as { n: number }).n;
      const width = x.shape[1]!;
      const xs = backend.readSync(x.dataId) as Float32Array;
      const idx = backend.readSync(rows.dataId) as Int32Array;
      const out = new Float32Array(n * width);
      for (let i = 0; i < idx.length; i++) {
        const to = idx[i]! * width;
        const from = i * width;
        for (let b = 0; b < width; b++) out[to + b]! += xs[from + b]!;
      }
      const shape = [n, width];
      return { dataId: backend.write(out, shape, 'float32'), shape, dtype: 'float32' };
    },
  });
}

/** Rows `rows` of `x` ([n, batch] -> [rows.length, batch]), without gradient. */
function gather(x: tf.Tensor2D, rows: tf.Tensor1D, rowsAsIndices: tf.Tensor2D): tf.Tensor2D {
  const backend = tf.getBackend();
  if (backend === 'cpu') {
    registerCpuKernels();
    return tf.engine().runKernel(GATHER_ROWS, { x, rows }) as tf.Tensor2D;
  }
  if (backend === 'wasm') return tf.gatherND(x, rowsAsIndices) as tf.Tensor2D;
  return tf.gather(x, rows, 0);
}

/** [n, batch] zeros plus each row of `x` added at `rows` (repeats sum), without gradient. */
function scatterAdd(x: tf.Tensor2D, rows: tf.Tensor1D, rowsAsIndices: tf.Tensor2D, n: number): tf.Tensor2D {
  if (tf.getBackend() === 'cpu') {
    registerCpuKernels();
    return tf.engine().runKernel(SCATTER_ADD_ROWS, { x, rows }, { n }) as tf.Tensor2D;
  }
  return tf.scatterND(rowsAsIndices, x, [n, x.shape[1]]);
}

/**
 * Rows `rows` of `v` ([n, batch] -> [rows.length, batch]); the gradient scatters back, summing repeated rows.
 * `rowsAsIndices` is `rows` reshaped to [k, 1] (int32), precomputed by the caller so no op is spent on it.
 */
export function gatherRows(v: tf.Tensor2D, rows: tf.Tensor1D, rowsAsIndices: tf.Tensor2D): tf.Tensor2D {
  const n = v.shape[0];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor2D;
    return {
      value: gather(x, rows, rowsAsIndices),
      gradFunc: (dy) => scatterAdd(dy as tf.Tensor2D, rows, rowsAsIndices, n),
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
      value: scatterAdd(xs, segments, segmentsAsIndices, n),
      gradFunc: (dy) => gather(dy as tf.Tensor2D, segments, segmentsAsIndices),
    };
  });
  return op(x) as tf.Tensor2D;
}
