// Scratch memory of the typed-array executor: preallocated per plan, so a step allocates nothing. Batches run in
// tiles of LANES samples over every neuron, so what a step reads at random stays small enough for the caches.
import type { SmallPlan } from './smallPlan';

/**
 * Samples a tile holds. A random DAG reads the rows of random earlier neurons, so what must stay in cache is the
 * tile's values and their d loss / d value for every neuron: here one 64-byte row per neuron (LANES float32
 * values, then their LANES d loss / d value), 3.2 MB at 50,000 neurons where batch-contiguous float64 rows of 128
 * samples were 100 MB, and one cache line per source read forward and backward. The passes keep a tile's LANES
 * sums in locals. Measured on the irregular DAGs of `npm run bench` (1,000-50,000 neurons, 2026-12-02): 8 lanes
 * beat 4 (more per-connection overhead) and 16 (two lines per row: slower at 50,000), and interleaving beat
 * separate value and gradient arrays (two lines per source backward).
 */
export const LANES = 8;
/** Stride of a neuron's row in `Workspace.vd`: its LANES values, then their LANES d loss / d value. */
export const ROW = 2 * LANES;

/** Scratch memory for one plan; the dropout masks for batches of up to `capacity` samples. */
export interface Workspace {
  capacity: number;
  /** Per-sample path (`trainOne`), one value per row: pre-activations. */
  z: Float64Array;
  /** Per-sample path: d act / d pre-activation of each row. */
  g: Float64Array;
  /** Per-sample path: values. Row 0 is ones, then the inputs. */
  v: Float64Array;
  /** Per-sample path: d loss / d value; all zeros between steps. */
  dv: Float64Array;
  /** Tile: pre-activations, row r's lanes at r * LANES (float32, as tfjs holds them). */
  tz: Float32Array;
  /**
   * Tile: row r's values after dropout (what later neurons and the loss read; row 0 ones, then the inputs) at
   * r * ROW, then their d loss / d value at r * ROW + LANES (all zeros outside `backwardTile`, which clears each
   * row as it reads it). Float32, as tfjs stores them: half the memory a random read pulls in.
   */
  vd: Float32Array;
  /** Tile: activations before dropout (row r at r * LANES), or null when the network has no dropout (they are the values). */
  ta: Float32Array | null;
  /** Tile: one row of d loss / d pre-activation. */
  td: Float64Array;
  /**
   * Dropout multipliers (0 or 1/keep) of the last training step for its whole batch, row r of sample j at
   * r * batch + j (LANES of padding at the end for a short last tile), or null when the network has no dropout.
   */
  mask: Float64Array | null;
  /** 1 for the rows whose values get a dropout multiplier in training. */
  masked: Uint8Array;
  /** The tile's outputs as the losses read them: output k of sample j at k * n + j (n samples in the tile). */
  o: Float64Array;
  /** d loss / d output of the tile, laid out like `o`. */
  od: Float64Array;
  /** Targets of the tile (laid out like `o`); the per-sample path's at 0..outputs. */
  t: Float64Array;
  /** 0..outputs-1: the rows of `o`. */
  outRows: Int32Array;
  /** Per-sample scratch over the outputs. */
  y: Float64Array;
}

/** Allocates a workspace for `plan`, with dropout masks for batches of up to `capacity` samples. */
export function createWorkspace(plan: SmallPlan, capacity: number): Workspace {
  const rows = plan.rows;
  const tile = rows * LANES;
  const dropout = plan.dropoutLevels.length > 0;
  const masked = new Uint8Array(rows);
  for (const lv of plan.dropoutLevels) {
    // Row 0 holds the ones that biases multiply; it is never dropped (see forwardTile).
    for (let i = lv.level === 0 ? 1 : 0; i < lv.keep.length; i++) masked[lv.rowStart + i] = 1;
  }
  const outputs = plan.outputCount * LANES;
  return {
    capacity,
    z: new Float64Array(rows),
    g: new Float64Array(rows),
    v: new Float64Array(rows),
    dv: new Float64Array(rows),
    tz: new Float32Array(tile),
    vd: new Float32Array(rows * ROW),
    ta: dropout ? new Float32Array(tile) : null,
    td: new Float64Array(LANES),
    mask: dropout ? new Float64Array(rows * capacity + LANES) : null,
    masked,
    o: new Float64Array(outputs),
    od: new Float64Array(outputs),
    t: new Float64Array(outputs),
    outRows: Int32Array.from({ length: plan.outputCount }, (_, k) => k),
    y: new Float64Array(Math.max(1, plan.outputCount)),
  };
}
