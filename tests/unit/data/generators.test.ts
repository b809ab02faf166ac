// Every built-in dataset: sizes, label values and balance, input ranges, seeded determinism and what noise does.
import { describe, expect, it } from 'vitest';
import { seedData, splitDataset } from '@/engine/data/seedData';
import {
  DATASETS,
  DATASET_IDS,
  datasetInfo,
  defaultChoice,
  inputRange,
  makeTrainingData,
  type DatasetChoice,
  type DatasetId,
} from '@/engine/data/datasets';
import type { Dataset } from '@/engine/data/dataset';
import { isGraphError } from '@/engine/graph/GraphError';

/** All rows of a choice, train and test together (test fraction 0: everything in train). */
function rows(id: DatasetId, over: Partial<DatasetChoice> = {}): Dataset {
  return makeTrainingData({ ...defaultChoice(id), testFraction: 0, ...over }).train;
}

function column(d: Dataset, side: 'inputs' | 'targets', k: number): number[] {
  return d[side].map((r) => r[k]!);
}

const CLASSIFICATION_2D: DatasetId[] = ['circle', 'xor', 'two-gaussians', 'spiral', 'moons', 'checkerboard'];

describe('the dataset list', () => {
  it('describes every id once, with loss and output transform fitting its task', () => {
    expect(DATASETS.map((d) => d.id)).toEqual([...DATASET_IDS]);
    for (const info of DATASETS) {
      if (info.task === 'regression') expect([info.loss, info.outputTransform]).toEqual(['mse', 'identity']);
      else expect([info.loss, info.outputTransform]).toEqual(['cross_entropy', info.outputs === 1 ? 'sigmoid' : 'softmax']);
      expect(info.why.length).toBeGreaterThan(20);
    }
  });

  it.each(DATASET_IDS.map((id) => [id]))('%s: sizes, widths and names match its description', (id) => {
    const info = datasetInfo(id);
    const data = makeTrainingData({ ...defaultChoice(id), testFraction: 0.25 });
    const n = data.train.inputs.length + (data.test?.inputs.length ?? 0);
    expect(n).toBe(id === 'iris' ? 150 : info.defaults.samples);
    expect(data.test?.inputs.length).toBe(Math.round(n * 0.25));
    expect(data.task).toBe(info.task);
    for (const part of [data.train, data.test!]) {
      expect(part.inputs.every((r) => r.length === info.inputs && r.every(Number.isFinite))).toBe(true);
      expect(part.targets.every((r) => r.length === info.outputs && r.every(Number.isFinite))).toBe(true);
    }
    expect(data.columns?.inputs).toHaveLength(info.inputs);
    expect(data.columns?.targets).toHaveLength(info.outputs);
    if (info.task === 'classification') expect(data.classes).toHaveLength(Math.max(2, info.outputs));
    else expect(data.classes).toBeUndefined();
  });

  it.each(DATASET_IDS.filter((id) => id !== 'cos-sin').map((id) => [id]))('%s: same seed same data, another seed other data', (id) => {
    const a = makeTrainingData({ ...defaultChoice(id), noise: 0.2, seed: 7 });
    expect(makeTrainingData({ ...defaultChoice(id), noise: 0.2, seed: 7 })).toEqual(a);
    expect(makeTrainingData({ ...defaultChoice(id), noise: 0.2, seed: 8 })).not.toEqual(a);
  });

  it.each(DATASET_IDS.map((id) => [id]))('%s: noise > 0 gives other data than noise 0 (same seed)', (id) => {
    const clean = rows(id, { noise: 0 });
    expect(rows(id, { noise: 0.3 })).not.toEqual(clean);
  });
});

