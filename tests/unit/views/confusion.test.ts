// Confusion matrices from a page-side evaluation, class names, and the plane's class shares.
import { describe, expect, it } from 'vitest';
import { classNames, classOf, confusionMatrix } from '@/components/views/confusion';
import { classShares, regionCount } from '@/components/views/regions';

describe('classOf', () => {
  it('reads one column by threshold and several by the largest', () => {
    expect(classOf([0.7])).toBe(1);
    expect(classOf([0.2])).toBe(0);
    expect(classOf([-0.2], 0)).toBe(0);
    expect(classOf([0.1, 0.7, 0.2])).toBe(1);
  });
});

describe('confusionMatrix', () => {
  it('counts actual against predicted, one-hot targets', () => {
    const rows = { inputs: [[0], [1], [2], [2]], targets: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]] };
    // Predicts class round(x) but calls every 2 a 1.
    const m = confusionMatrix((x) => [0, 1, 2].map((k) => (Math.min(1, x[0]!) === k ? 1 : 0)), rows);
    expect(m).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 2, 0],
    ]);
  });

  it('makes a 2 x 2 matrix for a single 0/1 column', () => {
    const m = confusionMatrix((x) => [x[0]! > 0 ? 0.9 : 0.1], { inputs: [[1], [-1], [1]], targets: [[1], [1], [0]] });
    expect(m).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});

describe('classNames', () => {
  it('uses the data’s names when they fit', () => {
    expect(classNames(3, ['setosa', 'versicolor', 'virginica'])).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(classNames(3)).toEqual(['class 1', 'class 2', 'class 3']);
    expect(classNames(2)).toEqual(['0', '1']);
  });
});

describe('classShares', () => {
  it('splits a sigmoid output at its threshold', () => {
    const shares = classShares(new Float32Array([0.1, 0.2, 0.8, 0.9]), 1, { kind: 'diverging', lo: 0, hi: 1, threshold: 0.5 });
    expect(shares).toEqual([0.5, 0.5]);
    expect(regionCount(shares)).toBe(2);
  });

  it('counts one region when the plane is one colour', () => {
    const shares = classShares(new Float32Array([0.6, 0.7, 0.8, 0.9]), 1, { kind: 'diverging', lo: 0, hi: 1, threshold: 0.5 });
    expect(regionCount(shares)).toBe(1);
  });

  it('takes the largest of several outputs', () => {
    const shares = classShares([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1], 3, { kind: 'classes', count: 3 });
    expect(shares).toEqual([0.25, 0.25, 0.5]);
  });
});
