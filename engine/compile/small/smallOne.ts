// The typed-array executor's per-sample path (batch size 1, no dropout): one training step as a single call that
// loads the sample, runs the forward pass, the loss and back-propagation, and updates each parameter as soon as
// its gradient is complete. Scalar loops over locals; nothing allocated. Per-sample SGD spends its time here.
import type { LossName } from '../../graph/trainConfig';
import type { OutputTransform } from '../../graph/types';
import { GELU_C as GELU_C_, GELU_K as GELU_K_, SOFTPLUS_THRESHOLD as SOFTPLUS_THRESHOLD_ } from './kernels';
import type { SplitData } from './smallData';
import { lossSum as lossSumImport } from './smallLoss';
import type { Workspace } from './smallPass';
import type { SmallPlan } from './smallPlan';

// Read once: the scalar kernels below run per neuron and sample, and a Node loader's CommonJS interop (tsx,
// vitest) would otherwise turn every use of an imported binding into a getter call. For the same reason the
// scalar activation functions live in this file.
const GELU_C = GELU_C_;
const GELU_K = GELU_K_;
const SOFTPLUS_THRESHOLD = SOFTPLUS_THRESHOLD_;
const lossSum = lossSumImport;

/** Everything a per-sample step needs besides the network and the sample, resolved from the settings once. */
export interface OneStepRule {
  /** 0 plain sgd, 1 sgd with momentum, 2 adam. */
  optimizer: number;
  learningRate: number;
  momentum: number;
  l1: number;
  l2: number;
  /** Adam's bias corrections 1 - beta^t for this step (the executor sets them before each step). */
  c1: number;
  c2: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Loss 0 mse, 1 cross-entropy on sigmoid outputs, -1 for a softmax output (computed by `lossSum`). */
  lossCode: number;
  /** Output transform 0 identity, 1 sigmoid, 2 tanh (softmax has lossCode -1). */
  transformCode: number;
  /** The names, for `lossSum` (softmax). */
  loss: LossName;
  transform: OutputTransform;
  /** 1 / (loss terms per sample): the mean's factor, applied to the gradient. */
  scale: number;
}

/**
 * One training step on sample `sample` of `data`: returns the sample's summed loss (times `rule.scale` for the
 * mean). Same arithmetic, in the same order, as `loadIndices` + `forward` + `lossSum` + `backward` +
 * `updateParameters` for a batch of one; each parameter is updated right after its gradient is complete (a
 * parameter belongs to one neuron and its old value is needed only for that neuron's own back-propagation).
 * `ws.dv` must be all zeros and is left so. The network must have no dropout (`ws.a === ws.v`).
 */
export function trainOne(plan: SmallPlan, theta: Float32Array, slots: Float32Array[], ws: Workspace, data: SplitData, sample: number, rule: OneStepRule): number {
  const { z, g, v, dv } = ws;
  const { activation, edgeStart, edgeSource, firstRow, rows, outputRows } = plan;
  const n = data.count;
  const x = data.x;
  const targets = data.t;
  v[0] = 1;
  for (let i = 1, at = sample; i < firstRow; i++, at += n) v[i] = x[at]!;

  // Forward (the formulas of `activate1`), keeping each neuron's act'(z) for back-propagation (the formulas of
  // `activationGrad1`, sharing the forward pass's exp or tanh where both need it), and noting whether every
  // pre-activation, hence every value, is finite.
  let finite = true;
  let e = 0;
  for (let r = firstRow, k = 0; r < rows; r++, k++) {
    const e1 = edgeStart[k + 1]!;
    let s = theta[e + k]!;
    for (; e < e1; e++) s += theta[e + k + 1]! * v[edgeSource[e]!]!;
    z[r] = s;
    if (s - s !== 0) finite = false; // 0 for a finite s, NaN for an infinite or NaN one
    let y: number;
    let dy: number;
    switch (activation[k]!) {
      case 1:
        y = s < 0 ? 0 : s;
        dy = s > 0 ? 1 : 0;
        break;
      case 2:
        y = s < 0 ? 0.01 * s : s;
        dy = s > 0 ? 1 : 0.01;
        break;
      case 3:
        y = s > 0 ? s : Math.exp(s) - 1;
        dy = y < 0 ? y + 1 : 1;
        break;
      case 4: {
        const t = Math.tanh(GELU_C * (s + GELU_K * s * s * s));
        y = 0.5 * s * (1 + t);
        dy = 0.5 * (1 + t) + 0.5 * s * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * s * s);
        break;
      }
      case 5: {
        const q = 1 + Math.exp(-s);
        const sig = 1 / q;
        y = s / q;
        dy = sig + s * sig * (1 - sig);
        break;
      }
      case 6:
        y = 1 / (1 + Math.exp(-s));
        dy = y * (1 - y);
        break;
      case 7:
        y = Math.tanh(s);
        dy = 1 - y * y;
        break;
      case 8:
        y = s > -SOFTPLUS_THRESHOLD ? s : s < SOFTPLUS_THRESHOLD ? Math.exp(s) : Math.log(1 + Math.exp(s));
        dy = 1 / (1 + Math.exp(-s));
        break;
      case 9:
        y = Math.sin(s);
        dy = Math.cos(s);
        break;
      default:
        y = s;
        dy = 1;
    }
    v[r] = y;
    g[r] = dy;
  }

  // The loss and d loss / d output value (the formulas of `lossSum` for one sample).
  let total = 0;
  const lossCode = rule.lossCode;
  if (lossCode >= 0) {
    const transform = rule.transformCode;
    const scale = rule.scale;
    for (let k = 0, at = sample; k < outputRows.length; k++, at += n) {
      const r = outputRows[k]!;
      const o = v[r]!;
      const tk = targets[at]!;
      if (lossCode === 1) {
        total += (o > 0 ? o : 0) - o * tk + Math.log1p(Math.exp(-Math.abs(o)));
        dv[r] = dv[r]! + scale * (1 / (1 + Math.exp(-o)) - tk);
        continue;
      }
      let out = o;
      let dOut = 1;
      if (transform === 1) {
        out = 1 / (1 + Math.exp(-o));
        dOut = out * (1 - out);
      } else if (transform === 2) {
        out = Math.tanh(o);
        dOut = 1 - out * out;
      }
      const d = out - tk;
      total += d * d;
      dv[r] = dv[r]! + scale * 2 * d * dOut;
    }
  } else {
    const t = ws.t;
    for (let k = 0, at = sample; k < plan.outputCount; k++, at += n) t[k] = targets[at]!;
    total = lossSum(rule.loss, rule.transform, v, outputRows, t, 1, ws.y, dv, rule.scale);
  }

  if (rule.optimizer !== 0 || rule.l1 !== 0 || rule.l2 !== 0) backwardUpdateOne(plan, theta, slots, ws, rule);
  else if (finite) sgdOneSkipping(plan, theta, ws, rule.learningRate);
  else sgdOne(plan, theta, ws, rule.learningRate);
  return total;
}

