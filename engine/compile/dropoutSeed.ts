// The seed of each dropout draw, shared by the tfjs program and the typed-array executor (no tfjs here).

/** Seeds derived per step and level, so dropout masks are reproducible and independent. */
export function dropoutSeed(seed: number, step: number, level: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ step, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (level + 1), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
