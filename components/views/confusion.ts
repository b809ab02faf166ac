// A confusion matrix from a network evaluated in the page (for data without a plane or line to ask the worker
// about, e.g. Iris's 4 inputs), and the class names a matrix is labelled with.
import type { Dataset } from '@/engine/data/dataset';
import { classCount, classOf as engineClassOf } from '@/engine/math/classes';

/**
 * The class a row of targets or outputs stands for: the engine's one rule (engine/math/classes.ts), the largest of
 * several, or 1 above `threshold` (`classThreshold` of the output transform: 0 for tanh, else 0.5) for one.
 */
export function classOf(values: readonly number[], threshold = 0.5): number {
  return engineClassOf(values, threshold);
}

/**
 * Counts by [actual][predicted] of `evaluate` on `rows`; `classes` = targets per row (2 for one 0/1 column). Targets
 * and outputs are judged by the same rule and threshold, as the worker's confusion counts are.
 * @example confusionMatrix((x) => [x[0]! > 0 ? 1 : 0], { inputs: [[1], [-1]], targets: [[1], [1]] }) // [[0, 0], [1, 1]]
 */
export function confusionMatrix(evaluate: (input: number[]) => number[], rows: Dataset, threshold = 0.5): number[][] {
  const n = classCount(rows.targets[0]?.length ?? 1);
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  rows.inputs.forEach((input, i) => {
    const actual = classOf(rows.targets[i] ?? [], threshold);
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