/**
 * Back-propagation fused with the update, for plain SGD without penalties (the case peers are compared on), on
 * a sample whose values are all finite: a neuron whose d loss / d pre-activation is zero (a relu below its kink,
 * or nothing downstream depends on it) would change no parameter and add nothing to its sources' d loss / d value
 * (with a finite v, w - lr (0 v) == w and dv + 0 w == dv as numbers: only a parameter that is exactly -0 could
 * come out as +0 there), so it is skipped.
 */
function sgdOneSkipping(plan: SmallPlan, theta: Float32Array, ws: Workspace, lr: number): void {
  const { g, v, dv } = ws;
  const { edgeStart, edgeSource, firstRow } = plan;
  for (let r = plan.rows - 1, k = r - firstRow; k >= 0; r--, k--) {
    const dr = dv[r]!;
    if (dr === 0) continue;
    dv[r] = 0;
    const d = dr * g[r]!;
    if (d === 0) continue;
    const e0 = edgeStart[k]!;
    const e1 = edgeStart[k + 1]!;
    let p = e0 + k;
    theta[p] = theta[p]! - lr * d;
    for (let e = e0; e < e1; e++) {
      p++;
      const src = edgeSource[e]!;
      const w = theta[p]!;
      dv[src] = dv[src]! + w * d;
      theta[p] = w - lr * (d * v[src]!);
    }
  }
  // The inputs' rows took d loss / d input value above (no branch per connection); nothing reads them.
  for (let r = 1; r < firstRow; r++) dv[r] = 0;
}

/** `sgdOneSkipping` without the skipping, for a sample with a non-finite value (where 0 v is NaN). */
function sgdOne(plan: SmallPlan, theta: Float32Array, ws: Workspace, lr: number): void {
  const { g, v, dv } = ws;
  const { edgeStart, edgeSource, firstRow } = plan;
  for (let r = plan.rows - 1, k = r - firstRow; k >= 0; r--, k--) {
    const d = dv[r]! * g[r]!;
    dv[r] = 0;
    const e0 = edgeStart[k]!;
    const e1 = edgeStart[k + 1]!;
    let p = e0 + k;
    theta[p] = theta[p]! - lr * d;
    for (let e = e0; e < e1; e++) {
      p++;
      const src = edgeSource[e]!;
      const w = theta[p]!;
      if (src >= firstRow) dv[src] = dv[src]! + w * d;
      theta[p] = w - lr * (d * v[src]!);
    }
  }
}

