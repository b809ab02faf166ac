// Dropout masks, drawn once for both executors (no tfjs): the seed of each draw and the draw itself, which
// reproduces what the tfjs program's `tf.randomUniform` gives for the same seed.
import * as seedrandom from 'seedrandom';

/** Seeds derived per step and level, so dropout masks are reproducible and independent. */
export function dropoutSeed(seed: number, step: number, level: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ step, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (level + 1), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The multipliers of one level's rows for a batch, as `tf.randomUniform([rows, batch], 0, 1, 'float32',
 * dropoutSeed(seed, step, level))` followed by `u < keep ? 1 / keep : 0` (seedrandom's alea, values rounded to
 * float32, 1 / keep in float32). Row i of the level goes to `out[(rowStart + i) * batch + j]`.
 */
export function drawDropoutMask(keep: Float32Array, batch: number, seed: number, step: number, level: number, out: Float64Array, rowStart: number): void {
  const random = seedrandom.alea(String(dropoutSeed(seed, step, level)));
  for (let i = 0; i < keep.length; i++) {
    const k = keep[i]!;
    const scale = k > 0 ? Math.fround(1 / k) : 0;
    const off = (rowStart + i) * batch;
    for (let j = 0; j < batch; j++) out[off + j] = Math.fround(random()) < k ? scale : 0;
  }
}
