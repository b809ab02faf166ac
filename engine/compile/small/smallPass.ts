// The forward and backward passes of the typed-array executor: batch-major rows (row r of the batch at r*batch)
// in preallocated Float64Arrays, index loops per neuron and per connection, nothing allocated per step.
import * as seedrandom from 'seedrandom';
import { dropoutSeed } from '../dropoutSeed';
import { activateRow as activateRowImport, activationGradRow as activationGradRowImport } from './kernels';
import { backwardOne as backwardOneImport, forwardOne as forwardOneImport } from './smallOne';
import type { SmallPlan } from './smallPlan';

// Read once: a Node loader's CommonJS interop (tsx, vitest) would otherwise turn every use of an imported binding
// into a getter call, once per neuron and step.
const activateRow = activateRowImport;
const activationGradRow = activationGradRowImport;
const forwardOne = forwardOneImport;
const backwardOne = backwardOneImport;

/** Scratch memory for batches of up to `capacity` samples. */
export interface Workspace {
  capacity: number;
  /** Pre-activations, rows x capacity. */
  z: Float64Array;
  /** d act / d pre-activation of each row, from the last per-sample training step (`trainOne`); rows. */
  g: Float64Array;
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
    g: new Float64Array(plan.rows),
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
