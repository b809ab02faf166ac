// planRows assigns the rows planLayout does (the typed-array executor's dropout masks and views depend on it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planLayout, planRows } from '../../../engine/compile/layout';
import { irregularDag } from '../../bench/irregularDag';
import { arbNetwork } from '../../helpers/factories';

describe('planRows', () => {
  it('gives every neuron the row, and every level the keep probabilities, that planLayout gives', () => {
    fc.assert(
      fc.property(arbNetwork({ dropout: true, maxHidden: 12 }), (net) => {
        const full = planLayout(net);
        const rows = planRows(net);
        expect(rows.rows).toBe(full.rows);
        expect([...rows.rowOf].sort()).toEqual([...full.rowOf].sort());
        expect(Array.from(rows.outputRows)).toEqual(Array.from(full.outputRows));
        expect(rows.inputKeep).toEqual(full.inputKeep);
        expect(rows.levelCount).toBe(full.levelCount);
        expect(rows.levels.map((l) => [l.rowStart, l.keep])).toEqual(full.levels.map((l) => [l.rowStart, l.keep]));
      }),
      { numRuns: 60 },
    );
    const big = irregularDag(500);
    expect([...planRows(big).rowOf].sort()).toEqual([...planLayout(big).rowOf].sort());
  });
});
