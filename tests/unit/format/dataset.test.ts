// Datasets: parsing with row/column errors, shape checks against a network, the seed data and the seeded split.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkDatasetFits,
  parseDataset,
  parseInputRows,
  serializeDataset,
  type Dataset,
} from '../../../engine/data/dataset';
import { seedData, splitDataset } from '../../../engine/data/seedData';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';

function rejects(fn: () => unknown, code: GraphErrorCode, message?: string | RegExp): GraphError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphError);
    const err = e as GraphError;
    expect(err.code, err.message).toBe(code);
    if (message !== undefined) expect(err.message).toMatch(message);
    return err;
  }
  throw new Error('expected a GraphError, nothing was thrown');
}

const small = (): Dataset => ({
  inputs: [[0, 1], [2, 3], [4, 5]],
  targets: [[1], [0], [1]],
});

describe('parseDataset', () => {
  it('returns a fresh copy of a valid dataset and ignores unknown keys', () => {
    const value = { ...small(), description: 'xor-ish' };
    const ds = parseDataset(value);
    expect(ds).toEqual(small());
    expect(ds).not.toHaveProperty('description');
    expect(ds.inputs).not.toBe(value.inputs);
    expect(ds.inputs[0]).not.toBe(value.inputs[0]);
  });

  it('data/invalid names the row and column of a value that is not a finite number', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [i]);
    const bad = rows.map((r) => [...r]) as unknown[][];
    bad[12]![0] = null;
    const err = rejects(() => parseDataset({ inputs: bad, targets: rows }), 'data/invalid', /^dataset\.inputs\[12\]\[0\] must be a finite number, got null$/);
    expect(err.path).toBe('dataset.inputs[12][0]');
    rejects(() => parseDataset({ inputs: [[Infinity]], targets: [[1]] }), 'data/invalid', /dataset\.inputs\[0\]\[0\] must be a finite number, got Infinity/);
    rejects(() => parseDataset({ inputs: [[1]], targets: [[1, NaN]] }), 'data/invalid', /dataset\.targets\[0\]\[1\] must be a finite number, got NaN/);
    rejects(() => parseDataset({ inputs: [['1']], targets: [[1]] }), 'data/invalid', /got "1"/);
    rejects(() => parseDataset(JSON.parse('{"inputs": [[1e999]], "targets": [[0]]}')), 'data/invalid', /Infinity/);
  });

  it('data/invalid for wrong structure, with the name given', () => {
    rejects(() => parseDataset(null, 'train.json'), 'data/invalid', /^train\.json must be an object/);
    rejects(() => parseDataset([[1]]), 'data/invalid', /^dataset must be an object/);
    rejects(() => parseDataset({ inputs: [[1]] }), 'data/invalid', /^dataset\.targets is missing \(expected an array of rows\)/);
    rejects(() => parseDataset({ inputs: [1, 2], targets: [[1], [2]] }), 'data/invalid', /^dataset\.inputs\[0\] must be an array of numbers, got 1/);
    rejects(() => parseDataset({ inputs: 'x', targets: [[1]] }), 'data/invalid', /dataset\.inputs must be an array of rows/);
  });

  it('data/shape for empty sides, empty rows, ragged rows and a length mismatch', () => {
    rejects(() => parseDataset({ inputs: [], targets: [] }), 'data/shape', /dataset\.inputs is empty/);
    rejects(() => parseDataset({ inputs: [[1]], targets: [] }), 'data/shape', /dataset\.targets is empty/);
    rejects(() => parseDataset({ inputs: [[]], targets: [[1]] }), 'data/shape', /dataset\.inputs\[0\] is empty/);
    const err = rejects(
      () => parseDataset({ inputs: [[1, 2], [3, 4], [5]], targets: [[1], [2], [3]] }),
      'data/shape',
      /dataset\.inputs\[2\] has 1 value but dataset\.inputs\[0\] has 2/,
    );
    expect(err.path).toBe('dataset.inputs[2]');
    rejects(() => parseDataset({ inputs: [[1], [2]], targets: [[1]] }), 'data/shape', /2 input rows but 1 target row/);
  });
});

describe('parseInputRows', () => {
  it('accepts an array of rows or a dataset object', () => {
    expect(parseInputRows([[0], [1.5]])).toEqual([[0], [1.5]]);
    expect(parseInputRows(small())).toEqual(small().inputs);
  });

  it('rejects bad rows with their position', () => {
    rejects(() => parseInputRows([]), 'data/shape', /inputs is empty/);
    rejects(() => parseInputRows([[1], [2, 3]]), 'data/shape', /inputs\[1\] has 2 values/);
    rejects(() => parseInputRows([[1], [null]], 'X.json'), 'data/invalid', /^X\.json\[1\]\[0\] must be a finite number, got null/);
    rejects(() => parseInputRows({ inputs: [[1], ['a']] }), 'data/invalid', /^inputs\.inputs\[1\]\[0\]/);
    rejects(() => parseInputRows(3), 'data/invalid', /inputs must be an array of rows, got 3/);
  });
});

