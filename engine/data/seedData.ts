// The seed task (x -> [cos x, sin x] on one turn of the circle) and a deterministic train/test split.
import { GraphError } from '../graph/GraphError';
import { createRng } from '../graph/init';
import type { Dataset } from './dataset';

/**
 * The seed dataset: `n` points x evenly spaced over [0, 2*pi], both ends included (x_i = 2*pi*i/(n-1)),
 * with targets [cos x, sin x]. One input, two outputs: the seed network draws the unit circle.
 * @example seedData(3).inputs // [[0], [Math.PI], [2 * Math.PI]]
 */
export function seedData(n = 250): Dataset {
  if (!Number.isInteger(n) || n < 2) {
    throw new GraphError('data/invalid', `the seed dataset needs a whole number of points >= 2, got ${n}`);
  }
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = (2 * Math.PI * i) / (n - 1);
    inputs.push([x]);
    targets.push([Math.cos(x), Math.sin(x)]);
  }
  return { inputs, targets };
}

/**
 * Splits a dataset into train and test rows, the same way every time for the same seed.
 * `round(n * testFraction)` rows go to test, at least 1 when `testFraction > 0`, and at least 1 row always
 * stays in train. Rows are chosen by a seeded shuffle, then each part keeps the original row order
 * (so a test curve plots left to right). Rows are copied, never shared.
 * Throws `data/invalid` unless 0 <= testFraction < 1.
 * @example const { train, test } = splitDataset(seedData(), 0.2, 0) // 200 and 50 rows
 */
export function splitDataset(
  dataset: Dataset,
  testFraction: number,
  seed: number,
): { train: Dataset; test: Dataset } {
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new GraphError('data/invalid', `the test fraction must be at least 0 and below 1, got ${testFraction}`);
  }
  const n = dataset.inputs.length;
  let nTest = Math.round(n * testFraction);
  if (testFraction > 0) nTest = Math.max(1, nTest);
  nTest = Math.max(0, Math.min(nTest, n - 1));

  // Fisher-Yates with the shared seeded rng: the first nTest shuffled indices are the test rows.
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const a = order[i] as number;
    order[i] = order[j] as number;
    order[j] = a;
  }
  const isTest = new Array<boolean>(n).fill(false);
  for (let k = 0; k < nTest; k++) isTest[order[k] as number] = true;

  const train: Dataset = { inputs: [], targets: [] };
  const test: Dataset = { inputs: [], targets: [] };
  for (let i = 0; i < n; i++) {
    const part = isTest[i] ? test : train;
    part.inputs.push([...(dataset.inputs[i] ?? [])]);
    part.targets.push([...(dataset.targets[i] ?? [])]);
  }
  return { train, test };
}
