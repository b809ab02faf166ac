// Optimizers over one flat parameter vector: a few ops per step whatever the network's size.
// Their state is keyed by parameter id on the host, so it survives edits (see Trainer).
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName, TrainConfig } from '../graph/trainConfig';

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

/** Number of per-parameter slots an optimizer keeps: adam m and v; sgd with momentum the velocity. */
export function slotCount(config: Pick<TrainConfig, 'optimizer' | 'momentum'>): number {
  if (config.optimizer === 'adam') return 2;
  return config.momentum > 0 ? 1 : 0;
}

/** The optimizer state as plain data: step count and, per parameter key, its slot values. */
export interface OptimizerState {
  optimizer: OptimizerName;
  /** Updates applied so far (Adam's bias correction uses it). */
  step: number;
  slots: Map<string, number[]>;
}

/**
 * One update. `grad` is already masked and penalised. Returns the new parameters and slots (the caller
 * keeps them and disposes the old ones). `t` is the 1-based step number after this update.
 * adam: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; theta -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
 * sgd: theta -= lr * g; with momentum mu: u = mu u + g; theta -= lr * u.
 */
export function applyUpdate(
  config: Pick<TrainConfig, 'optimizer' | 'learningRate' | 'momentum'>,
  theta: tf.Tensor1D,
  grad: tf.Tensor1D,
  slots: tf.Tensor1D[],
  t: number,
): { theta: tf.Tensor1D; slots: tf.Tensor1D[] } {
  const lr = config.learningRate;
  if (config.optimizer === 'adam') {
    const m = tf.add(tf.mul(slots[0]!, ADAM_BETA1), tf.mul(grad, 1 - ADAM_BETA1)) as tf.Tensor1D;
    const v = tf.add(tf.mul(slots[1]!, ADAM_BETA2), tf.mul(tf.square(grad), 1 - ADAM_BETA2)) as tf.Tensor1D;
    const mHat = tf.div(m, 1 - Math.pow(ADAM_BETA1, t));
    const vHat = tf.div(v, 1 - Math.pow(ADAM_BETA2, t));
    const update = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM_EPSILON)), lr);
    return { theta: tf.sub(theta, update) as tf.Tensor1D, slots: [m, v] };
  }
  if (config.momentum > 0) {
    const u = tf.add(tf.mul(slots[0]!, config.momentum), grad) as tf.Tensor1D;
    return { theta: tf.sub(theta, tf.mul(u, lr)) as tf.Tensor1D, slots: [u] };
  }
  return { theta: tf.sub(theta, tf.mul(grad, lr)) as tf.Tensor1D, slots: [] };
}
