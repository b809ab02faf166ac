// The forward and backward passes of the typed-array executor over one tile of LANES samples (smallWorkspace.ts):
// every neuron in row order, each connection one multiply-add per lane into locals forward and two backward, the
// lanes written out by hand so that they stay in registers. Nothing allocated per step.
import { activateRow as activateRowImport, activationGradRow as activationGradRowImport } from '../../math/activations';
import { drawDropoutMask as drawDropoutMaskImport } from '../../math/dropout';
import { lossSum as lossSumImport } from '../../math/losses';
import type { LossName } from '../../graph/trainConfig';
import type { OutputTransform } from '../../graph/types';
import type { SmallPlan } from './smallPlan';
import { LANES, ROW, type Workspace } from './smallWorkspace';

export { createWorkspace, LANES, ROW, type Workspace } from './smallWorkspace';

// Read once: a Node loader's CommonJS interop (tsx, vitest) would otherwise turn every use of an imported binding
// into a getter call, once per neuron and lane.
const activateRow = activateRowImport;
const activationGradRow = activationGradRowImport;
const drawDropoutMask = drawDropoutMaskImport;
const lossSum = lossSumImport;

/** Draws the dropout masks of training step `step` for a batch of `batch` samples into `ws.mask`. */
export function drawMasks(plan: SmallPlan, ws: Workspace, batch: number, seed: number, step: number): void {
  const mask = ws.mask!;
  for (const lv of plan.dropoutLevels) drawDropoutMask(lv.keep, batch, seed, step, lv.level, mask, lv.rowStart);
}

/**
 * Computes every neuron's value for the tile in `ws.vd` (rows 0..inputs must already hold ones and inputs, see
 * `loadTile`). `maskStride` > 0 applies the dropout masks of `ws.mask` (drawn for a batch of `maskStride`
 * samples; this tile's lanes are its samples `maskFrom..`); 0 evaluates without dropout. Parameters are laid out
 * per neuron as bias then incoming weights: neuron k's bias is at edgeStart[k] + k, edge e's weight at e + k + 1.
 */
export function forwardTile(plan: SmallPlan, theta: Float32Array, ws: Workspace, maskStride: number, maskFrom: number): void {
  const { tz: z, vd, masked } = ws;
  const { activation, edgeStart, edgeSource, firstRow, rows } = plan;
  const mask = maskStride > 0 ? ws.mask : null;
  // Without dropout the activations are the values (row stride ROW); with it they have a tile of their own.
  const a = ws.ta ?? vd;
  const aRow = ws.ta ? LANES : ROW;
  if (mask) {
    for (let r = 1; r < firstRow; r++) {
      if (!masked[r]) continue;
      const o = r * ROW;
      const m = r * maskStride + maskFrom;
      for (let j = 0; j < LANES; j++) vd[o + j] = vd[o + j]! * mask[m + j]!;
    }
  }
  let e = 0;
  for (let r = firstRow, k = 0; r < rows; r++, k++) {
    const b = theta[e + k]!;
    let z0 = b, z1 = b, z2 = b, z3 = b, z4 = b, z5 = b, z6 = b, z7 = b;
    for (const e1 = edgeStart[k + 1]!; e < e1; e++) {
      const w = theta[e + k + 1]!;
      const s = edgeSource[e]! * ROW;
      z0 += w * vd[s + 0]!;
      z1 += w * vd[s + 1]!;
      z2 += w * vd[s + 2]!;
      z3 += w * vd[s + 3]!;
      z4 += w * vd[s + 4]!;
      z5 += w * vd[s + 5]!;
      z6 += w * vd[s + 6]!;
      z7 += w * vd[s + 7]!;
    }
    const oz = r * LANES;
    z[oz + 0] = z0;
    z[oz + 1] = z1;
    z[oz + 2] = z2;
    z[oz + 3] = z3;
    z[oz + 4] = z4;
    z[oz + 5] = z5;
    z[oz + 6] = z6;
    z[oz + 7] = z7;
    const code = activation[k]!;
    const oa = r * aRow;
    activateRow(code, z, oz, a, oa, LANES);
    if (a === vd) continue;
    const o = r * ROW;
    if (mask && masked[r]) {
      const m = r * maskStride + maskFrom;
      for (let j = 0; j < LANES; j++) vd[o + j] = a[oa + j]! * mask[m + j]!;
    } else {
      for (let j = 0; j < LANES; j++) vd[o + j] = a[oa + j]!;
    }
  }
}