/** Back-propagation fused with the update, for any rule: momentum, Adam, L1/L2 penalties on weights. */
function backwardUpdateOne(plan: SmallPlan, theta: Float32Array, slots: Float32Array[], ws: Workspace, rule: OneStepRule): void {
  const { g: gz, v, dv } = ws;
  const { edgeStart, edgeSource, firstRow, isWeight } = plan;
  const { optimizer, learningRate: lr, momentum, l1, l2, c1, c2, beta1, beta2, epsilon } = rule;
  const s0 = slots[0]!;
  const s1 = slots[1]!;
  const penalised = l1 > 0 || l2 > 0;
  for (let r = plan.rows - 1, k = r - firstRow; r >= firstRow; r--, k--) {
    const d = dv[r]! * gz[r]!;
    dv[r] = 0;
    const e0 = edgeStart[k]!;
    const e1 = edgeStart[k + 1]!;
    // p = e0 + k is the bias (its input is the constant 1), then one weight per edge.
    for (let p = e0 + k, e = e0 - 1; e < e1; p++, e++) {
      const old = theta[p]!;
      let g = d;
      if (e >= e0) {
        const src = edgeSource[e]!;
        g = d * v[src]!;
        if (src >= firstRow) dv[src] = dv[src]! + old * d;
        if (penalised && isWeight[p]) g += 2 * l2 * old + l1 * Math.sign(old);
      }
      if (optimizer === 0) {
        theta[p] = old - lr * g;
      } else if (optimizer === 1) {
        const u = Math.fround(momentum * s0[p]! + g);
        s0[p] = u;
        theta[p] = old - lr * u;
      } else {
        const m = Math.fround(beta1 * s0[p]! + (1 - beta1) * g);
        const w = Math.fround(beta2 * s1[p]! + (1 - beta2) * g * g);
        s0[p] = m;
        s1[p] = w;
        theta[p] = old - lr * ((m / c1) / (Math.sqrt(w / c2) + epsilon));
      }
    }
  }
}

/**
 * `forward` for one sample without dropout: scalar loops, no per-row calls. Parameters are laid out per neuron
 * as bias then incoming weights, so neuron k's bias is at edgeStart[k] + k and edge e's weight at e + k + 1: no
 * parameter index is read.
 */
export function forwardOne(plan: SmallPlan, theta: Float32Array, ws: Workspace): void {
  const { z, a, v } = ws;
  const { activation, edgeStart, edgeSource, firstRow, rows } = plan;
  let e = 0;
  for (let r = firstRow, k = 0; r < rows; r++, k++) {
    const e1 = edgeStart[k + 1]!;
    let s = theta[e + k]!;
    for (; e < e1; e++) s += theta[e + k + 1]! * v[edgeSource[e]!]!;
    z[r] = s;
    const y = activate1(activation[k]!, s);
    a[r] = y;
    v[r] = y;
  }
}

/** `backward` for one sample without dropout (parameter positions as in `forwardOne`): adds the gradient into `grad`. */
export function backwardOne(plan: SmallPlan, theta: Float32Array, ws: Workspace, grad: Float64Array): void {
  const { z, a, v, dv } = ws;
  const { activation, edgeStart, edgeSource, firstRow } = plan;
  for (let r = plan.rows - 1, k = r - firstRow; r >= firstRow; r--, k--) {
    const d = dv[r]! * activationGrad1(activation[k]!, z[r]!, a[r]!);
    const e0 = edgeStart[k]!;
    grad[e0 + k] = grad[e0 + k]! + d;
    for (let e = e0, e1 = edgeStart[k + 1]!; e < e1; e++) {
      const src = edgeSource[e]!;
      const p = e + k + 1;
      grad[p] = grad[p]! + d * v[src]!;
      if (src >= firstRow) dv[src] = dv[src]! + theta[p]! * d;
    }
  }
}

/** act(z) for one value (codes as `ACTIVATION_CODE`; the same formulas as `activateRow`). */
function activate1(code: number, x: number): number {
  switch (code) {
    case 0:
      return x;
    case 1:
      return x < 0 ? 0 : x;
    case 2:
      return x < 0 ? 0.01 * x : x;
    case 3:
      return x > 0 ? x : Math.exp(x) - 1;
    case 4:
      return 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x)));
    case 5:
      return x / (1 + Math.exp(-x));
    case 6:
      return 1 / (1 + Math.exp(-x));
    case 7:
      return Math.tanh(x);
    case 8:
      return x > -SOFTPLUS_THRESHOLD ? x : x < SOFTPLUS_THRESHOLD ? Math.exp(x) : Math.log(1 + Math.exp(x));
    case 9:
      return Math.sin(x);
    default:
      return x;
  }
}

/** act'(z) for one value, given z and y = act(z) (same conventions as `activationGradRow`). */
function activationGrad1(code: number, x: number, y: number): number {
  switch (code) {
    case 0:
      return 1;
    case 1:
      return x > 0 ? 1 : 0;
    case 2:
      return x > 0 ? 1 : 0.01;
    case 3:
      return y < 0 ? y + 1 : 1;
    case 4: {
      const t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
    }
    case 5: {
      const s = 1 / (1 + Math.exp(-x));
      return s + x * s * (1 - s);
    }
    case 6:
      return y * (1 - y);
    case 7:
      return 1 - y * y;
    case 8:
      return 1 / (1 + Math.exp(-x));
    case 9:
      return Math.cos(x);
    default:
      return 1;
  }
}