describe('regression', () => {
  it('cos-sin with noise 0 is exactly the seed example data and split', () => {
    const data = makeTrainingData(defaultChoice('cos-sin'));
    expect({ train: data.train, test: data.test }).toEqual(splitDataset(seedData(250), 0.2, 0));
    expect(inputRange(defaultChoice('cos-sin'))).toEqual({ x1: [0, 2 * Math.PI] });
  });

  it('cos-sin noise is Gaussian on the targets with the given standard deviation, inputs untouched', () => {
    const clean = rows('cos-sin', { samples: 2000 });
    const noisy = rows('cos-sin', { samples: 2000, noise: 0.1 });
    expect(noisy.inputs).toEqual(clean.inputs);
    const diffs = noisy.targets.flatMap((r, i) => r.map((v, k) => v - clean.targets[i]![k]!));
    const mean = diffs.reduce((s, v) => s + v, 0) / diffs.length;
    const sd = Math.sqrt(diffs.reduce((s, v) => s + (v - mean) ** 2, 0) / diffs.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sd).toBeGreaterThan(0.09);
    expect(sd).toBeLessThan(0.11);
  });

  it('plane: inputs in [-6, 6]^2, target (x1 + x2) / 10 without noise', () => {
    const d = rows('plane');
    for (const [i, [x1, x2]] of d.inputs.entries()) {
      expect(Math.abs(x1!)).toBeLessThanOrEqual(6);
      expect(Math.abs(x2!)).toBeLessThanOrEqual(6);
      expect(d.targets[i]![0]).toBeCloseTo((x1! + x2!) / 10, 12);
    }
    expect(inputRange(defaultChoice('plane'))).toEqual({ x1: [-6, 6], x2: [-6, 6] });
  });

  it('plane noise blurs the target, not the inputs', () => {
    const clean = rows('plane');
    const noisy = rows('plane', { noise: 0.5 });
    expect(noisy.inputs).toEqual(clean.inputs); // the same points (noise draws are taken even at noise 0)...
    const off = noisy.inputs.filter((r, i) => Math.abs(noisy.targets[i]![0]! - (r[0]! + r[1]!) / 10) > 0.05).length;
    expect(off / noisy.inputs.length).toBeGreaterThan(0.5); // ...but most targets are no longer the plane's value
  });

  it('sum of Gaussians: targets within [-1, 1], +1 at (-4, 2.5) and -1 at (0, 2.5) neighbourhoods', () => {
    const d = rows('gaussians', { samples: 3000 });
    expect(column(d, 'targets', 0).every((v) => v >= -1 && v <= 1)).toBe(true);
    d.inputs.forEach(([x, y], i) => {
      if (Math.hypot(x! + 4, y! - 2.5) < 0.5) expect(d.targets[i]![0]).toBeGreaterThan(0.7);
      if (Math.hypot(x!, y! - 2.5) < 0.5) expect(d.targets[i]![0]).toBeLessThan(-0.7);
    });
  });

  it.each([
    ['sin', Math.sin],
    ['abs', Math.abs],
    ['step', (x: number) => (x < 0 ? -1 : 1)],
    ['square', (x: number) => x * x],
  ] as const)('function %s: x in [-3, 3], target f(x)', (fn, f) => {
    const data = makeTrainingData({ ...defaultChoice('function'), fn, testFraction: 0 });
    expect(data.columns?.targets).toHaveLength(1);
    for (const [i, [x]] of data.train.inputs.entries()) {
      expect(x).toBeGreaterThanOrEqual(-3);
      expect(x).toBeLessThanOrEqual(3);
      expect(data.train.targets[i]![0]).toBeCloseTo(f(x!), 12);
    }
  });
});

