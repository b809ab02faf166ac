// Scratch memory of the typed-array executor: preallocated per plan and batch capacity, so a step allocates nothing.
import type { SmallPlan } from './smallPlan';

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