/**
 * Back-propagates the tile's d loss / d value of the outputs (from `tileLoss`; zeros elsewhere), adds d loss / d
 * parameter into `grad`, and leaves every d loss / d value in `ws.vd` zero. `maskStride` and `maskFrom` as given
 * to the `forwardTile` before it.
 */
export function backwardTile(plan: SmallPlan, theta: Float32Array, ws: Workspace, maskStride: number, maskFrom: number, grad: Float64Array): void {
  const { tz: z, vd, td: d, masked } = ws;
  const { activation, edgeStart, edgeSource, firstRow } = plan;
  const mask = maskStride > 0 ? ws.mask : null;
  const a = ws.ta ?? vd;
  const aRow = ws.ta ? LANES : ROW;
  for (let r = plan.rows - 1, k = r - firstRow; k >= 0; r--, k--) {
    const o = r * ROW + LANES;
    if (mask && masked[r]) {
      const m = r * maskStride + maskFrom;
      for (let j = 0; j < LANES; j++) d[j] = vd[o + j]! * mask[m + j]!;
    } else {
      for (let j = 0; j < LANES; j++) d[j] = vd[o + j]!;
    }
    const code = activation[k]!;
    const oz = r * LANES;
    const oa = r * aRow;
    for (let j = 0; j < LANES; j++) vd[o + j] = 0;
    activationGradRow(code, z, oz, a, oa, d, LANES);
    const d0 = d[0]!;
    const d1 = d[1]!;
    const d2 = d[2]!;
    const d3 = d[3]!;
    const d4 = d[4]!;
    const d5 = d[5]!;
    const d6 = d[6]!;
    const d7 = d[7]!;
    const e0 = edgeStart[k]!;
    grad[e0 + k] = grad[e0 + k]! + (d0 + d1 + d2 + d3 + d4 + d5 + d6 + d7);
    for (let e = e0, e1 = edgeStart[k + 1]!; e < e1; e++) {
      const src = edgeSource[e]!;
      const s = src * ROW;
      const p = e + k + 1;
      grad[p] = grad[p]! + (d0 * vd[s + 0]! + d1 * vd[s + 1]! + d2 * vd[s + 2]! + d3 * vd[s + 3]! + d4 * vd[s + 4]! + d5 * vd[s + 5]! + d6 * vd[s + 6]! + d7 * vd[s + 7]!);
      if (src >= firstRow) {
        const w = theta[p]!;
        vd[s + 8] = vd[s + 8]! + w * d0;
        vd[s + 9] = vd[s + 9]! + w * d1;
        vd[s + 10] = vd[s + 10]! + w * d2;
        vd[s + 11] = vd[s + 11]! + w * d3;
        vd[s + 12] = vd[s + 12]! + w * d4;
        vd[s + 13] = vd[s + 13]! + w * d5;
        vd[s + 14] = vd[s + 14]! + w * d6;
        vd[s + 15] = vd[s + 15]! + w * d7;
      }
    }
  }
}

/** Copies the tile's `n` samples' outputs (values after the forward pass) into `ws.o`, output k of sample j at k * n + j. */
export function tileOutputs(plan: SmallPlan, ws: Workspace, n: number): void {
  const { o, vd } = ws;
  const rows = plan.outputRows;
  for (let k = 0; k < rows.length; k++) {
    const from = rows[k]! * ROW;
    for (let j = 0; j < n; j++) o[k * n + j] = vd[from + j]!;
  }
}

/**
 * The summed loss of the tile's `n` samples (targets in `ws.t`, see `loadTile`); with `scale` > 0 also adds
 * `scale` times d loss / d output to the outputs' d loss / d value in `ws.vd` for `backwardTile` (lanes past `n`
 * get none).
 */
export function tileLoss(plan: SmallPlan, ws: Workspace, loss: LossName, transform: OutputTransform, n: number, scale: number): number {
  tileOutputs(plan, ws, n);
  const { od, vd } = ws;
  const rows = plan.outputRows;
  if (scale === 0) return lossSum(loss, transform, ws.o, ws.outRows, ws.t, n, ws.y, null, 0);
  od.fill(0, 0, rows.length * n);
  const total = lossSum(loss, transform, ws.o, ws.outRows, ws.t, n, ws.y, od, scale);
  for (let k = 0; k < rows.length; k++) {
    const to = rows[k]! * ROW + LANES;
    for (let j = 0; j < n; j++) vd[to + j] = vd[to + j]! + od[k * n + j]!;
  }
  return total;
}
