// The forward and backward passes of the typed-array executor: batch-major rows (row r of the batch at r*batch)
// in preallocated Float64Arrays, index loops per neuron and per connection, nothing allocated per step.
import * as seedrandom from 'seedrandom';
import { dropoutSeed } from '../dropoutSeed';
import { activateRow, activationGradRow, GELU_C as GELU_C_, GELU_K as GELU_K_, SOFTPLUS_THRESHOLD as SOFTPLUS_THRESHOLD_ } from './kernels';

// Read once: the scalar kernels below run per neuron and sample, and a Node loader's CommonJS interop would
// otherwise turn every use of an imported binding into a getter call. For the same reason they live here.
const GELU_C = GELU_C_;
const GELU_K = GELU_K_;
const SOFTPLUS_THRESHOLD = SOFTPLUS_THRESHOLD_;
import type { SmallPlan } from './smallPlan';

/** Scratch memory for batches of up to `capacity` samples. */
export interface Workspace {
  capacity: number;
  /** Pre-activations, rows x capacity. */
  z: Float64Array;
  /** Activations before dropout (the same array as `v` when the network has no dropout). */
  a: Float64Array;
  /** Values after dropout: what later neurons and the loss read. Row 0 is ones, then the inputs. */
  v: Float64Array;
  /** d loss / d value, rows x capacity. */
  dv: Float64Array;
  /** Dropout multipliers (0 or 1/keep) of the last training pass, or null when the network has no dropout. */
  mask: Float64Array | null;
  /** 1 for the rows whose values get a dropout multiplier in training. */
  masked: Uint8Array;
  /** Targets of the batch, outputs x capacity. */
  t: Float64Array;
  /** One row of scratch (d loss / d pre-activation of the neuron at hand). */
  d: Float64Array;
  /** Per-sample scratch over the outputs. */
  y: Float64Array;
  /** True when `dv` may hold non-zeros in its first rows (a batch pass used it); the per-sample path clears it. */
  dirty: boolean;
}

/** Allocates a workspace for `plan` and batches of up to `capacity` samples. */
export function createWorkspace(plan: SmallPlan, capacity: number): Workspace {
  const n = plan.rows * capacity;
  const dropout = plan.dropoutLevels.length > 0;
  const v = new Float64Array(n);
  const masked = new Uint8Array(plan.rows);
  for (const lv of plan.dropoutLevels) {
    // Row 0 holds the ones that biases multiply; it is never dropped (see forward).
    for (let i = lv.level === 0 ? 1 : 0; i < lv.keep.length; i++) masked[lv.rowStart + i] = 1;
  }
  return {
    capacity,
    z: new Float64Array(n),
    a: dropout ? new Float64Array(n) : v,
    v,
    dv: new Float64Array(n),
    mask: dropout ? new Float64Array(n) : null,
    masked,
    t: new Float64Array(plan.outputCount * capacity),
    d: new Float64Array(capacity),
    y: new Float64Array(Math.max(1, plan.outputCount)),
    dirty: false,
  };
}

/**
 * Draws the dropout multipliers exactly as the tfjs program does: per level, `tf.randomUniform([rows, batch],
 * 0, 1, 'float32', dropoutSeed(seed, step, level))` (seedrandom's alea, values rounded to float32), kept where
 * u < keep, scaled by the float32 1 / keep. The one difference: tfjs can drop the ones row of the inputs' level
 * (when u rounds up to 1.0, about once in 2^25 draws); here it is always kept.
 */
function drawMasks(plan: SmallPlan, ws: Workspace, batch: number, seed: number, step: number): void {
  const mask = ws.mask!;
  for (const lv of plan.dropoutLevels) {
    const random = seedrandom.alea(String(dropoutSeed(seed, step, lv.level)));
    for (let i = 0; i < lv.keep.length; i++) {
      const keep = lv.keep[i]!;
      const scale = keep > 0 ? Math.fround(1 / keep) : 0;
      const off = (lv.rowStart + i) * batch;
      for (let j = 0; j < batch; j++) mask[off + j] = Math.fround(random()) < keep ? scale : 0;
    }
  }
}

/**
 * Computes every neuron's value for the batch in `ws.v` (rows 0..inputs must already hold ones and inputs).
 * `dropout` (training) applies dropout with masks from that seed and step; null evaluates without.
 */
export function forward(plan: SmallPlan, theta: Float32Array, ws: Workspace, batch: number, dropout: { seed: number; step: number } | null): void {
  if (batch === 1 && !(dropout && ws.mask)) {
    forwardOne(plan, theta, ws);
    return;
  }
  const { z, a, v, masked } = ws;
  const { activation, biasParam, edgeStart, edgeEnd, edgeSource, edgeParam, firstRow, rows } = plan;
  const mask = dropout && ws.mask ? ws.mask : null;
  if (mask) {
    drawMasks(plan, ws, batch, dropout!.seed, dropout!.step);
    for (let r = 1; r < firstRow; r++) {
      if (!masked[r]) continue;
      const off = r * batch;
      for (let j = 0; j < batch; j++) v[off + j] = v[off + j]! * mask[off + j]!;
    }
  }
  for (let r = firstRow; r < rows; r++) {
    const k = r - firstRow;
    const off = r * batch;
    const end = off + batch;
    const b = theta[biasParam[k]!]!;
    for (let i = off; i < end; i++) z[i] = b;
    for (let e = edgeStart[k]!, e1 = edgeEnd[k]!; e < e1; e++) {
      const w = theta[edgeParam[e]!]!;
      const s = edgeSource[e]! * batch - off;
      for (let i = off; i < end; i++) z[i] = z[i]! + w * v[s + i]!;
    }
    activateRow(activation[k]!, z, a, off, batch);
    if (a !== v) {
      if (mask && masked[r]) for (let i = off; i < end; i++) v[i] = a[i]! * mask[i]!;
      else for (let i = off; i < end; i++) v[i] = a[i]!;
    }
  }
}

