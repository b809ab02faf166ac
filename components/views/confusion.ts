// A confusion matrix from a network evaluated in the page (for data without a plane or line to ask the worker
// about, e.g. Iris's 4 inputs), and the class names a matrix is labelled with.
import type { Dataset } from '@/engine/data/dataset';

/** The class a row of targets or outputs stands for: the largest of several, or 0/1 around `threshold` for one. */
export function classOf(values: readonly number[], threshold = 0.5): number {
  if (values.length === 1) return (values[0] ?? 0) >= threshold ? 1 : 0;
  let best = 0;
  for (let k = 1; k < values.length; k++) if ((values[k] ?? -Infinity) > (values[best] ?? -Infinity)) best = k;
  return best;
}

/**
 * Counts by [actual][predicted] of `evaluate` on `rows`; `classes` = targets per row (2 for one 0/1 column).
 * @example confusionMatrix((x) => [x[0]! > 0 ? 1 : 0], { inputs: [[1], [-1]], targets: [[1], [1]] }) // [[0, 0], [1, 1]]
 */
export function confusionMatrix(evaluate: (input: number[]) => number[], rows: Dataset, threshold = 0.5): number[][] {
  const width = rows.targets[0]?.length ?? 1;
  const n = width === 1 ? 2 : width;
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  rows.inputs.forEach((input, i) => {
    const actual = classOf(rows.targets[i] ?? [], 0.5);
    const predicted = classOf(evaluate(input), threshold);
    if (actual < n && predicted < n) counts[actual]![predicted]!++;
  });
  return counts;
}

/** Names for `n` classes: the data's own when it has them, else "class 1", "class 2"... (0 and 1 for one column). */
export function classNames(n: number, given?: readonly string[]): string[] {
  if (given && given.length === n) return [...given];
  if (n === 2 && !given) return ['0', '1'];
  return Array.from({ length: n }, (_, k) => `class ${k + 1}`);
}