describe('classification', () => {
  it.each(CLASSIFICATION_2D.map((id) => [id]))('%s: one 0/1 target, both classes present and about balanced, points near [-6, 6]^2', (id) => {
    const d = rows(id, { samples: 1000 });
    const ones = column(d, 'targets', 0);
    expect(ones.every((v) => v === 0 || v === 1)).toBe(true);
    const share = ones.filter((v) => v === 1).length / ones.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    // two Gaussians have unbounded tails: allow a few points outside
    const outside = d.inputs.filter((r) => r.some((v) => Math.abs(v) > 6)).length;
    expect(outside).toBeLessThanOrEqual(id === 'two-gaussians' ? 10 : 0);
  });

  it('circle without noise: class 1 exactly the points inside radius 2.5, exactly half', () => {
    const d = rows('circle', { samples: 500 });
    d.inputs.forEach(([x, y], i) => expect(d.targets[i]![0]).toBe(Math.hypot(x!, y!) < 2.5 ? 1 : 0));
    expect(column(d, 'targets', 0).filter((v) => v === 1)).toHaveLength(250);
  });

  it('circle noise flips labels near the gap only sometimes (labels read at a shifted point)', () => {
    const d = rows('circle', { samples: 1000, noise: 0.3 });
    const wrong = d.inputs.filter(([x, y], i) => (Math.hypot(x!, y!) < 2.5 ? 1 : 0) !== d.targets[i]![0]).length;
    expect(wrong).toBeGreaterThan(10);
    expect(wrong).toBeLessThan(500);
  });

  it('XOR without noise: class 1 where x1 * x2 >= 0, points kept 0.3 off the axes', () => {
    const d = rows('xor', { samples: 500 });
    d.inputs.forEach(([x, y], i) => {
      expect(Math.min(Math.abs(x!), Math.abs(y!))).toBeGreaterThanOrEqual(0.3);
      expect(d.targets[i]![0]).toBe(x! * y! >= 0 ? 1 : 0);
    });
  });

  it('two Gaussians: class 1 centred at (2, 2), class 0 at (-2, -2); noise widens them', () => {
    const spread = (noise: number) => {
      const d = rows('two-gaussians', { samples: 2000, noise });
      const pos = d.inputs.filter((_, i) => d.targets[i]![0] === 1);
      const mean = pos.reduce((s, r) => s + r[0]!, 0) / pos.length;
      const sd = Math.sqrt(pos.reduce((s, r) => s + (r[0]! - mean) ** 2, 0) / pos.length);
      return { mean, sd };
    };
    const clean = spread(0);
    expect(clean.mean).toBeCloseTo(2, 0);
    expect(clean.sd).toBeCloseTo(Math.sqrt(0.5), 1);
    expect(spread(0.5).sd).toBeCloseTo(2, 0); // variance 4
  });

  it('spiral: two arms of equal size, each point at radius growing along its arm', () => {
    const d = rows('spiral', { samples: 500 });
    const arm = d.inputs.filter((_, i) => d.targets[i]![0] === 1);
    expect(arm).toHaveLength(250);
    const radii = arm.map(([x, y]) => Math.hypot(x!, y!));
    radii.forEach((r, i) => expect(r).toBeCloseTo((i / 250) * 5, 10));
    // The other arm is the first rotated by half a turn.
    const other = d.inputs.filter((_, i) => d.targets[i]![0] === 0);
    other.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(-arm[i]![0]!, 10);
      expect(y).toBeCloseTo(-arm[i]![1]!, 10);
    });
  });

  it('spiral noise jitters points by at most noise on each axis', () => {
    const clean = rows('spiral');
    const noisy = rows('spiral', { noise: 0.4 });
    const shifts = noisy.inputs.flatMap((r, i) => r.map((v, k) => Math.abs(v - clean.inputs[i]![k]!)));
    expect(Math.max(...shifts)).toBeLessThanOrEqual(0.4);
    expect(Math.max(...shifts)).toBeGreaterThan(0.3);
    expect(noisy.targets).toEqual(clean.targets);
  });

  it('moons: class 1 the upper arc, class 0 the lower, interleaved', () => {
    const d = rows('moons', { samples: 400 });
    const upper = d.inputs.filter((_, i) => d.targets[i]![0] === 1);
    const lower = d.inputs.filter((_, i) => d.targets[i]![0] === 0);
    expect(upper).toHaveLength(200);
    // Every upper point lies on a circle of radius 3 around (-1.5, -0.75); every lower one around (1.5, 0.75).
    upper.forEach(([x, y]) => expect(Math.hypot(x! + 1.5, y! + 0.75)).toBeCloseTo(3, 10));
    lower.forEach(([x, y]) => expect(Math.hypot(x! - 1.5, y! - 0.75)).toBeCloseTo(3, 10));
  });

  it('checkerboard: the class alternates between neighbouring squares of side 2.5', () => {
    const d = rows('checkerboard', { samples: 2000 });
    d.inputs.forEach(([x, y], i) => {
      const parity = (Math.floor((x! + 5) / 2.5) + Math.floor((y! + 5) / 2.5)) % 2;
      expect(d.targets[i]![0]).toBe(parity === 0 ? 1 : 0);
    });
  });

  it('three spirals: one-hot over 3 columns, a third each', () => {
    const data = makeTrainingData({ ...defaultChoice('three-spirals'), testFraction: 0 });
    const counts = [0, 0, 0];
    for (const t of data.train.targets) {
      expect(t.reduce((s, v) => s + v, 0)).toBe(1);
      counts[t.indexOf(1)]!++;
    }
    expect(counts).toEqual([200, 200, 200]);
    expect(data.classes).toEqual(['arm 1', 'arm 2', 'arm 3']);
  });

  it('Iris: 150 flowers, 4 standardised inputs, 3 one-hot species of 50 each', () => {
    const data = makeTrainingData({ ...defaultChoice('iris'), testFraction: 0 });
    const d = data.train;
    expect(d.inputs).toHaveLength(150);
    for (let k = 0; k < 4; k++) {
      const col = column(d, 'inputs', k);
      const mean = col.reduce((s, v) => s + v, 0) / col.length;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length);
      expect(mean).toBeCloseTo(0, 10);
      expect(sd).toBeCloseTo(1, 10);
    }
    const counts = [0, 0, 0];
    for (const t of d.targets) {
      expect(t.reduce((s, v) => s + v, 0)).toBe(1);
      counts[t.indexOf(1)]!++;
    }
    expect(counts).toEqual([50, 50, 50]);
    expect(data.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(data.columns?.inputs).toEqual(['sepal length', 'sepal width', 'petal length', 'petal width']);
    // Setosa has the shortest petals: its standardised petal length is below every other species'.
    const petal = (c: number) => d.inputs.filter((_, i) => d.targets[i]![c] === 1).map((r) => r[2]!);
    expect(Math.max(...petal(0))).toBeLessThan(Math.min(...petal(1), ...petal(2)));
  });
});

