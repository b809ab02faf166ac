// Your own data: a CSV file's text -> a typed table (papaparse) -> training rows from the columns a user picks.
// Runs in the training worker. Every problem is a GraphError naming the row and column; nothing is mutated.
import Papa from 'papaparse';
import { GraphError } from '../graph/GraphError';
import type { Dataset } from './dataset';
import { splitDataset } from './seedData';
import type { TrainingData } from './trainingData';

/** The longest CSV text read, in characters (about 50 MB of a plain-text file). */
export const MAX_CSV_CHARS = 50 * 1024 * 1024;
/** The most data rows (after the header) read. */
export const MAX_CSV_ROWS = 1_000_000;
/** The most classes a categorical column may have to be used (one-hot: one column each). */
export const MAX_CSV_CLASSES = 100;
/** Data rows a table shows as a preview. */
const PREVIEW_ROWS = 5;

/** One column of a CSV table. `classes` (categorical only): the distinct values, in order of first appearance. */
export interface CsvColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  classes?: string[];
}

/**
 * What a CSV file holds, small enough to send to the page: the header's columns with their kinds,
 * the number of data rows, and the first few rows as text.
 */
export interface CsvTable {
  columns: CsvColumn[];
  rows: number;
  preview?: string[][];
}

/** A parsed CSV file: a `CsvTable` plus its values, column by column (a number, or a class index for categorical columns). */
export interface ParsedCsv extends CsvTable {
  values: Float64Array[];
}

/**
 * Which columns become inputs and targets. `standardize`: numeric input columns are shifted and scaled to
 * mean 0, standard deviation 1 (over all rows; targets keep their units). The split is `splitDataset`'s.
 */
