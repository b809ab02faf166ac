// Feature expansion for 2-input data: extra input columns computed from x1 and x2 (as in TensorFlow Playground).

/** The features a 2-input dataset may add, in the order they are appended. */
export const FEATURES = ['x1^2', 'x2^2', 'x1*x2', 'sin x1', 'sin x2'] as const;
export type FeatureName = (typeof FEATURES)[number];

function featureValue(name: FeatureName, x1: number, x2: number): number {
  switch (name) {
    case 'x1^2':
      return x1 * x1;
    case 'x2^2':
      return x2 * x2;
    case 'x1*x2':
      return x1 * x2;
    case 'sin x1':
      return Math.sin(x1);
    case 'sin x2':
      return Math.sin(x2);
  }
}

/**
 * The chosen features in canonical (`FEATURES`) order, each once: the column order never depends on
 * the order a user ticked them in, so a network trained with them keeps meaning the same columns.
 */
export function canonicalFeatures(features: readonly FeatureName[]): FeatureName[] {
  return FEATURES.filter((f) => features.includes(f));
}

/**
 * New rows: each row's x1, x2 followed by the chosen features (canonical order, see `canonicalFeatures`),
 * computed from the row's first two values. Rows are copied; the input is never mutated.
 * @example expandRows([[2, 3]], ['x1*x2', 'x1^2']) // [[2, 3, 4, 6]]
 */
export function expandRows(rows: readonly (readonly number[])[], features: readonly FeatureName[]): number[][] {
  const chosen = canonicalFeatures(features);
  return rows.map((row) => {
    const x1 = row[0] ?? 0;
    const x2 = row[1] ?? 0;
    return [x1, x2, ...chosen.map((f) => featureValue(f, x1, x2))];
  });
}
