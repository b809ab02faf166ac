// Axis math of the training charts: log domains and ticks, compact number formats, drawing strides.
import { describe, expect, it } from 'vitest';
import { extent, formatStep, formatValue, innerTicks, linearDomain, logDomain, logTicks, niceDomain, strideIndices } from '../../../components/charts/chartScale';

describe('chartScale', () => {
  it('puts round ticks inside a data-wide domain, without the unrounded ends', () => {
    expect(innerTicks([0, 2 * Math.PI])).toEqual([0, 2, 4, 6]);
    expect(innerTicks([0, 1234])).toEqual([0, 500, 1000]);
    expect(innerTicks([0, 900])).toEqual([0, 250, 500, 750]);
    expect(innerTicks([-1.3, 1.3])).toEqual([-1, 0, 1]);
    expect(innerTicks([-1.1, 0.9])).toEqual([-1, -0.5, 0, 0.5]);
    expect(innerTicks([3, 3])).toEqual([3]);
  });

  it('finds the extent of finite (positive) values', () => {
    expect(extent([3, undefined, NaN, -1, Infinity, 0.5])).toEqual([-1, 3]);
    expect(extent([0, -2, 0.01, 4], true)).toEqual([0.01, 4]);
    expect(extent([NaN, undefined])).toBeNull();
  });

  it('makes whole-decade log domains with decade ticks', () => {
    expect(logDomain([0.0123, 0.6])).toEqual([0.01, 1]);
    expect(logDomain([0.5, 0.5])).toEqual([0.1, 1]);
    expect(logTicks([0.01, 1])).toEqual([0.01, 0.1, 1]);
    expect(logTicks([0.1, 1])).toEqual([0.1, 0.2, 0.5, 1].map((v) => expect.closeTo(v, 12)));
    expect(logTicks([1e-8, 1]).length).toBeLessThanOrEqual(5);
  });

  it('widens linear domains to round numbers', () => {
    expect(niceDomain([-1, 1])).toEqual([-1, 1]);
    expect(niceDomain([-3.04, 1.1])).toEqual([-4, 2]);
    expect(niceDomain([2, 2])).toEqual([1, 3]);
    expect(linearDomain([0.01, 0.93])).toEqual([0, 1]);
  });

  it('formats values and steps compactly', () => {
    expect(formatValue(0.012345)).toBe('0.0123');
    expect(formatValue(0.00015)).toBe('1.5e-4');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatStep(950)).toBe('950');
    expect(formatStep(1234)).toBe('1.23k');
    expect(formatStep(2_500_000)).toBe('2.5M');
  });

  it('strides keep the first and the last index', () => {
    expect(strideIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const s = strideIndices(2000, 600);
    expect(s.length).toBeLessThanOrEqual(601);
    expect(s[0]).toBe(0);
    expect(s[s.length - 1]).toBe(1999);
  });
});
