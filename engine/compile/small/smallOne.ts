// The typed-array executor's per-sample path (batch size 1, no dropout): one training step as a single call that
// loads the sample, runs the forward pass, the loss and back-propagation, and updates each parameter as soon as
// its gradient is complete. Scalar loops over locals; nothing allocated. Per-sample SGD spends its time here.
import type { LossName } from '../../graph/trainConfig';
import type { OutputTransform } from '../../graph/types';
import * as act from '../../math/activations';
import {
  lossSum as lossSumImport,
  mseOut as mseOutImport,
  mseOutSlope as mseOutSlopeImport,
  sigmoidCrossEntropy as sigmoidCrossEntropyImport,
  sigmoidCrossEntropyGrad as sigmoidCrossEntropyGradImport,
} from '../../math/losses';
import {
  adamFirst as adamFirstImport,
  adamSecond as adamSecondImport,
  adamStep as adamStepImport,
  momentumVelocity as momentumVelocityImport,
  penaltyGrad as penaltyGradImport,
} from '../../math/optimizers';
import type { SplitData } from './smallData';
import type { SmallPlan } from './smallPlan';
import type { Workspace } from './smallWorkspace';

// Read once: the scalar kernels below run per neuron and sample, and a Node loader's CommonJS interop (tsx,
// vitest) would otherwise turn every use of an imported binding into a getter call.
const {
  elu,
  eluSlope,
  gelu,
  geluSlope,
  leakyRelu,
  leakyReluSlope,
  relu,
  reluSlope,
  sigmoid,
  sigmoidSlope,
  silu,
  siluSlope,
  softplus,
  softplusSlope,
  tanhSlope,
} = act;
const lossSum = lossSumImport;
const mseOut = mseOutImport;
const mseOutSlope = mseOutSlopeImport;
const sigmoidCrossEntropy = sigmoidCrossEntropyImport;
const sigmoidCrossEntropyGrad = sigmoidCrossEntropyGradImport;
const adamFirst = adamFirstImport;
const adamSecond = adamSecondImport;
const adamStep = adamStepImport;
const momentumVelocity = momentumVelocityImport;
const penaltyGrad = penaltyGradImport;

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
  const { v, dv } = ws;
  const { firstRow, outputRows } = plan;
  const n = data.count;
  const x = data.x;
  const targets = data.t;
  v[0] = 1;
  for (let i = 1, at = sample; i < firstRow; i++, at += n) v[i] = x[at]!;

  const finite = forwardWithSlopes(plan, theta, ws);

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
        total += sigmoidCrossEntropy(o, tk);
        dv[r] = dv[r]! + scale * sigmoidCrossEntropyGrad(o, tk);
        continue;
      }
      const out = mseOut(transform, o);
      const d = out - tk;
      total += d * d;
      dv[r] = dv[r]! + scale * 2 * d * mseOutSlope(transform, out);
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
 * The per-sample forward pass (`ws.v` rows 0..inputs loaded), keeping each neuron's act'(z) in `ws.g` for
 * back-propagation; returns whether every pre-activation, hence every value, is finite. Its own function, so that
 * the optimizer keeps the activations inlined here and the update inlined in `trainOne`.
 */
function forwardWithSlopes(plan: SmallPlan, theta: Float32Array, ws: Workspace): boolean {
  const { z, g, v } = ws;
  const { activation, edgeStart, edgeSource, firstRow, rows } = plan;
  // Forward, keeping each neuron's act'(z) for back-propagation, and noting whether every pre-activation, hence
  // every value, is finite.
  let finite = true;
  let e = 0;
  for (let r = firstRow, k = 0; r < rows; r++, k++) {
    const e1 = edgeStart[k + 1]!;
    let s = theta[e + k]!;
    for (; e < e1; e++) s += theta[e + k + 1]! * v[edgeSource[e]!]!;
    z[r] = s;
    if (s - s !== 0) finite = false; // 0 for a finite s, NaN for an infinite or NaN one
    // The dispatch of `activate` and `activationSlope` fused (one switch, and y before its slope), over the same
    // per-activation functions of engine/math.
    let y: number;
    let dy: number;
    switch (activation[k]!) {
      case 1:
        y = relu(s);
        dy = reluSlope(s);
        break;
      case 2:
        y = leakyRelu(s);
        dy = leakyReluSlope(s);
        break;
      case 3:
        y = elu(s);
        dy = eluSlope(y);
        break;
      case 4:
        y = gelu(s);
        dy = geluSlope(s);
        break;
      case 5:
        y = silu(s);
        dy = siluSlope(s);
        break;
      case 6:
        y = sigmoid(s);
        dy = sigmoidSlope(y);
        break;
      case 7:
        y = Math.tanh(s);
        dy = tanhSlope(y);
        break;
      case 8:
        y = softplus(s);
        dy = softplusSlope(s);
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
  return finite;
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
  const { optimizer, learningRate: lr, momentum, l1, l2, c1, c2 } = rule;
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
        if (penalised && isWeight[p]) g += penaltyGrad(l1, l2, old);
      }
      if (optimizer === 0) {
        theta[p] = old - lr * g;
      } else if (optimizer === 1) {
        const u = momentumVelocity(momentum, s0[p]!, g);
        s0[p] = u;
        theta[p] = old - lr * u;
      } else {
        const m = adamFirst(s0[p]!, g);
        const w = adamSecond(s1[p]!, g);
        s0[p] = m;
        s1[p] = w;
        theta[p] = old - adamStep(lr, m, w, c1, c2);
      }
    }
  }
}
