// Which built-in dataset, and how it is drawn: the plain-data choice a document and a share link carry (no tfjs).
import { z } from 'zod';
import '../graph/zodSetup';
import { GraphError } from '../graph/GraphError';
import { FEATURES, type FeatureName } from './features';

/** Every built-in dataset, regression first. */
export const DATASET_IDS = [
  'cos-sin',
  'plane',
  'gaussians',
  'function',
  'circle',
  'xor',
  'two-gaussians',
  'spiral',
  'moons',
  'checkerboard',
  'three-spirals',
  'iris',
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** The 1-input functions the `function` dataset can draw: sin x, |x|, a step at 0 (-1 / 1), x^2. */
export const FUNCTION_NAMES = ['sin', 'abs', 'step', 'square'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The most samples a generated dataset may have. */
export const MAX_SAMPLES = 10_000;
/** The most noise a generator accepts (Playground's slider goes to 0.5). */
export const MAX_NOISE = 1;

/**
 * A built-in dataset as plain data: regenerating from the same choice gives the same rows, on any machine.
 * `samples`: how many points (2..MAX_SAMPLES; Iris always has its 150). `noise`: 0..MAX_NOISE, its meaning per
 * dataset as in TensorFlow Playground. `testFraction`: share of rows held out, 0 <= f < 1. `seed`: a whole number
 * for the generator and the split. `fn`: which function (`function` only, default 'sin').
 * `features`: extra inputs for 2-input datasets (see `expandRows`).
 * @example { id: 'spiral', samples: 500, noise: 0, testFraction: 0.5, seed: 1 }
 */
export interface DatasetChoice {
  id: DatasetId;
  samples: number;
  noise: number;
  testFraction: number;
  seed: number;
  fn?: FunctionName;
  features?: FeatureName[];
}

/** The schema of a choice (strict: an unknown field is reported). format.ts and shareLink.ts use it. */
export const datasetChoiceSchema = z.strictObject({
  id: z.enum(DATASET_IDS),
  samples: z.number().int().min(2).max(MAX_SAMPLES),
  noise: z.number().min(0).max(MAX_NOISE),
  testFraction: z.number().min(0).lt(1),
  seed: z.number().int(),
  fn: z.enum(FUNCTION_NAMES).optional(),
  features: z.array(z.enum(FEATURES)).max(FEATURES.length).optional(),
});

/**
 * Checks a choice and returns a fresh copy holding only known fields (`fn`/`features` only when set).
 * Throws `data/invalid` naming the field, e.g. "dataset.samples must be a whole number from 2 to 10000, got 0.5".
 */
export function checkDatasetChoice(value: unknown, name = 'dataset'): DatasetChoice {
  const result = datasetChoiceSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const where = field === '' ? name : `${name}.${field}`;
    throw new GraphError('data/invalid', `${where}: ${describe(field)}${gotText(value, issue?.path ?? [])}`, where);
  }
  return canonicalDatasetChoice(result.data);
}

/**
 * A fresh copy in canonical form: fields in declaration order, `fn`/`features` only when set,
 * features in `FEATURES` order without repeats. Does not validate.
 */
export function canonicalDatasetChoice(c: DatasetChoice): DatasetChoice {
  const out: DatasetChoice = { id: c.id, samples: c.samples, noise: c.noise, testFraction: c.testFraction, seed: c.seed };
  if (c.fn !== undefined) out.fn = c.fn;
  if (c.features !== undefined) out.features = FEATURES.filter((f) => c.features?.includes(f));
  return out;
}

/** The seed example's data (250 points of cos/sin, 20% test, seed 0): what a document without a dataset trains on. */
export const SEED_DATASET_CHOICE: Readonly<DatasetChoice> = Object.freeze({ id: 'cos-sin', samples: 250, noise: 0, testFraction: 0.2, seed: 0 });

function describe(field: string): string {
  switch (field) {
    case 'id':
      return `must be one of ${DATASET_IDS.join(', ')}`;
    case 'samples':
      return `must be a whole number from 2 to ${MAX_SAMPLES}`;
    case 'noise':
      return `must be a number from 0 to ${MAX_NOISE}`;
    case 'testFraction':
      return 'must be at least 0 and below 1';
    case 'seed':
      return 'must be a whole number';
    case 'fn':
      return `must be one of ${FUNCTION_NAMES.join(', ')}`;
    case '':
      return 'must be an object with id, samples, noise, testFraction and seed';
    default:
      return field.startsWith('features') ? `must list features among ${FEATURES.join(', ')}` : 'is not a known field';
  }
}

function gotText(root: unknown, path: readonly PropertyKey[]): string {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return '';
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  if (typeof v === 'number' || typeof v === 'boolean') return `, got ${String(v)}`;
  if (typeof v === 'string') return `, got ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return v === null ? ', got null' : '';
}