describe('checkDatasetFits', () => {
  it('passes when widths match and names both sides otherwise', () => {
    expect(() => checkDatasetFits(small(), 2, 1)).not.toThrow();
    rejects(() => checkDatasetFits(small(), 1, 1), 'data/shape', /^the dataset has 2 inputs but the network has 1 input neuron$/);
    rejects(() => checkDatasetFits(small(), 2, 3), 'data/shape', /^the dataset has 1 target but the network has 3 output neurons$/);
  });
});

describe('seedData', () => {
  it('is 250 points over [0, 2*pi] inclusive with targets [cos x, sin x]', () => {
    const ds = seedData();
    expect(ds.inputs).toHaveLength(250);
    expect(ds.targets).toHaveLength(250);
    expect(ds.inputs[0]).toEqual([0]);
    expect(ds.inputs[249]).toEqual([2 * Math.PI]);
    ds.inputs.forEach((row, i) => {
      const x = (2 * Math.PI * i) / 249;
      expect(row).toEqual([x]);
      expect(ds.targets[i]).toEqual([Math.cos(x), Math.sin(x)]);
    });
    expect(() => checkDatasetFits(ds, 1, 2)).not.toThrow();
  });

  it('takes a size, and rejects sizes below 2', () => {
    expect(seedData(3).inputs).toEqual([[0], [Math.PI], [2 * Math.PI]]);
    rejects(() => seedData(1), 'data/invalid');
    rejects(() => seedData(2.5), 'data/invalid');
  });

  it('matches tests/fixtures/seed.data.json exactly (run scripts/make-fixtures.ts if not)', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'seed.data.json'), 'utf8');
    expect(text).toBe(serializeDataset(seedData()));
    expect(parseDataset(JSON.parse(text))).toEqual(seedData());
  });
});

describe('splitDataset', () => {
  const rowsOf = (ds: Dataset) => ds.inputs.map((r) => r[0]);

  it('is deterministic for a seed, disjoint, complete, and keeps row order', () => {
    const ds = seedData(100);
    const a = splitDataset(ds, 0.2, 7);
    const b = splitDataset(ds, 0.2, 7);
    expect(a).toEqual(b);
    expect(a.test.inputs).toHaveLength(20);
    expect(a.train.inputs).toHaveLength(80);
    const all = [...rowsOf(a.train), ...rowsOf(a.test)].sort((p, q) => (p ?? 0) - (q ?? 0));
    expect(all).toEqual(rowsOf(ds));
    for (const part of [a.train, a.test]) {
      const xs = rowsOf(part) as number[];
      expect(xs).toEqual([...xs].sort((p, q) => p - q));
      // Targets stay paired with their inputs.
      part.inputs.forEach((row, i) => expect(part.targets[i]).toEqual([Math.cos(row[0]!), Math.sin(row[0]!)]));
    }
    expect(rowsOf(splitDataset(ds, 0.2, 8).test)).not.toEqual(rowsOf(a.test));
  });

  it('copies rows and handles the edges of the fraction', () => {
    const ds = small();
    const { train, test } = splitDataset(ds, 0, 0);
    expect(train).toEqual(ds);
    expect(test).toEqual({ inputs: [], targets: [] });
    expect(train.inputs[0]).not.toBe(ds.inputs[0]);
    expect(splitDataset(ds, 0.01, 0).test.inputs).toHaveLength(1);
    expect(splitDataset(ds, 0.99, 0).train.inputs).toHaveLength(1);
    rejects(() => splitDataset(ds, 1, 0), 'data/invalid');
    rejects(() => splitDataset(ds, -0.1, 0), 'data/invalid');
    rejects(() => splitDataset(ds, Number.NaN, 0), 'data/invalid');
  });
});

describe('serializeDataset', () => {
  it('writes one row per line and parses back to the same dataset', () => {
    const text = serializeDataset(small());
    expect(text).toBe('{\n  "inputs": [\n    [0,1],\n    [2,3],\n    [4,5]\n  ],\n  "targets": [\n    [1],\n    [0],\n    [1]\n  ]\n}\n');
    expect(parseDataset(JSON.parse(text))).toEqual(small());
  });
});
