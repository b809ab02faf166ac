// Feature expansion: each feature's value, canonical column order, and no mutation of the rows given.
import { describe, expect, it } from 'vitest';
import { FEATURES, canonicalFeatures, expandRows } from '@/engine/data/features';

describe('expandRows', () => {
  it('appends each feature computed from x1 and x2', () => {
    const x1 = 1.5;
    const x2 = -2;
    expect(expandRows([[x1, x2]], ['x1^2'])).toEqual([[x1, x2, 2.25]]);
    expect(expandRows([[x1, x2]], ['x2^2'])).toEqual([[x1, x2, 4]]);
    expect(expandRows([[x1, x2]], ['x1*x2'])).toEqual([[x1, x2, -3]]);
    expect(expandRows([[x1, x2]], ['sin x1'])).toEqual([[x1, x2, Math.sin(1.5)]]);
    expect(expandRows([[x1, x2]], ['sin x2'])).toEqual([[x1, x2, Math.sin(-2)]]);
  });

  it('uses the canonical order whatever order the features are given in, each once', () => {
    expect(canonicalFeatures(['sin x2', 'x1^2', 'sin x2'])).toEqual(['x1^2', 'sin x2']);
    expect(expandRows([[2, 3]], [...FEATURES].reverse())).toEqual([[2, 3, 4, 9, 6, Math.sin(2), Math.sin(3)]]);
  });

  it('with no features copies x1, x2 and never mutates the input', () => {
    const rows = [
      [1, 2],
      [3, 4],
    ];
    const out = expandRows(rows, []);
    expect(out).toEqual(rows);
    expect(out[0]).not.toBe(rows[0]);
    expandRows(rows, ['x1*x2']);
    expect(rows).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
