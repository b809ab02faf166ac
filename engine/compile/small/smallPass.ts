// The forward and backward passes of the typed-array executor: batch-major rows (row r of the batch at r*batch)
// in preallocated Float64Arrays, index loops per neuron and per connection, nothing allocated per step.
import { activateRow as activateRowImport, activationGradRow as activationGradRowImport } from '../../math/activations';
import { drawDropoutMask as drawDropoutMaskImport } from '../../math/dropout';
import { backwardOne as backwardOneImport, forwardOne as forwardOneImport } from './smallOne';
import type { SmallPlan } from './smallPlan';
import type { Workspace } from './smallWorkspace';

export { createWorkspace, type Workspace } from './smallWorkspace';

// Read once: a Node loader's CommonJS interop (tsx, vitest) would otherwise turn every use of an imported binding
// into a getter call, once per neuron and step.
const activateRow = activateRowImport;
const activationGradRow = activationGradRowImport;
const forwardOne = forwardOneImport;
const backwardOne = backwardOneImport;
const drawDropoutMask = drawDropoutMaskImport;

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
    for (const lv of plan.dropoutLevels) drawDropoutMask(lv.keep, batch, dropout!.seed, dropout!.step, lv.level, mask, lv.rowStart);
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
