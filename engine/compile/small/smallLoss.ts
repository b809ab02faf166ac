// Losses over a batch held in Float64Arrays, with their gradient with respect to the output values before the
// transform: the same formulas as engine/train/losses.ts (cross-entropy from pre-transform values, max-shifted).
import type { LossName } from '../../graph/trainConfig';
import type { OutputTransform } from '../../graph/types';

/** How many terms the loss is a mean of, for a batch of `batch` samples and `outputs` outputs. */
export function lossCount(loss: LossName, transform: OutputTransform, outputs: number, batch: number): number {
  return loss === 'cross_entropy' && transform === 'softmax' ? batch : outputs * batch;
}

/**
 * The summed loss over the batch (divide by `lossCount` for the mean). When `grad` is given, adds
 * `scale` times the derivative of the sum with respect to each output value into `grad` (rows laid out
 * like `v`). `v` holds row r of the batch at r*batch; `t` holds target k at k*batch; `y` is scratch of
 * at least `outputRows.length` entries.
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
  for (let k = 0; k < K; k++) {
    const off = outputRows[k]! * batch;
    const tOff = k * batch;
    for (let j = 0; j < batch; j++) {
      const o = v[off + j]!;
      const tk = t[tOff + j]!;
      if (loss === 'cross_entropy') {
        // Sigmoid (checkLoss refuses the others): max(o,0) - o t + log(1 + exp(-|o|)).
        total += (o > 0 ? o : 0) - o * tk + Math.log1p(Math.exp(-Math.abs(o)));
        if (grad) grad[off + j] = grad[off + j]! + scale * (1 / (1 + Math.exp(-o)) - tk);
        continue;
      }
      let out = o;
      let dOut = 1;
      if (transform === 'sigmoid') {
        out = 1 / (1 + Math.exp(-o));
        dOut = out * (1 - out);
      } else if (transform === 'tanh') {
        out = Math.tanh(o);
        dOut = 1 - out * out;
      }
      const d = out - tk;
      total += d * d;
      if (grad) grad[off + j] = grad[off + j]! + scale * 2 * d * dOut;
    }
  }
  return total;
}

/**
 * Correct predictions in the batch and how many were judged: softmax counts samples whose first arg-max output
 * is the first arg-max target; sigmoid counts outputs on the target's side (o > 0 vs t > 0.5). Null otherwise.
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
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < batch; j++) if (v[outputRows[k]! * batch + j]! > 0 === t[k * batch + j]! > 0.5) count++;
    }
    return count;
  }
  return null;
}

/** The output transform of one sample's outputs (a new array). */
export function transformRow(transform: OutputTransform, o: number[]): number[] {
  if (transform === 'sigmoid') return o.map((x) => 1 / (1 + Math.exp(-x)));
  if (transform === 'tanh') return o.map(Math.tanh);
  if (transform === 'softmax') {
    const m = Math.max(...o);
    const e = o.map((x) => Math.exp(x - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  }
  return o;
}
