// The dataset library: what each built-in dataset is (sizes, task, sensible loss) and turning a choice into rows.
import { GraphError } from '../graph/GraphError';
import { createRng } from '../graph/init';
import type { LossName } from '../graph/trainConfig';
import type { OutputTransform } from '../graph/types';
import { checkerboard, circle, moons, twoGaussians, xor } from './classification';
import type { Dataset } from './dataset';
import { checkDatasetChoice, type DatasetChoice, type DatasetId, type FunctionName } from './datasetChoice';
import { canonicalFeatures, expandRows } from './features';
import { IRIS_COLUMNS, iris, irisClasses } from './iris';
import { FUNCTION_DOMAIN, REGRESSION_RADIUS, cosSin, gaussians, oneInputFunction, plane } from './regression';
import { splitDataset } from './seedData';
import { spiral, threeSpirals } from './spirals';
import type { TrainingData } from './trainingData';

export { DATASET_IDS, FUNCTION_NAMES, MAX_NOISE, MAX_SAMPLES, SEED_DATASET_CHOICE, checkDatasetChoice } from './datasetChoice';
export type { DatasetChoice, DatasetId, FunctionName } from './datasetChoice';
export type { FeatureName } from './features';
export type { TrainingData } from './trainingData';

/**
 * What a built-in dataset is. `inputs`/`outputs` are its widths before feature expansion; `loss` and
 * `outputTransform` are the sensible defaults for its task, and `why` says so in one sentence.
 */
export interface DatasetInfo {
  id: DatasetId;
  label: string;
  task: 'regression' | 'classification';
  inputs: number;
  outputs: number;
  defaults: { samples: number; noise: number };
  loss: LossName;
  outputTransform: OutputTransform;
  why: string;
}

const REGRESSION = {
  task: 'regression',
  loss: 'mse',
  outputTransform: 'identity',
  why: 'The targets are real numbers, so the outputs stay unbounded (identity) and the loss is the mean squared error.',
} as const;

const TWO_CLASSES = {
  task: 'classification',
  inputs: 2,
  outputs: 1,
  defaults: { samples: 500, noise: 0 },
  loss: 'cross_entropy',
  outputTransform: 'sigmoid',
  why: 'Two classes: one sigmoid output reads as the probability of class 1, and cross-entropy is the loss that probability is trained with.',
} as const;

const MANY_CLASSES_WHY =
  'Three classes, one output each: softmax turns the outputs into probabilities that sum to 1, trained with cross-entropy.';

/** The dataset menu, in the order it is shown: regression first, then classification. */
export const DATASETS: readonly DatasetInfo[] = [
  { id: 'cos-sin', label: 'cos / sin (seed example)', inputs: 1, outputs: 2, defaults: { samples: 250, noise: 0 }, ...REGRESSION },
  { id: 'plane', label: 'Plane', inputs: 2, outputs: 1, defaults: { samples: 500, noise: 0 }, ...REGRESSION },
  { id: 'gaussians', label: 'Sum of Gaussians', inputs: 2, outputs: 1, defaults: { samples: 500, noise: 0 }, ...REGRESSION },
  { id: 'function', label: 'A function of x', inputs: 1, outputs: 1, defaults: { samples: 200, noise: 0 }, ...REGRESSION },
  { id: 'circle', label: 'Circle', ...TWO_CLASSES },
  { id: 'xor', label: 'XOR', ...TWO_CLASSES },
  { id: 'two-gaussians', label: 'Two Gaussians', ...TWO_CLASSES },
  { id: 'spiral', label: 'Spiral', ...TWO_CLASSES },
  { id: 'moons', label: 'Two moons', ...TWO_CLASSES },
  { id: 'checkerboard', label: 'Checkerboard', ...TWO_CLASSES },
  {
    id: 'three-spirals',
    label: 'Three spirals',
    task: 'classification',
    inputs: 2,
    outputs: 3,
    defaults: { samples: 600, noise: 0 },
    loss: 'cross_entropy',
    outputTransform: 'softmax',
    why: MANY_CLASSES_WHY,
  },
  {
    id: 'iris',
    label: 'Iris flowers',
    task: 'classification',
    inputs: 4,
    outputs: 3,
    defaults: { samples: 150, noise: 0 },
    loss: 'cross_entropy',
    outputTransform: 'softmax',
    why: MANY_CLASSES_WHY,
  },
];

/**
 * The description of a dataset.
 * @example datasetInfo('spiral').outputTransform // 'sigmoid'
 */
export function datasetInfo(id: DatasetId): DatasetInfo {
  const info = DATASETS.find((d) => d.id === id);
  if (!info) throw new Error(`unknown dataset ${String(id)}`);
  return info;
}