/**
 * Back-propagates `ws.dv` (which must hold d loss / d value of the outputs, zeros elsewhere) and adds
 * d loss / d parameter into `grad`. `dropout` says whether the last forward pass applied dropout.
 */
export function backward(plan: SmallPlan, theta: Float32Array, ws: Workspace, batch: number, dropout: boolean, grad: Float64Array): void {
  if (batch === 1 && !(dropout && ws.mask)) {
    backwardOne(plan, theta, ws, grad);
    return;
  }
  const { z, a, v, dv, d, masked } = ws;
  const { activation, biasParam, edgeStart, edgeEnd, edgeSource, edgeParam, firstRow } = plan;
  const mask = dropout ? ws.mask : null;
  for (let r = plan.rows - 1; r >= firstRow; r--) {
    const k = r - firstRow;
    const off = r * batch;
    if (mask && masked[r]) for (let j = 0; j < batch; j++) d[j] = dv[off + j]! * mask[off + j]!;
    else for (let j = 0; j < batch; j++) d[j] = dv[off + j]!;
    activationGradRow(activation[k]!, z, a, d, off, batch);
    let gb = 0;
    for (let j = 0; j < batch; j++) gb += d[j]!;
    const pb = biasParam[k]!;
    grad[pb] = grad[pb]! + gb;
    for (let e = edgeStart[k]!, e1 = edgeEnd[k]!; e < e1; e++) {
      const src = edgeSource[e]!;
      const s = src * batch;
      let g = 0;
      if (src >= firstRow) {
        const w = theta[edgeParam[e]!]!;
        for (let j = 0; j < batch; j++) {
          const dj = d[j]!;
          g += dj * v[s + j]!;
          dv[s + j] = dv[s + j]! + w * dj;
        }
      } else {
        for (let j = 0; j < batch; j++) g += d[j]! * v[s + j]!;
      }
      const pe = edgeParam[e]!;
      grad[pe] = grad[pe]! + g;
    }
  }
}

/**
 * `forward` for one sample without dropout: scalar loops, no per-row calls (per-sample SGD runs this).
 * Parameters are laid out per neuron as bias then incoming weights, so neuron k's bias is at edgeStart[k] + k
 * and edge e's weight at e + k + 1: no parameter index is read.
 */
function forwardOne(plan: SmallPlan, theta: Float32Array, ws: Workspace): void {
  const { z, a, v } = ws;
  const { activation, edgeStart, edgeSource, firstRow, rows } = plan;
  let e = 0;
  for (let r = firstRow, k = 0; r < rows; r++, k++) {
    const e1 = edgeStart[k + 1]!;
    let x = theta[e + k]!;
    for (; e < e1; e++) x += theta[e + k + 1]! * v[edgeSource[e]!]!;
    z[r] = x;
    const y = activate1(activation[k]!, x);
    a[r] = y;
    v[r] = y;
  }
}

/** `backward` for one sample without dropout (parameter positions as in `forwardOne`). */
function backwardOne(plan: SmallPlan, theta: Float32Array, ws: Workspace, grad: Float64Array): void {
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

/** The update rule of one per-sample step, resolved from the settings once (see `trainOne`). */
export interface OneStepRule {
  /** 0 plain sgd, 1 sgd with momentum, 2 adam. */
  optimizer: number;
  learningRate: number;
  momentum: number;
  l1: number;
  l2: number;
  /** Adam's bias corrections 1 - beta^t for this step. */
  c1: number;
  c2: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Back-propagates one sample (no dropout) and updates each parameter as soon as its gradient is complete: a
 * parameter belongs to one neuron, and its old value is only needed for that neuron's own back-propagation, so
 * this is the same update as computing the whole gradient first (`backward` then `updateParameters`), without
 * the gradient array. `ws.dv` must hold d loss / d output value at the output rows and zeros elsewhere; it is
 * left all zeros.
 */
export function backwardUpdateOne(plan: SmallPlan, theta: Float32Array, slots: Float32Array[], ws: Workspace, rule: OneStepRule): void {
  const { z, a, v, dv } = ws;
  const { activation, edgeStart, edgeSource, firstRow, isWeight } = plan;
  const { optimizer, learningRate: lr, momentum, l1, l2, c1, c2, beta1, beta2, epsilon } = rule;
  const s0 = slots[0]!;
  const s1 = slots[1]!;
  const penalised = l1 > 0 || l2 > 0;
  for (let r = plan.rows - 1, k = r - firstRow; r >= firstRow; r--, k--) {
    const d = dv[r]! * activationGrad1(activation[k]!, z[r]!, a[r]!);
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

/** act(z) for one value (the per-sample path). */
function activate1(code: number, x: number): number {
  switch (code) {
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
