// The class a row of outputs or targets stands for, one rule for the worker's confusion counts, the accuracy the
// executors report and the page's confusion matrix (no tfjs).
import type { OutputTransform } from '../graph/types';

/**
 * The value a single (transformed) output is compared with: 0 for tanh outputs (range -1..1), 0.5 otherwise
 * (sigmoid's 0..1, and 0/1 targets). Targets are judged against the same threshold, so -1/1 and 0/1 targets
 * both classify as their sign says.
 */
export function classThreshold(transform: OutputTransform): number {
  return transform === 'tanh' ? 0 : 0.5;
}

/**
 * The class of one sample: with one value, 1 when it is above `threshold`, else 0; with several, the first
 * largest (arg-max). `get(k)` reads value k of the sample.
 * @example classOfValues(1, () => 0.7, 0.5) // 1
 */
export function classOfValues(width: number, get: (k: number) => number, threshold: number): number {
  if (width === 1) return get(0) > threshold ? 1 : 0;
  let best = 0;
  for (let k = 1; k < width; k++) if (get(k) > get(best)) best = k;
  return best;
}

/**
 * `classOfValues` over an array.
 * @example classOf([0.1, 0.7, 0.2], 0.5) // 1
 */
export function classOf(values: readonly number[], threshold: number): number {
  return classOfValues(values.length, (k) => values[k] ?? -Infinity, threshold);
}

/** Classes a matrix has: 2 for one 0/1 column, else one per column. */
export function classCount(width: number): number {
  return width === 1 ? 2 : width;
}
