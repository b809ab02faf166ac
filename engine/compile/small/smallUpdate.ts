// The optimizer step over float32 parameter and slot arrays: the penalties and formulas of
// engine/train/optimizers.ts and Trainer.step, with each stored value rounded to float32 as tfjs stores it.
import type { TrainConfig } from '../../graph/trainConfig';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON } from '../../train/optimizerConfig';

/**
 * Adds the L1/L2 penalty on weights to `grad`, then applies one update to `theta` and `slots` in place.
 * `t` is the 1-based update number (Adam's bias correction).
 * adam: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; theta -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
 * sgd: theta -= lr g; with momentum mu: u = mu u + g; theta -= lr u.
 */
export function updateParameters(
  config: Pick<TrainConfig, 'optimizer' | 'learningRate' | 'momentum' | 'l1' | 'l2'>,
  theta: Float32Array,
  grad: Float64Array,
  isWeight: Uint8Array,
  slots: Float32Array[],
  t: number,
): void {
  const n = theta.length;
  const { l1, l2, learningRate: lr } = config;
  if (l1 > 0 || l2 > 0) {
    const c2 = l2 > 0 ? 2 * l2 : 0;
    const c1 = l1 > 0 ? l1 : 0;
    for (let i = 0; i < n; i++) {
      if (!isWeight[i]) continue;
      const w = theta[i]!;
      grad[i] = grad[i]! + c2 * w + c1 * Math.sign(w);
    }
  }
  if (config.optimizer === 'adam') {
    const m = slots[0]!;
    const v = slots[1]!;
    const c1 = 1 - Math.pow(ADAM_BETA1, t);
    const c2 = 1 - Math.pow(ADAM_BETA2, t);
    for (let i = 0; i < n; i++) {
      const g = grad[i]!;
      const mi = Math.fround(ADAM_BETA1 * m[i]! + (1 - ADAM_BETA1) * g);
      const vi = Math.fround(ADAM_BETA2 * v[i]! + (1 - ADAM_BETA2) * g * g);
      m[i] = mi;
      v[i] = vi;
      theta[i] = theta[i]! - lr * ((mi / c1) / (Math.sqrt(vi / c2) + ADAM_EPSILON));
    }
    return;
  }
  if (config.momentum > 0) {
    const u = slots[0]!;
    const mu = config.momentum;
    for (let i = 0; i < n; i++) {
      const ui = Math.fround(mu * u[i]! + grad[i]!);
      u[i] = ui;
      theta[i] = theta[i]! - lr * ui;
    }
    return;
  }
  for (let i = 0; i < n; i++) theta[i] = theta[i]! - lr * grad[i]!;
}