/** A choice with the dataset's default samples and noise, 20% test rows, seed 0 (for 'cos-sin': `SEED_DATASET_CHOICE`). */
export function defaultChoice(id: DatasetId = 'cos-sin'): DatasetChoice {
  const { samples, noise } = datasetInfo(id).defaults;
  return { id, samples, noise, testFraction: 0.2, seed: 0 };
}

function generate(choice: DatasetChoice): Dataset {
  const rng = createRng(choice.seed);
  const { samples: n, noise } = choice;
  switch (choice.id) {
    case 'cos-sin':
      return cosSin(n, noise, rng);
    case 'plane':
      return plane(n, noise, rng);
    case 'gaussians':
      return gaussians(n, noise, rng);
    case 'function':
      return oneInputFunction(choice.fn ?? 'sin', n, noise, rng);
    case 'circle':
      return circle(n, noise, rng);
    case 'xor':
      return xor(n, noise, rng);
    case 'two-gaussians':
      return twoGaussians(n, noise, rng);
    case 'spiral':
      return spiral(n, noise, rng);
    case 'moons':
      return moons(n, noise, rng);
    case 'checkerboard':
      return checkerboard(n, noise, rng);
    case 'three-spirals':
      return threeSpirals(n, noise, rng);
    case 'iris':
      return iris(noise, rng);
  }
}

const FUNCTION_LABELS: Record<FunctionName, string> = { sin: 'sin x', abs: '|x|', step: 'step(x)', square: 'x^2' };

function columnNames(choice: DatasetChoice): { inputs: string[]; targets: string[] } {
  const info = datasetInfo(choice.id);
  switch (choice.id) {
    case 'cos-sin':
      return { inputs: ['x'], targets: ['cos x', 'sin x'] };
    case 'function':
      return { inputs: ['x'], targets: [FUNCTION_LABELS[choice.fn ?? 'sin']] };
    case 'iris':
      return { inputs: [...IRIS_COLUMNS], targets: irisClasses() };
    case 'three-spirals':
      return { inputs: ['x1', 'x2', ...canonicalFeatures(choice.features ?? [])], targets: ['arm 1', 'arm 2', 'arm 3'] };
    default:
      return { inputs: ['x1', 'x2', ...canonicalFeatures(choice.features ?? [])], targets: [info.task === 'classification' ? 'class' : 'y'] };
  }
}

function classNames(id: DatasetId): string[] | undefined {
  if (id === 'iris') return irisClasses();
  if (id === 'three-spirals') return ['arm 1', 'arm 2', 'arm 3'];
  return datasetInfo(id).task === 'classification' ? ['class 0', 'class 1'] : undefined;
}

/**
 * The rows of a built-in dataset: generated from `choice.seed`, features appended (2-input datasets only),
 * then split into train and test by `splitDataset(rows, testFraction, seed)`. Pure: the same choice always
 * gives the same data. Throws `data/invalid` for a bad choice (see `checkDatasetChoice`), or for features
 * asked of a dataset that does not have 2 inputs.
 * @example makeTrainingData({ id: 'spiral', samples: 500, noise: 0, testFraction: 0.5, seed: 1 }).train.inputs.length // 250
 */
export function makeTrainingData(choice: DatasetChoice): TrainingData {
  const c = checkDatasetChoice(choice);
  const info = datasetInfo(c.id);
  let rows = generate(c);
  const features = c.features ?? [];
  if (features.length > 0) {
    if (info.inputs !== 2) {
      throw new GraphError('data/invalid', `features can only be added to 2-input datasets; ${info.label} has ${info.inputs} input${info.inputs === 1 ? '' : 's'}`, 'dataset.features');
    }
    rows = { inputs: expandRows(rows.inputs, features), targets: rows.targets };
  }
  const { train, test } = splitDataset(rows, c.testFraction, c.seed);
  const data: TrainingData = { train, task: info.task, columns: columnNames(c) };
  if (test.inputs.length > 0) data.test = test;
  const classes = classNames(c.id);
  if (classes) data.classes = classes;
  return data;
}

/**
 * The interval (1-input data) or square (2-input data) the views draw over, in raw input units: a little wider
 * than the data, as in Playground ([-6, 6]^2 for every 2-input dataset). For Iris (4 inputs), the first two
 * standardised measurements' usual range; views over more than 2 inputs are not drawn.
 * @example inputRange(defaultChoice('cos-sin')) // { x1: [0, 2 * Math.PI] }
 */
export function inputRange(choice: DatasetChoice): { x1: [number, number]; x2?: [number, number] } {
  switch (choice.id) {
    case 'cos-sin':
      return { x1: [0, 2 * Math.PI] };
    case 'function':
      return { x1: [FUNCTION_DOMAIN[0], FUNCTION_DOMAIN[1]] };
    case 'iris':
      return { x1: [-3, 3], x2: [-3, 3] };
    default:
      return { x1: [-REGRESSION_RADIUS, REGRESSION_RADIUS], x2: [-REGRESSION_RADIUS, REGRESSION_RADIUS] };
  }
}