export interface CsvOptions {
  inputs: string[];
  targets: string[];
  standardize: boolean;
  testFraction: number;
  seed: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number a cell holds, or null when it is not plainly a number (empty, text, "Infinity", "0x10"...). */
function cellNumber(cell: string): number | null {
  const t = cell.trim();
  if (!NUMBER.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/**
 * Parses a CSV file's text. The first row names the columns; rows are counted as a spreadsheet does
 * (the header is row 1); blank lines are skipped. A column is numeric when most of its cells are numbers,
 * and then every cell must be one; otherwise it is categorical (its distinct values are its classes).
 * Errors: `csv/too-large` (over MAX_CSV_CHARS characters or MAX_CSV_ROWS rows), `csv/empty` (no header or no
 * data rows), `csv/ragged` (a row with more or fewer values than the header, or an unclosed quote),
 * `csv/not-numeric` ('row 12, column "petal": "abc" is not a number'), `csv/columns` (an empty or repeated name).
 * @example parseCsv('x,y\n1,2\n3,4').columns // [{ name: 'x', kind: 'numeric' }, { name: 'y', kind: 'numeric' }]
 */
export function parseCsv(text: string): ParsedCsv {
  if (text.length > MAX_CSV_CHARS) {
    throw new GraphError('csv/too-large', `this file has ${(text.length / 1024 / 1024).toFixed(1)} MB; Connex reads CSV files of at most ${MAX_CSV_CHARS / 1024 / 1024} MB`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Guess the delimiter (comma, semicolon, tab...) on the first lines without blank ones, which confuse the guess;
  // then parse everything keeping blank lines, so row numbers match the file's.
  const delimiter = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', preview: 50 }).meta.delimiter;
  const result = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false, preview: MAX_CSV_ROWS + 2 });
  const records = result.data;
  if (result.meta.truncated) {
    throw new GraphError('csv/too-large', `this file has more than ${MAX_CSV_ROWS.toLocaleString('en-US')} rows; Connex reads at most ${MAX_CSV_ROWS.toLocaleString('en-US')}`);
  }
  const quote = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  if (quote) {
    const row = (quote.row ?? 0) + 1;
    throw new GraphError('csv/ragged', `row ${row}: a quoted value is not closed properly (${quote.message})`);
  }
  const isBlank = (r: string[]) => r.length === 0 || (r.length === 1 && (r[0] ?? '').trim() === '');
  const headerAt = records.findIndex((r) => !isBlank(r));
  if (headerAt < 0) throw new GraphError('csv/empty', 'this file is empty; a CSV file needs a header row naming the columns, then data rows');
  const header = (records[headerAt] as string[]).map((h) => h.trim());
  checkHeader(header, headerAt + 1);

  const dataRows: { row: number; cells: string[] }[] = [];
  for (let i = headerAt + 1; i < records.length; i++) {
    const cells = records[i] as string[];
    if (isBlank(cells)) continue;
    if (cells.length !== header.length) {
      throw new GraphError('csv/ragged', `row ${i + 1} has ${cells.length} value${cells.length === 1 ? '' : 's'} but the header has ${header.length} column${header.length === 1 ? '' : 's'}; every row needs one value per column`);
    }
    dataRows.push({ row: i + 1, cells });
  }
  if (dataRows.length > MAX_CSV_ROWS) {
    throw new GraphError('csv/too-large', `this file has ${dataRows.length} rows; Connex reads at most ${MAX_CSV_ROWS.toLocaleString('en-US')}`);
  }
  if (dataRows.length === 0) throw new GraphError('csv/empty', 'this file has a header but no data rows');

  const columns: CsvColumn[] = [];
  const values: Float64Array[] = [];
  header.forEach((name, k) => {
    const column = new Float64Array(dataRows.length);
    let numbers = 0;
    dataRows.forEach(({ cells }, j) => {
      const v = cellNumber(cells[k] ?? '');
      column[j] = v ?? NaN;
      if (v !== null) numbers++;
    });
    if (numbers * 2 > dataRows.length) {
      const bad = dataRows.findIndex((_, j) => Number.isNaN(column[j]));
      if (bad >= 0) {
        const { row, cells } = dataRows[bad]!;
        const cell = cells[k] ?? '';
        const what = cell.trim() === '' ? 'the value is missing' : `${JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}...` : cell)} is not a number`;
        throw new GraphError('csv/not-numeric', `row ${row}, column ${JSON.stringify(name)}: ${what}; most of this column is numbers, so every value must be one`);
      }
      columns.push({ name, kind: 'numeric' });
    } else {
      const classes: string[] = [];
      const index = new Map<string, number>();
      dataRows.forEach(({ cells }, j) => {
        const label = (cells[k] ?? '').trim();
        let c = index.get(label);
        if (c === undefined) {
          c = classes.length;
          index.set(label, c);
          classes.push(label);
        }
        column[j] = c;
      });
      columns.push({ name, kind: 'categorical', classes });
    }
    values.push(column);
  });
  return { columns, rows: dataRows.length, preview: dataRows.slice(0, PREVIEW_ROWS).map((r) => r.cells.slice()), values };
}

function checkHeader(header: string[], row: number): void {
  const seen = new Set<string>();
  header.forEach((name, k) => {
    if (name === '') throw new GraphError('csv/columns', `row ${row} (the header): column ${k + 1} has no name; every column needs one`);
    if (seen.has(name)) throw new GraphError('csv/columns', `row ${row} (the header): the column name ${JSON.stringify(name)} appears twice; names must be unique`);
    seen.add(name);
  });
}

/** The table without its values: what the worker sends to the page. */
export function tableSummary(table: CsvTable): CsvTable {
  const out: CsvTable = { columns: table.columns.map((c) => ({ ...c, ...(c.classes ? { classes: [...c.classes] } : {}) })), rows: table.rows };
  if (table.preview) out.preview = table.preview.map((r) => [...r]);
  return out;
}

/**
 * Training data from the chosen columns of a parsed table. Numeric columns are used as they are (inputs
 * standardised on request); a categorical column becomes one 0/1 column per class (`name=class`).
 * A categorical target makes a classification task with `classes` set; it must then be the only target.
 * Errors: `csv/columns` (no input or target chosen, an unknown name, a column both input and target,
 * a categorical target beside others, too many classes); `data/invalid` for a bad test fraction.
 * The table is never mutated.
 * @example csvToTrainingData(parseCsv(text), { inputs: ['x'], targets: ['species'], standardize: true, testFraction: 0.2, seed: 0 })
 */
export function csvToTrainingData(table: ParsedCsv, options: CsvOptions): TrainingData {
  const { inputs, targets } = options;
  if (inputs.length === 0) throw new GraphError('csv/columns', 'choose at least one input column');
  if (targets.length === 0) throw new GraphError('csv/columns', 'choose at least one target column');
  const find = (name: string) => {
    const k = table.columns.findIndex((c) => c.name === name);
    if (k < 0) {
      throw new GraphError('csv/columns', `there is no column ${JSON.stringify(name)}; the columns are ${table.columns.map((c) => JSON.stringify(c.name)).join(', ')}`);
    }
    return k;
  };
  const inputIdx = inputs.map(find);
  const targetIdx = targets.map(find);
  for (const name of new Set([...inputs, ...targets])) {
    const count = inputs.filter((n) => n === name).length + targets.filter((n) => n === name).length;
    if (count > 1) throw new GraphError('csv/columns', `column ${JSON.stringify(name)} is chosen more than once; a column is either an input or a target, once`);
  }
  const categoricalTargets = targetIdx.filter((k) => table.columns[k]!.kind === 'categorical');
  if (categoricalTargets.length > 0 && targetIdx.length > 1) {
    throw new GraphError('csv/columns', `the class column ${JSON.stringify(table.columns[categoricalTargets[0]!]!.name)} must be the only target (it becomes one output per class)`);
  }
  for (const k of [...inputIdx, ...targetIdx]) {
    const col = table.columns[k]!;
    if (col.kind === 'categorical' && (col.classes?.length ?? 0) > MAX_CSV_CLASSES) {
      throw new GraphError('csv/columns', `column ${JSON.stringify(col.name)} has ${col.classes?.length} different values; a class column may have at most ${MAX_CSV_CLASSES}`);
    }
  }

  const inputCols = inputIdx.flatMap((k) => encodeColumn(table, k, options.standardize));
  const targetCols = targetIdx.flatMap((k) => encodeColumn(table, k, false));
  const rows: Dataset = { inputs: [], targets: [] };
  for (let j = 0; j < table.rows; j++) {
    rows.inputs.push(inputCols.map((c) => c.at(j)));
    rows.targets.push(targetCols.map((c) => c.at(j)));
  }
  const { train, test } = splitDataset(rows, options.testFraction, options.seed);
  const classTarget = categoricalTargets.length > 0 ? table.columns[categoricalTargets[0]!]! : null;
  const data: TrainingData = {
    train,
    task: classTarget ? 'classification' : 'regression',
    columns: { inputs: inputCols.map((c) => c.name), targets: targetCols.map((c) => c.name) },
  };
  if (test.inputs.length > 0) data.test = test;
  if (classTarget) data.classes = [...(classTarget.classes ?? [])];
  return data;
}

interface EncodedColumn {
  name: string;
  at: (row: number) => number;
}

function encodeColumn(table: ParsedCsv, k: number, standardize: boolean): EncodedColumn[] {
  const col = table.columns[k]!;
  const values = table.values[k]!;
  if (col.kind === 'categorical') {
    return (col.classes ?? []).map((cls, c) => ({ name: `${col.name}=${cls}`, at: (j) => (values[j] === c ? 1 : 0) }));
  }
  if (!standardize) return [{ name: col.name, at: (j) => values[j]! }];
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  const sd = Math.sqrt(sq / values.length) || 1; // a constant column is only centred
  return [{ name: col.name, at: (j) => (values[j]! - mean) / sd }];
}
