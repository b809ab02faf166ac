// CSV import: parsing into typed columns, each error with its code and a message naming row and column,
// and turning chosen columns into training data (one-hot classes, standardisation, split).
import { describe, expect, it } from 'vitest';
import { MAX_CSV_CHARS, MAX_CSV_ROWS, csvToTrainingData, parseCsv, tableSummary, type CsvOptions } from '@/engine/data/csv';
import { isGraphError } from '@/engine/graph/GraphError';

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    if (isGraphError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a GraphError');
}

const FLOWERS = ['petal,sepal,species', '1.4,5.1,setosa', '4.7,7.0,versicolor', '6.0,6.3,virginica', '1.3,4.9,setosa', '4.5,6.4,versicolor', '5.9,6.8,virginica'].join('\n');

const options = (over: Partial<CsvOptions> = {}): CsvOptions => ({ inputs: ['petal', 'sepal'], targets: ['species'], standardize: false, testFraction: 0, seed: 0, ...over });

describe('parseCsv', () => {
  it('reads the header, the column kinds and the classes in order of appearance', () => {
    const table = parseCsv(FLOWERS);
    expect(table.rows).toBe(6);
    expect(table.columns).toEqual([
      { name: 'petal', kind: 'numeric' },
      { name: 'sepal', kind: 'numeric' },
      { name: 'species', kind: 'categorical', classes: ['setosa', 'versicolor', 'virginica'] },
    ]);
    expect(Array.from(table.values[0]!)).toEqual([1.4, 4.7, 6.0, 1.3, 4.5, 5.9]);
    expect(Array.from(table.values[2]!)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(tableSummary(table)).toEqual({ columns: table.columns, rows: 6, preview: FLOWERS.split('\n').slice(1, 6).map((l) => l.split(',')) });
    expect('values' in tableSummary(table)).toBe(false);
  });

  it('accepts a BOM, CRLF line ends, quoted fields, semicolons and blank lines', () => {
    const table = parseCsv('\ufeff"a","b"\r\n1,"2"\r\n\r\n3,4\r\n');
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['a', 'numeric'],
      ['b', 'numeric'],
    ]);
    expect(table.rows).toBe(2);
    expect(Array.from(table.values[1]!)).toEqual([2, 4]);
    const semi = parseCsv('a;b\n1;2\n3;4\n');
    expect(semi.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(Array.from(semi.values[0]!)).toEqual([1, 3]);
  });

  it('csv/empty: an empty file, or a header without rows', () => {
    expect(errorOf(() => parseCsv(''))).toMatchObject({ code: 'csv/empty', message: expect.stringMatching(/empty/) });
    expect(errorOf(() => parseCsv('\n\n  \n'))).toMatchObject({ code: 'csv/empty' });
    expect(errorOf(() => parseCsv('a,b\n'))).toMatchObject({ code: 'csv/empty', message: 'this file has a header but no data rows' });
  });

  it('csv/ragged: names the row with too few or too many values', () => {
    expect(errorOf(() => parseCsv('a,b,c\n1,2,3\n4,5\n'))).toEqual({
      code: 'csv/ragged',
      message: 'row 3 has 2 values but the header has 3 columns; every row needs one value per column',
    });
    expect(errorOf(() => parseCsv('a,b\n1,2\n\n3,4,5\n')).message).toMatch(/^row 4 has 3 values/);
  });

  it('csv/not-numeric: names row and column of the bad cell in a numeric column', () => {
    const rows = ['x,petal'];
    for (let i = 0; i < 10; i++) rows.push(`${i},${i / 10}`);
    rows.splice(11, 0, '10,abc'); // row 12 of the file
    expect(errorOf(() => parseCsv(rows.join('\n')))).toEqual({
      code: 'csv/not-numeric',
      message: 'row 12, column "petal": "abc" is not a number; most of this column is numbers, so every value must be one',
    });
    expect(errorOf(() => parseCsv('a,b\n1,2\n3,\n5,6')).message).toMatch(/^row 3, column "b": the value is missing/);
    expect(errorOf(() => parseCsv('a,b\n1,2\n3,Infinity\n5,6')).message).toMatch(/^row 3, column "b": "Infinity" is not a number/);
  });

  it('csv/too-large: over 50 MB of text, or over a million rows', () => {
    expect(errorOf(() => parseCsv('a\n' + '1'.repeat(MAX_CSV_CHARS)))).toMatchObject({ code: 'csv/too-large', message: expect.stringMatching(/at most 50 MB/) });
    const many = 'a\n' + '1\n'.repeat(MAX_CSV_ROWS + 1);
    expect(errorOf(() => parseCsv(many))).toMatchObject({ code: 'csv/too-large', message: expect.stringMatching(/more than 1,000,000 rows/) });
  });

  it('csv/columns: an unnamed or repeated header', () => {
    expect(errorOf(() => parseCsv('a,,c\n1,2,3'))).toMatchObject({ code: 'csv/columns', message: expect.stringMatching(/column 2 has no name/) });
    expect(errorOf(() => parseCsv('a,b,a\n1,2,3'))).toMatchObject({ code: 'csv/columns', message: expect.stringMatching(/"a" appears twice/) });
  });

  it('csv/ragged: an unclosed quote', () => {
    expect(errorOf(() => parseCsv('a,b\n1,"2\n3,4')).code).toBe('csv/ragged');
  });
});