describe('features and choices', () => {
  it('appends the chosen features in canonical order to 2-input data', () => {
    const plain = makeTrainingData({ ...defaultChoice('circle'), testFraction: 0 });
    const more = makeTrainingData({ ...defaultChoice('circle'), testFraction: 0, features: ['sin x2', 'x1*x2'] });
    expect(more.columns?.inputs).toEqual(['x1', 'x2', 'x1*x2', 'sin x2']);
    more.train.inputs.forEach((r, i) => {
      const [x1, x2] = plain.train.inputs[i]!;
      expect(r).toEqual([x1, x2, x1! * x2!, Math.sin(x2!)]);
    });
  });

  it('refuses features for data without 2 inputs, and bad choices, naming the field', () => {
    const expectError = (c: DatasetChoice, code: string, text: RegExp) => {
      try {
        makeTrainingData(c);
        expect.unreachable();
      } catch (e) {
        expect(isGraphError(e) && e.code).toBe(code);
        expect((e as Error).message).toMatch(text);
      }
    };
    expectError({ ...defaultChoice('iris'), features: ['x1^2'] }, 'data/invalid', /2-input datasets; Iris flowers has 4 inputs/);
    expectError({ ...defaultChoice('spiral'), samples: 0.5 }, 'data/invalid', /dataset\.samples: must be a whole number from 2 to 10000, got 0\.5/);
    expectError({ ...defaultChoice('spiral'), noise: -1 }, 'data/invalid', /dataset\.noise/);
    expectError({ ...defaultChoice('spiral'), testFraction: 1 }, 'data/invalid', /dataset\.testFraction/);
    expectError({ ...defaultChoice('spiral'), id: 'mnist' as DatasetId }, 'data/invalid', /dataset\.id: must be one of cos-sin/);
  });

  it('never mutates the choice it is given', () => {
    const choice: DatasetChoice = { ...defaultChoice('xor'), features: ['x2^2', 'x1^2'] };
    const copy = structuredClone(choice);
    makeTrainingData(choice);
    expect(choice).toEqual(copy);
  });
});
