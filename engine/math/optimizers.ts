// The optimizer rules (sgd, sgd with momentum, Adam) and the L1/L2 penalties, written once over float32 parameter
// and slot arrays, each stored value rounded to float32 as tfjs stores it (no tfjs). The tfjs executor's
// engine/train/optimizers.ts applies the same formulas on tensors and is tested against these.
import type { TrainConfig } from '../graph/trainConfig';

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

/** Number of per-parameter slots an optimizer keeps: adam m and v; sgd with momentum the velocity. */
export function slotCount(config: Pick<TrainConfig, 'optimizer' | 'momentum'>): number {
  if (config.optimizer === 'adam') return 2;
  return config.momentum > 0 ? 1 : 0;
}

/** The penalty's gradient on one weight `w`: 2 l2 w + l1 sign(w) (a coefficient applies only when positive). */
export function penaltyGrad(l1: number, l2: number, w: number): number {
  return (l2 > 0 ? 2 * l2 * w : 0) + (l1 > 0 ? l1 * Math.sign(w) : 0);
}

/** Adam's bias correction 1 - beta^t for the 1-based update `t` (beta: ADAM_BETA1 or ADAM_BETA2). */
export function adamCorrection(beta: number, t: number): number {
  return 1 - Math.pow(beta, t);
}

/** Adam's first moment after gradient `g`, as float32. */
export function adamFirst(m: number, g: number): number {
  return Math.fround(ADAM_BETA1 * m + (1 - ADAM_BETA1) * g);
}

/** Adam's second moment after gradient `g`, as float32. */
export function adamSecond(v: number, g: number): number {
  return Math.fround(ADAM_BETA2 * v + (1 - ADAM_BETA2) * g * g);
}

/** Adam's step on a parameter, from the new moments and the corrections: lr (m / c1) / (sqrt(v / c2) + eps). */
export function adamStep(lr: number, m: number, v: number, c1: number, c2: number): number {
  return lr * ((m / c1) / (Math.sqrt(v / c2) + ADAM_EPSILON));
}

/** The momentum velocity after gradient `g`: mu u + g, as float32. */
export function momentumVelocity(mu: number, u: number, g: number): number {
  return Math.fround(mu * u + g);
}

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
    for (let i = 0; i < n; i++) if (isWeight[i]) grad[i] = grad[i]! + penaltyGrad(l1, l2, theta[i]!);
  }
  if (config.optimizer === 'adam') {
    const m = slots[0]!;
    const v = slots[1]!;
    const c1 = adamCorrection(ADAM_BETA1, t);
    const c2 = adamCorrection(ADAM_BETA2, t);
    for (let i = 0; i < n; i++) {
      const g = grad[i]!;
      const mi = adamFirst(m[i]!, g);
      const vi = adamSecond(v[i]!, g);
      m[i] = mi;
      v[i] = vi;
      theta[i] = theta[i]! - adamStep(lr, mi, vi, c1, c2);
    }
    return;
  }
  if (config.momentum > 0) {
    const u = slots[0]!;
    const mu = config.momentum;
    for (let i = 0; i < n; i++) {
      const ui = momentumVelocity(mu, u[i]!, grad[i]!);
      u[i] = ui;
      theta[i] = theta[i]! - lr * ui;
    }
    return;
  }
  for (let i = 0; i < n; i++) theta[i] = theta[i]! - lr * grad[i]!;
}
