// Training data for the typed-array executor: rows stored neuron-major, and copied into a workspace batch by
// batch (a contiguous range for whole-split passes, shuffled indices for mini-batches).
import type { Dataset } from '../../data/dataset';
import type { Workspace } from './smallWorkspace';
import type { SmallPlan } from './smallPlan';

/** A split's rows neuron-major and rounded to float32 (as uploaded to tfjs): x[i * count + j], t[k * count + j]. */
export interface SplitData {
  x: Float64Array;
  t: Float64Array;
  count: number;
}

/** A dataset's rows as a split (values rounded to float32, as tfjs holds them). */
export function toSplit(data: Dataset): SplitData {
  const n = data.inputs.length;
  const width = data.inputs[0]?.length ?? 0;
  const outWidth = data.targets[0]?.length ?? 0;
  const x = new Float64Array(width * n);
  const t = new Float64Array(outWidth * n);
  data.inputs.forEach((row, j) => row.forEach((v, i) => (x[i * n + j] = Math.fround(v))));
  data.targets.forEach((row, j) => row.forEach((v, k) => (t[k * n + j] = Math.fround(v))));
  return { x, t, count: n };
}

/** Ones, inputs and targets of samples [start, start + batch) into the workspace. */
export function loadRange(plan: SmallPlan, ws: Workspace, data: SplitData, start: number, batch: number): void {
  const { v, t } = ws;
  const n = data.count;
  v.fill(1, 0, batch);
  for (let i = 0; i < plan.inputCount; i++) {
    const off = (1 + i) * batch;
    const src = i * n + start;
    for (let j = 0; j < batch; j++) v[off + j] = data.x[src + j]!;
  }
  if (data.t.length === 0) return; // rows to predict on: no targets
  for (let k = 0; k < plan.outputCount; k++) {
    const off = k * batch;
    const src = k * n + start;
    for (let j = 0; j < batch; j++) t[off + j] = data.t[src + j]!;
  }
}

/** Ones, inputs and targets of samples indices[from..from + batch) into the workspace. */
export function loadIndices(plan: SmallPlan, ws: Workspace, data: SplitData, indices: Int32Array, from: number, batch: number): void {
  const { v, t } = ws;
  const n = data.count;
  v.fill(1, 0, batch);
  for (let i = 0; i < plan.inputCount; i++) {
    const off = (1 + i) * batch;
    const src = i * n;
    for (let j = 0; j < batch; j++) v[off + j] = data.x[src + indices[from + j]!]!;
  }
  for (let k = 0; k < plan.outputCount; k++) {
    const off = k * batch;
    const src = k * n;
    for (let j = 0; j < batch; j++) t[off + j] = data.t[src + indices[from + j]!]!;
  }
}

/** True when no parameter is NaN or infinite. */
export function allFinite(theta: Float32Array): boolean {
  for (let i = 0; i < theta.length; i++) if (!Number.isFinite(theta[i]!)) return false;
  return true;
}
