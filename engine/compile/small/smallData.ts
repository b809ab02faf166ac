// Training data for the typed-array executor: rows stored neuron-major, and copied into a workspace tile by
// tile (a contiguous range for whole-split passes, shuffled indices for mini-batches).
import type { Dataset } from '../../data/dataset';
import { LANES, ROW, type Workspace } from './smallWorkspace';
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

/**
 * Ones, inputs and targets of `n` (1..LANES) samples into the workspace's tile: samples `from..from + n` of
 * `data`, or with `indices` the samples indices[from..from + n). Lanes past `n` repeat the last sample, so that
 * they compute finite values wherever the real ones are finite (`tileLoss` gives them no gradient). Targets go to
 * `ws.t`, target k of sample j at k * n + j (none for rows to predict on).
 */
export function loadTile(plan: SmallPlan, ws: Workspace, data: SplitData, indices: Int32Array | null, from: number, n: number): void {
  const { vd: v, t } = ws;
  const count = data.count;
  const x = data.x;
  for (let j = 0; j < LANES; j++) v[j] = 1;
  for (let j = 0; j < LANES; j++) {
    const q = from + (j < n ? j : n - 1);
    const sample = indices ? indices[q]! : q;
    for (let i = 0, at = sample; i < plan.inputCount; i++, at += count) v[(1 + i) * ROW + j] = x[at]!;
    if (j >= n || data.t.length === 0) continue;
    for (let k = 0, at = sample; k < plan.outputCount; k++, at += count) t[k * n + j] = data.t[at]!;
  }
}

/** True when no parameter is NaN or infinite. */
export function allFinite(theta: Float32Array): boolean {
  for (let i = 0; i < theta.length; i++) if (!Number.isFinite(theta[i]!)) return false;
  return true;
}