describe('csvToTrainingData', () => {
  it('one-hot encodes a class column target and sets classes and the task', () => {
    const data = csvToTrainingData(parseCsv(FLOWERS), options());
    expect(data.task).toBe('classification');
    expect(data.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(data.columns).toEqual({ inputs: ['petal', 'sepal'], targets: ['species=setosa', 'species=versicolor', 'species=virginica'] });
    expect(data.train.targets).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(data.train.inputs[1]).toEqual([4.7, 7.0]);
    expect(data.test).toBeUndefined();
  });

  it('numeric targets make a regression task; a class column as input becomes one 0/1 column per class', () => {
    const data = csvToTrainingData(parseCsv(FLOWERS), options({ inputs: ['species', 'sepal'], targets: ['petal'] }));
    expect(data.task).toBe('regression');
    expect(data.classes).toBeUndefined();
    expect(data.columns?.inputs).toEqual(['species=setosa', 'species=versicolor', 'species=virginica', 'sepal']);
    expect(data.train.inputs[2]).toEqual([0, 0, 1, 6.3]);
    expect(data.train.targets.map((r) => r[0])).toEqual([1.4, 4.7, 6.0, 1.3, 4.5, 5.9]);
  });

  it('standardises numeric inputs to mean 0 and standard deviation 1, targets keep their units', () => {
    const data = csvToTrainingData(parseCsv(FLOWERS), options({ inputs: ['petal', 'sepal'], targets: ['species'], standardize: true }));
    for (const k of [0, 1]) {
      const col = data.train.inputs.map((r) => r[k]!);
      const mean = col.reduce((s, v) => s + v, 0) / col.length;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length);
      expect(mean).toBeCloseTo(0, 12);
      expect(sd).toBeCloseTo(1, 12);
    }
    const reg = csvToTrainingData(parseCsv(FLOWERS), options({ inputs: ['sepal'], targets: ['petal'], standardize: true }));
    expect(reg.train.targets.map((r) => r[0])).toEqual([1.4, 4.7, 6.0, 1.3, 4.5, 5.9]);
    // A constant column is only centred.
    const flat = csvToTrainingData(parseCsv('a,b\n2,1\n2,2\n2,3'), options({ inputs: ['a'], targets: ['b'], standardize: true }));
    expect(flat.train.inputs).toEqual([[0], [0], [0]]);
  });

  it('splits with the seed: same seed same split, rows kept whole', () => {
    const a = csvToTrainingData(parseCsv(FLOWERS), options({ testFraction: 0.5, seed: 3 }));
    expect(a.train.inputs).toHaveLength(3);
    expect(a.test?.inputs).toHaveLength(3);
    expect(csvToTrainingData(parseCsv(FLOWERS), options({ testFraction: 0.5, seed: 3 }))).toEqual(a);
    // Each test row still pairs its inputs with its own class.
    const table = parseCsv(FLOWERS);
    a.test!.inputs.forEach((r, i) => {
      const j = Array.from(table.values[0]!).indexOf(r[0]!);
      expect(a.test!.targets[i]!.indexOf(1)).toBe(table.values[2]![j]);
    });
  });

  it('csv/columns: unknown, missing, repeated and misplaced columns, each named', () => {
    const table = parseCsv(FLOWERS);
    expect(errorOf(() => csvToTrainingData(table, options({ inputs: ['petal', 'stem'] })))).toEqual({
      code: 'csv/columns',
      message: 'there is no column "stem"; the columns are "petal", "sepal", "species"',
    });
    expect(errorOf(() => csvToTrainingData(table, options({ inputs: [] }))).message).toBe('choose at least one input column');
    expect(errorOf(() => csvToTrainingData(table, options({ targets: [] }))).message).toBe('choose at least one target column');
    expect(errorOf(() => csvToTrainingData(table, options({ inputs: ['petal'], targets: ['petal'] }))).message).toMatch(/"petal" is chosen more than once/);
    expect(errorOf(() => csvToTrainingData(table, options({ inputs: ['petal'], targets: ['sepal', 'species'] }))).message).toMatch(/"species" must be the only target/);
  });

  it('never mutates the parsed table', () => {
    const table = parseCsv(FLOWERS);
    const before = structuredClone(table);
    csvToTrainingData(table, options({ standardize: true, testFraction: 0.3 }));
    expect(table).toEqual(before);
  });
});
