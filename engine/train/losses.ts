// Losses computed from the pre-transform output values, so cross-entropy is numerically stable.
import * as tf from '@tensorflow/tfjs';
import type { OutputTransform } from '../graph/types';
import type { LossName } from '../graph/trainConfig';
import { transformOutputs } from '../compile/activations';
import { checkLoss } from './checkLoss';

export { checkLoss };

/**
 * The mean loss over a batch, as a scalar.
 * @param o output values before the transform, [outputs, batch]
 * @param t targets, [outputs, batch]
 * - mse: mean((transform(o) - t)^2) over all elements.
 * - cross_entropy with softmax: mean over samples of -sum_k t_k log p_k, via a max-shifted log-sum-exp.
 * - cross_entropy with sigmoid: mean over elements of max(o,0) - o t + log(1 + exp(-|o|)).
 */
export function lossOf(loss: LossName, transform: OutputTransform, o: tf.Tensor2D, t: tf.Tensor2D): tf.Scalar {
  if (loss === 'mse') return tf.mean(tf.squaredDifference(transformOutputs(transform, o), t));
  checkLoss(loss, transform);
  if (transform === 'softmax') {
    const m = tf.max(o, 0, true);
    const shifted = tf.sub(o, m);
    const logSumExp = tf.log(tf.sum(tf.exp(shifted), 0, true));
    const logP = tf.sub(shifted, logSumExp);
    return tf.div(tf.neg(tf.sum(tf.mul(t, logP))), o.shape[1]);
  }
  const perElement = tf.add(tf.sub(tf.relu(o), tf.mul(o, t)), tf.log1p(tf.exp(tf.neg(tf.abs(o)))));
  return tf.mean(perElement);
}
