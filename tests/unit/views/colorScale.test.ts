// Colour scales and grid -> pixels: the ends of the scale, class colours, discretising, row order (x2 upwards).
import { describe, expect, it } from 'vitest';
import { classColor, colorModeFor, divergingColor, finiteRange, gridToPixels, pointColor } from '@/components/views/colorScale';

describe('divergingColor', () => {
  it('is orange at lo, near-white in the middle, blue at hi, and clamps outside', () => {
    expect(divergingColor(-1, -1, 1)).toEqual([245, 147, 34]);
    expect(divergingColor(0, -1, 1)).toEqual([232, 234, 235]);
    expect(divergingColor(1, -1, 1)).toEqual([8, 119, 189]);
    expect(divergingColor(5, -1, 1)).toEqual([8, 119, 189]);
    expect(divergingColor(NaN, -1, 1)).toEqual([128, 128, 128]);
  });
});

describe('colorModeFor', () => {
  it('picks classes for several outputs, [0, 1] for a sigmoid output, symmetric for regression', () => {
    expect(colorModeFor({ task: 'classification', outputs: 3, transform: 'softmax' })).toEqual({ kind: 'classes', count: 3 });
    expect(colorModeFor({ task: 'classification', outputs: 1, transform: 'sigmoid' })).toEqual({ kind: 'diverging', lo: 0, hi: 1, threshold: 0.5 });
    expect(colorModeFor({ task: 'regression', outputs: 1, transform: 'identity', targetRange: [-3, 2] })).toEqual({ kind: 'diverging', lo: -3, hi: 3, threshold: 0 });
  });
});

describe('pointColor', () => {
  it('discretises at the threshold', () => {
    const mode = { kind: 'diverging', lo: 0, hi: 1, threshold: 0.5 } as const;
    expect(pointColor([0.51], 0, mode, true)).toEqual([8, 119, 189]);
    expect(pointColor([0.49], 0, mode, true)).toEqual([245, 147, 34]);
    expect(pointColor([0.51], 0, mode, false)).not.toEqual([8, 119, 189]);
  });

  it('colours by the largest output, paler when unsure', () => {
    const mode = { kind: 'classes', count: 3 } as const;
    expect(pointColor([0.1, 0.1, 0.8], 0, mode, true)).toEqual([...classColor(2)]);
    const sure = pointColor([0, 0, 1], 0, mode, false);
    const unsure = pointColor([0.3, 0.3, 0.4], 0, mode, false);
    expect(sure).toEqual([...classColor(2)]);
    // An unsure point lies between white and the class colour.
    expect(unsure[0]).toBeGreaterThan(classColor(2)[0]);
  });
});

describe('gridToPixels', () => {
  it('puts the grid’s first row (lowest x2) at the bottom of the image', () => {
    // 2 x 2 grid, one output: row 0 (x2 low) = [-1, -1], row 1 (x2 high) = [1, 1].
    const values = new Float32Array([-1, -1, 1, 1]);
    const px = gridToPixels(values, { resolution: 2, stride: 1, offset: 0, mode: { kind: 'diverging', lo: -1, hi: 1 }, discrete: false });
    expect(px).toHaveLength(16);
    expect(Array.from(px.slice(0, 4))).toEqual([8, 119, 189, 255]); // top-left: high x2 -> blue
    expect(Array.from(px.slice(8, 12))).toEqual([245, 147, 34, 255]); // bottom-left: low x2 -> orange
  });

  it('reads one output of several with stride and offset', () => {
    // 1 x 1 grid with outputs [a, b]; offset 1 reads b.
    const px = gridToPixels([-1, 1], { resolution: 1, stride: 2, offset: 1, mode: { kind: 'diverging', lo: -1, hi: 1 }, discrete: false, alpha: 0.5 });
    expect(Array.from(px)).toEqual([8, 119, 189, 128]);
  });
});

describe('finiteRange', () => {
  it('skips NaN and infinities', () => {
    expect(finiteRange([NaN, 3, -2, Infinity])).toEqual([-2, 3]);
    expect(finiteRange([NaN])).toBeNull();
  });
});
