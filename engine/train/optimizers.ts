// Optimizers over one flat parameter vector: a few ops per step whatever the network's size.
// Their state is keyed by parameter id on the host, so it survives edits (see Trainer).
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../graph/trainConfig';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON } from './optimizerConfig';

export type { OptimizerState } from './Executor';
export { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, slotCount } from './optimizerConfig';

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
