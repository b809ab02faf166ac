// Evaluation without training: input rows in, transformed outputs out, through a compiled program.
import * as tf from '@tensorflow/tfjs';
import { checkRowWidths } from './checkRowWidths';
import type { Network } from '../graph/types';
import { transformOutputs } from './activations';
import { packParameters } from './layout';
import { Program } from './program';

/** Rows laid out neuron-major for a program: [1 + width, rows], a row of ones (biases) then the inputs. */
export function inputMatrix(rows: readonly (readonly number[])[], width: number): tf.Tensor2D {
  const n = rows.length;
  const v0 = new Float32Array((1 + width) * n);
  v0.fill(1, 0, n);
  rows.forEach((row, j) => row.forEach((x, k) => (v0[(1 + k) * n + j] = x)));
  return tf.tensor2d(v0, [1 + width, n]);
}

export { checkRowWidths };

/** Outputs (after the output transform) of a compiled program for input rows, without dropout. */
export function predictWith(program: Program, theta: tf.Tensor1D, rows: readonly (readonly number[])[]): number[][] {
  checkRowWidths(rows, program.layout.inputCount);
  const v0 = inputMatrix(rows, program.layout.inputCount);
  try {
    return tf.tidy(() => tf.transpose(transformOutputs(program.outputTransform, program.forward(theta, v0, null))).arraySync() as number[][]);
  } finally {
    v0.dispose();
  }
}

/**
 * Outputs of `network` (with its parameters) for input rows. Throws the network's GraphError when it cannot
 * compile, or 'data/shape' for a row of the wrong width.
 * @example predict(seedNetwork(), [[0], [1.5]]) // [[y1, y2], [y1, y2]]
 */
export function predict(network: Network, rows: readonly (readonly number[])[]): number[][] {
  const program = new Program(network);
  const theta = tf.tensor1d(packParameters(network, program.layout));
  try {
    return predictWith(program, theta, rows);
  } finally {
    theta.dispose();
    program.dispose();
  }
}
