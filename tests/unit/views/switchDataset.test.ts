// Choosing another dataset in the Data panel: its default size and noise, the same split and seed, the
// features kept only where they apply, a function for 'function'.
import { describe, expect, it } from 'vitest';
import { switchDataset } from '@/components/data/DataPanel';
import { builtinData, rowsRange } from '@/components/data/currentData';
import { defaultChoice } from '@/engine/data/datasets';

describe('switchDataset', () => {
  it('takes the new dataset’s defaults and keeps split and seed', () => {
    const from = { ...defaultChoice('circle'), samples: 123, noise: 0.3, testFraction: 0.4, seed: 9, features: ['x1^2' as const] };
    expect(switchDataset(from, 'spiral')).toEqual({ id: 'spiral', samples: 500, noise: 0, testFraction: 0.4, seed: 9, features: ['x1^2'] });
    expect(switchDataset(from, 'iris')).toEqual({ id: 'iris', samples: 150, noise: 0, testFraction: 0.4, seed: 9 });
    expect(switchDataset(from, 'function')).toMatchObject({ id: 'function', fn: 'sin' });
  });
});

describe('builtinData', () => {
  it('describes the data and gives the views a plane for 2 inputs, a line for 1, nothing for 4', () => {
    const spiral = builtinData({ ...defaultChoice('spiral'), features: ['x1*x2'] });
    expect(spiral.description).toBe('Spiral: 400 train and 100 test points');
    expect(spiral.range?.x2).toBeDefined();
    expect(spiral.features).toEqual(['x1*x2']);
    expect(spiral.data.train.inputs[0]).toHaveLength(3);
    expect(builtinData(defaultChoice('cos-sin')).range).toEqual({ x1: [0, 2 * Math.PI] });
    expect(builtinData(defaultChoice('iris')).range).toBeNull();
  });
});

describe('rowsRange', () => {
  it('pads the data’s extent by 5% and survives a constant column', () => {
    expect(rowsRange([[0, 5], [10, 5]], 2)).toEqual({ x1: [-0.5, 10.5], x2: [4, 6] });
    expect(rowsRange([[1], [3]], 1)).toEqual({ x1: [0.9, 3.1] });
  });
});
