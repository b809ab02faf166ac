// What share of the plane each class (or each side of the threshold) takes: how a test (or a reader) can tell
// that a heatmap shows separate regions rather than one colour.
import type { ColorMode } from './colorScale';

/**
 * The share of grid points predicted as each class: for `classes`, by largest output; for `diverging`, the
 * share below and at-or-above the threshold (two entries). NaN points count for none.
 * @example classShares(new Float32Array([0.2, 0.9]), 1, { kind: 'diverging', lo: 0, hi: 1, threshold: 0.5 }) // [0.5, 0.5]
 */
export function classShares(outputs: ArrayLike<number>, stride: number, mode: ColorMode, offset = 0): number[] {
  const points = Math.floor(outputs.length / stride);
  const counts = new Array<number>(mode.kind === 'classes' ? mode.count : 2).fill(0);
  for (let p = 0; p < points; p++) {
    const at = p * stride + offset;
    if (mode.kind === 'diverging') {
      const v = outputs[at] ?? NaN;
      if (!Number.isFinite(v)) continue;
      counts[v >= (mode.threshold ?? (mode.lo + mode.hi) / 2) ? 1 : 0]!++;
    } else {
      let best = -1;
      let bestValue = -Infinity;
      for (let k = 0; k < mode.count; k++) {
        const v = outputs[at + k] ?? NaN;
        if (v > bestValue) {
          bestValue = v;
          best = k;
        }
      }
      if (best >= 0) counts[best]!++;
    }
  }
  return counts.map((c) => (points > 0 ? c / points : 0));
}

/** How many classes hold at least `minShare` of the plane. */
export function regionCount(shares: readonly number[], minShare = 0.1): number {
  return shares.filter((s) => s >= minShare).length;
}
