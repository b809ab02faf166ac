// Datasets as plain rows of numbers: checking what a file or a generator hands to training, with row/column errors.
import { z } from 'zod';
import '../graph/zodSetup';
import { GraphError } from '../graph/GraphError';

/**
 * Training data as rows: `inputs[i]` is the i-th sample's features (one per input neuron, in `network.inputs`
 * order) and `targets[i]` its expected outputs (one per output neuron, in `network.outputs` order).
 * @example { inputs: [[0], [3.14]], targets: [[1, 0], [-1, 0]] }
 */
export interface Dataset {
  inputs: number[][];
  targets: number[][];
}

const rowsSchema = z.array(z.array(z.number()));
const datasetSchema = z.object({ inputs: rowsSchema, targets: rowsSchema });

/**
 * Checks a value (typically `JSON.parse` of a file) and returns a fresh `Dataset`.
 * Both arrays must be non-empty and equally long, every row of a side as wide as its first row (>= 1),
 * every value a finite number. Unknown top-level keys are ignored.
 * Errors: `data/invalid` (wrong type or a non-finite value, naming row and column, e.g.
 * "dataset.inputs[12][0] must be a finite number, got null") or `data/shape` (empty, ragged, length mismatch).
 * @example parseDataset(JSON.parse(text), 'train.json')
 */
export function parseDataset(value: unknown, name = 'dataset'): Dataset {
  const result = datasetSchema.safeParse(value);
  if (!result.success) throw issueToError(result.error.issues, value, name);
  const { inputs, targets } = result.data;
  checkRows(inputs, `${name}.inputs`);
  checkRows(targets, `${name}.targets`);
  if (inputs.length !== targets.length) {
    throw new GraphError(
      'data/shape',
      `${name} has ${plural(inputs.length, 'input row')} but ${plural(targets.length, 'target row')}; they must pair up`,
      name,
    );
  }
  return { inputs: copyRows(inputs), targets: copyRows(targets) };
}

/**
 * Checks the rows to predict on (the CLI's `predict X.json`): a non-empty array of equally wide rows of
 * finite numbers. A dataset object (`{ inputs, ... }`) is accepted too, and its `inputs` are used.
 * @example parseInputRows([[0], [1.5]]) // [[0], [1.5]]
 */
export function parseInputRows(value: unknown, name = 'inputs'): number[][] {
  let rows = value;
  let where = name;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'inputs')) {
    rows = (value as { inputs: unknown }).inputs;
    where = `${name}.inputs`;
  }
  const result = rowsSchema.safeParse(rows);
  if (!result.success) throw issueToError(result.error.issues, rows, where);
  checkRows(result.data, where);
  return copyRows(result.data);
}

/**
 * Checks that a dataset's widths match a network's inputs and outputs.
 * Throws `data/shape`, e.g. "the dataset has 2 inputs but the network has 1 input neuron".
 */
export function checkDatasetFits(dataset: Dataset, nInputs: number, nOutputs: number): void {
  checkShapeFits({ inputs: dataset.inputs[0]?.length ?? 0, outputs: dataset.targets[0]?.length ?? 0 }, nInputs, nOutputs);
}

/**
 * `checkDatasetFits` for data known only by its widths (inputs and targets per sample), e.g. in the page,
 * which has the data's shape but not a parsed dataset at hand.
 */
export function checkShapeFits(shape: { inputs: number; outputs: number }, nInputs: number, nOutputs: number): void {
  const xw = shape.inputs;
  const yw = shape.outputs;
  if (xw !== nInputs) {
    throw new GraphError(
      'data/shape',
      `the dataset has ${plural(xw, 'input')} but the network has ${plural(nInputs, 'input neuron')}`,
    );
  }
  if (yw !== nOutputs) {
    throw new GraphError(
      'data/shape',
      `the dataset has ${plural(yw, 'target')} but the network has ${plural(nOutputs, 'output neuron')}`,
    );
  }
}

/**
 * The text of a dataset file: JSON with one row per line, so that diffs stay readable.
 * `parseDataset(JSON.parse(serializeDataset(d)))` deep-equals `d`.
 */
export function serializeDataset(dataset: Dataset): string {
  const side = (rows: number[][]) => rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return `{\n  "inputs": [\n${side(dataset.inputs)}\n  ],\n  "targets": [\n${side(dataset.targets)}\n  ]\n}\n`;
}

function checkRows(rows: number[][], where: string): void {
  const first = rows[0];
  if (first === undefined) throw new GraphError('data/shape', `${where} is empty; it needs at least one row`, where);
  if (first.length === 0) {
    throw new GraphError('data/shape', `${where}[0] is empty; a row needs at least one value`, `${where}[0]`);
  }
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] as number[];
    if (row.length !== first.length) {
      throw new GraphError(
        'data/shape',
        `${where}[${i}] has ${plural(row.length, 'value')} but ${where}[0] has ${first.length}; every row must be as wide`,
        `${where}[${i}]`,
      );
    }
  }
}

function copyRows(rows: number[][]): number[][] {
  return rows.map((r) => r.slice());
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function issueToError(issues: readonly z.core.$ZodIssue[], root: unknown, name: string): GraphError {
  const issue = issues[0];
  const path = name + (issue?.path ?? []).map(pathPart).join('');
  let current: unknown = root;
  let found = true;
  for (const key of issue?.path ?? []) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      found = false;
      break;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  const got = found ? `, got ${describe(current)}` : '';
  let expected = 'a finite number';
  if (issue?.code === 'invalid_type') {
    const last = issue.path[issue.path.length - 1];
    if (issue.expected === 'array') expected = typeof last === 'number' ? 'an array of numbers' : 'an array of rows';
    else if (issue.expected === 'object') expected = 'an object with "inputs" and "targets"';
  }
  const text = found ? `must be ${expected}${got}` : `is missing (expected ${expected})`;
  return new GraphError('data/invalid', `${path} ${text}`, path);
}

function pathPart(key: PropertyKey): string {
  if (typeof key === 'number') return `[${key}]`;
  if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) return `.${key}`;
  return `[${JSON.stringify(String(key))}]`;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}
