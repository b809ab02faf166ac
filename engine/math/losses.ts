// The losses and their gradients with respect to the output values before the transform, in float64 (no tfjs):
// mse after the transform, cross-entropy from pre-transform values (max-shifted softmax, stable sigmoid). The
// typed-array executor sums them over a batch; engine/train/losses.ts is the same on tensors, tested against these.
import type { LossName } from '../graph/trainConfig';
import type { OutputTransform } from '../graph/types';
import { sigmoid } from './activations';
import { classThreshold } from './classes';

/** How many terms the loss is a mean of, for a batch of `batch` samples and `outputs` outputs. */
export function lossCount(loss: LossName, transform: OutputTransform, outputs: number, batch: number): number {
  return loss === 'cross_entropy' && transform === 'softmax' ? batch : outputs * batch;
}

/** Sigmoid cross-entropy of one pre-transform value `o` against target `t`: max(o,0) - o t + log(1 + e^-|o|). */
export function sigmoidCrossEntropy(o: number, t: number): number {
  return (o > 0 ? o : 0) - o * t + Math.log1p(Math.exp(-Math.abs(o)));
}

/** d sigmoidCrossEntropy / d o = sigmoid(o) - t. */
export function sigmoidCrossEntropyGrad(o: number, t: number): number {
  return sigmoid(o) - t;
}

/** The transform code of an elementwise mse term: 0 identity, 1 sigmoid, 2 tanh. */
export function mseTransformCode(transform: OutputTransform): number {
  return transform === 'sigmoid' ? 1 : transform === 'tanh' ? 2 : 0;
}

/** The transformed output an mse term compares (code as `mseTransformCode`). */
export function mseOut(code: number, o: number): number {
  return code === 1 ? sigmoid(o) : code === 2 ? Math.tanh(o) : o;
}

/** d out / d o from the transformed output `out`. */
export function mseOutSlope(code: number, out: number): number {
  return code === 1 ? out * (1 - out) : code === 2 ? 1 - out * out : 1;
}

/**
 * One mse term (out - t)^2 with out = transform(o) (code as `mseTransformCode`); writes d term / d o to
 * `slope[0]` when given. Returns the term.
 */
export function mseTerm(code: number, o: number, t: number, slope: Float64Array | null): number {
  const out = mseOut(code, o);
  const d = out - t;
  if (slope) slope[0] = 2 * d * mseOutSlope(code, out);
  return d * d;
}

const slope = new Float64Array(1);

/**
 * The summed loss over the batch (divide by `lossCount` for the mean). When `grad` is given, adds `scale` times
 * the derivative of the sum with respect to each output value into `grad` (rows laid out like `v`). `v` holds row
 * r of the batch at r*batch; `t` holds target k at k*batch; `y` is scratch of at least `outputRows.length` entries.
 */
export function lossSum(
  loss: LossName,
  transform: OutputTransform,
  v: Float64Array,
  outputRows: Int32Array,
  t: Float64Array,
  batch: number,
  y: Float64Array,
  grad: Float64Array | null,
  scale: number,
): number {
  const K = outputRows.length;
  let total = 0;
  if (transform === 'softmax') {
    for (let j = 0; j < batch; j++) {
      let m = -Infinity;
      for (let k = 0; k < K; k++) {
        const o = v[outputRows[k]! * batch + j]!;
        if (o > m) m = o;
      }
      let s = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(v[outputRows[k]! * batch + j]! - m);
        y[k] = e;
        s += e;
      }
      if (loss === 'cross_entropy') {
        const logS = Math.log(s);
        let tSum = 0;
        for (let k = 0; k < K; k++) {
          const tk = t[k * batch + j]!;
          total -= tk * (v[outputRows[k]! * batch + j]! - m - logS);
          tSum += tk;
        }
        if (grad) {
          for (let k = 0; k < K; k++) {
            const at = outputRows[k]! * batch + j;
            grad[at] = grad[at]! + scale * ((y[k]! / s) * tSum - t[k * batch + j]!);
          }
        }
      } else {
        let gy = 0;
        for (let k = 0; k < K; k++) {
          const p = y[k]! / s;
          y[k] = p;
          const d = p - t[k * batch + j]!;
          total += d * d;
          gy += 2 * d * p;
        }
        if (grad) {
          for (let k = 0; k < K; k++) {
            const p = y[k]!;
            const at = outputRows[k]! * batch + j;
            grad[at] = grad[at]! + scale * p * (2 * (p - t[k * batch + j]!) - gy);
          }
        }
      }
    }
    return total;
  }
  const code = mseTransformCode(transform);
  for (let k = 0; k < K; k++) {
    const off = outputRows[k]! * batch;
    const tOff = k * batch;
    for (let j = 0; j < batch; j++) {
      const o = v[off + j]!;
      const tk = t[tOff + j]!;
      if (loss === 'cross_entropy') {
        // Sigmoid (checkLoss refuses the others).
        total += sigmoidCrossEntropy(o, tk);
        if (grad) grad[off + j] = grad[off + j]! + scale * sigmoidCrossEntropyGrad(o, tk);
        continue;
      }
      total += mseTerm(code, o, tk, grad ? slope : null);
      if (grad) grad[off + j] = grad[off + j]! + scale * slope[0]!;
    }
  }
  return total;
}

/**
 * Correct predictions in the batch (the accuracy's numerator): softmax counts samples whose first arg-max output
 * is the first arg-max target; sigmoid counts outputs on the target's side of `classThreshold` (o > 0 is
 * sigmoid(o) > 0.5). Null for the other transforms (no accuracy).
 */
export function hits(transform: OutputTransform, v: Float64Array, outputRows: Int32Array, t: Float64Array, batch: number): number | null {
  const K = outputRows.length;
  let count = 0;
  if (transform === 'softmax') {
    for (let j = 0; j < batch; j++) {
      let bo = 0;
      let bt = 0;
      for (let k = 1; k < K; k++) {
        if (v[outputRows[k]! * batch + j]! > v[outputRows[bo]! * batch + j]!) bo = k;
        if (t[k * batch + j]! > t[bt * batch + j]!) bt = k;
      }
      if (bo === bt) count++;
    }
    return count;
  }
  if (transform === 'sigmoid') {
    const threshold = classThreshold(transform);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < batch; j++) if (v[outputRows[k]! * batch + j]! > 0 === t[k * batch + j]! > threshold) count++;
    }
    return count;
  }
  return null;
}
