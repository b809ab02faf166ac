// View requests for the data in use and frames from the worker's answers: sizes checked, neurons sliced.
import { describe, expect, it } from 'vitest';
import type { ViewRequest } from '@/engine/runtime/protocol';
import { frameFromMessage, inputValues, requestPoints } from '@/components/views/viewStore';
import { expandRows } from '@/engine/data/features';
import { LINE_RESOLUTION, PLANE_RESOLUTION, sameGrid, viewRequestFor } from '@/components/views/useViewRequests';

describe('viewRequestFor', () => {
  it('asks for the plane (with the features) for 2 inputs, the line for 1, nothing without a range', () => {
    expect(viewRequestFor({ range: { x1: [-6, 6], x2: [-5, 5] }, features: ['x1^2'] }, true)).toEqual({
      kind: 'plane',
      x1: [-6, 6],
      x2: [-5, 5],
      resolution: PLANE_RESOLUTION,
      features: ['x1^2'],
      neurons: true,
    });
    expect(viewRequestFor({ range: { x1: [0, 1] }, features: [] }, false)).toEqual({ kind: 'line', x: [0, 1], resolution: LINE_RESOLUTION, neurons: false });
    expect(viewRequestFor({ range: null, features: [] }, true)).toBeNull();
  });
});

describe('frameFromMessage', () => {
  const request: ViewRequest = { kind: 'plane', x1: [0, 1], x2: [0, 1], resolution: 2, neurons: true };

  it('counts outputs per point and slices each neuron’s values without copying', () => {
    const values = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const frame = frameFromMessage({ step: 3, request, outputs: new Float32Array(8), neurons: { ids: ['a', 'b'], values } })!;
    expect(requestPoints(request)).toBe(4);
    expect(frame.nOutputs).toBe(2);
    expect(Array.from(frame.neurons!.get('b')!)).toEqual([5, 6, 7, 8]);
    expect(frame.neurons!.get('b')!.buffer).toBe(values.buffer);
    expect(frame.confusion).toBeNull();
  });

  it('drops outputs that do not fit the request, and neuron values of the wrong length', () => {
    expect(frameFromMessage({ step: 0, request, outputs: new Float32Array(5) })).toBeNull();
    const frame = frameFromMessage({ step: 0, request, outputs: new Float32Array(4), neurons: { ids: ['a'], values: new Float32Array(3) }, confusion: [[1]] })!;
    expect(frame.neurons).toBeNull();
    expect(frame.confusion).toEqual([[1]]);
  });
});

describe('inputValues', () => {
  it('gives each input its column over the grid, scaled to [-1, 1], features included', () => {
    const request: ViewRequest = { kind: 'plane', x1: [-2, 2], x2: [0, 4], resolution: 3, features: ['x1*x2'], neurons: true };
    const values = inputValues(request, ['a', 'b', 'c'], (rows) => expandRows(rows, ['x1*x2']));
    // Points run row by row (row = x2 index): x1 = -2, 0, 2 along a row.
    expect(Array.from(values.get('a')!.slice(0, 3))).toEqual([-1, 0, 1]);
    expect(Array.from(values.get('b')!.filter((_, i) => i % 3 === 0))).toEqual([-1, 0, 1]);
    // x1 * x2 ranges over [-8, 8]: the corner (2, 4) is +1, (-2, 4) is -1.
    expect(values.get('c')![8]).toBe(1);
    expect(values.get('c')![6]).toBe(-1);
  });

  it('maps x along a line and leaves out inputs the request has no column for', () => {
    const values = inputValues({ kind: 'line', x: [0, 10], resolution: 3, neurons: true }, ['x', 'extra'], (r) => r);
    expect(Array.from(values.get('x')!)).toEqual([-1, 0, 1]);
    expect(values.has('extra')).toBe(false);
  });
});

describe('sameGrid', () => {
  it('compares kind, resolution and ranges', () => {
    const a: ViewRequest = { kind: 'plane', x1: [0, 1], x2: [0, 1], resolution: 4, neurons: true };
    expect(sameGrid(a, { ...a, neurons: false })).toBe(true);
    expect(sameGrid(a, { ...a, x2: [0, 2] })).toBe(false);
    expect(sameGrid(a, { kind: 'line', x: [0, 1], resolution: 4, neurons: true })).toBe(false);
  });
});
