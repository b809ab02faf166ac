// The loss chart's history: bounded memory over long runs without losing the start, markers, new runs and rewinds.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addMarker,
  appendPoint,
  compactPoints,
  emptyHistory,
  markerLabel,
  markersNear,
  MARKER_CAP,
  POINT_CAP,
  RECENT_POINTS,
  type LossHistory,
  type LossPoint,
} from '../../../components/charts/lossHistory';
import { useLossHistory } from '../../../components/charts/historyStore';

const point = (step: number): LossPoint => ({ step, trainLoss: 1 / (1 + step) });

function record(h: LossHistory, steps: Iterable<number>): LossHistory {
  for (const s of steps) h = appendPoint(h, point(s));
  return h;
}

function* range(from: number, to: number, by = 1) {
  for (let s = from; s < to; s += by) yield s;
}

describe('appendPoint and compactPoints', () => {
  it('keeps every point up to the cap', () => {
    const h = record(emptyHistory(), range(0, POINT_CAP));
    expect(h.points.map((p) => p.step)).toEqual([...range(0, POINT_CAP)]);
  });

  it('stays bounded over 100,000 records, keeps the first point and the recent ones at full resolution', () => {
    let h = emptyHistory();
    let max = 0;
    for (let s = 0; s < 100_000; s++) {
      h = appendPoint(h, point(s));
      max = Math.max(max, h.points.length);
    }
    expect(max).toBeLessThanOrEqual(POINT_CAP);
    const steps = h.points.map((p) => p.step);
    expect(steps[0]).toBe(0);
    expect(h.points[0]).toEqual(point(0));
    expect(steps.slice(-RECENT_POINTS)).toEqual([...range(100_000 - RECENT_POINTS, 100_000)]);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!);
    // The thinned part is evenly spread over steps (one gap width), and fine enough to show the curve's shape.
    const older = steps.slice(0, steps.length - RECENT_POINTS + 1);
    const gaps = older.slice(1).map((s, i) => s - older[i]!);
    const thinned = gaps.filter((g) => g > 1);
    // (The last one joins the thinned part to the points aged out of the recent window since the last thinning.)
    expect(new Set(thinned.slice(0, -1)).size).toBe(1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(100_000 / 250);
  });

  it('thins only the older part, never the first point', () => {
    const points = [...range(0, POINT_CAP + 1)].map(point);
    const out = compactPoints(points);
    expect(out.length).toBeLessThan(points.length);
    expect(out[0]).toBe(points[0]);
    expect(out.slice(-RECENT_POINTS)).toEqual(points.slice(-RECENT_POINTS));
    expect(compactPoints(points.slice(0, 10))).toEqual(points.slice(0, 10));
  });

  it('works with irregular steps (progress reports many steps apart)', () => {
    let h = emptyHistory();
    let s = 0;
    for (let i = 0; i < 20_000; i++) {
      h = appendPoint(h, point(s));
      s += 1 + (i % 37);
    }
    expect(h.points.length).toBeLessThanOrEqual(POINT_CAP);
    expect(h.points[0]!.step).toBe(0);
  });

  it('ignores a repeated step', () => {
    const h = record(emptyHistory(), [0, 5, 10]);
    expect(appendPoint(h, { step: 10, trainLoss: 9 })).toBe(h);
  });

  it('starts over when the step goes back to 0 (a new run)', () => {
    let h = record(emptyHistory(), [0, 5, 10]);
    h = addMarker(h, { step: 5, label: '+ 1 -> 6', kind: 'edit' });
    h = addMarker(h, { step: 0, label: 'reset', kind: 'reset' });
    h = appendPoint(h, point(0));
    expect(h.points.map((p) => p.step)).toEqual([0]);
    // The old run's edit marker is gone; the reset marker made for the new run stays.
    expect(h.markers.map((m) => m.label)).toEqual(['reset']);
  });

  it('rewinds to a lower step (divergence, worker restart), keeping the markers', () => {
    let h = record(emptyHistory(), [0, 10, 20, 30, 40]);
    h = addMarker(h, { step: 40, label: 'diverged', kind: 'diverged', detail: 'the loss became NaN by step 40' });
    h = appendPoint(h, point(25));
    expect(h.points.map((p) => p.step)).toEqual([0, 10, 20, 25]);
    expect(h.markers).toHaveLength(1);
    h = appendPoint(h, point(30));
    expect(h.points.map((p) => p.step)).toEqual([0, 10, 20, 25, 30]);
  });

  it('takes the optional fields from progress reports', () => {
    const h = useLossHistory.getState();
    h.clear();
    h.record({ step: 1, trainLoss: 0.5, testLoss: null, accuracy: 0.8, testAccuracy: null });
    expect(useLossHistory.getState().points).toEqual([{ step: 1, trainLoss: 0.5, accuracy: 0.8 }]);
  });
});

describe('markers', () => {
  it('are bounded, oldest dropped first, with unique ids', () => {
    let h = emptyHistory();
    for (let i = 0; i < MARKER_CAP + 50; i++) h = addMarker(h, { step: i, label: `m${i}`, kind: 'edit' });
    expect(h.markers).toHaveLength(MARKER_CAP);
    expect(h.markers[0]!.label).toBe('m50');
    expect(new Set(h.markers.map((m) => m.id)).size).toBe(MARKER_CAP);
  });

  it('markerLabel combines several ops into one short label', () => {
    expect(markerLabel([{ op: 'addConnections', connections: [['1', '6']] }])).toBe('+ 1 -> 6');
    expect(
      markerLabel([
        { op: 'addConnections', connections: [['1', '6']] },
        { op: 'removeNeurons', ids: ['9'] },
      ]),
    ).toBe('+ 1 -> 6, - neuron 9');
    const long = markerLabel([
      { op: 'addConnections', connections: [['1', '6']] },
      { op: 'setDropout', p: 0.1 },
      { op: 'removeNeurons', ids: ['9'] },
    ]);
    expect(long).toBe('+ 1 -> 6 and 2 more edits');
    expect(markerLabel([])).toBe('edit');
  });

  it('markersNear finds the markers between the previous point and the hovered one', () => {
    let h = record(emptyHistory(), [0, 10, 20]);
    h = addMarker(h, { step: 15, label: 'a', kind: 'edit' });
    h = addMarker(h, { step: 20, label: 'b', kind: 'edit' });
    expect(markersNear(h.points, h.markers, 2).map((m) => m.label)).toEqual(['a', 'b']);
    expect(markersNear(h.points, h.markers, 1)).toEqual([]);
  });
});

describe('useLossHistory', () => {
  beforeEach(() => useLossHistory.getState().clear());

  it('records, marks, bumps the version on changes only, and clears', () => {
    const s = useLossHistory.getState();
    const v0 = useLossHistory.getState().version;
    s.record({ step: 0, trainLoss: 1 });
    s.record({ step: 0, trainLoss: 1 });
    s.record({ step: 3, trainLoss: 0.5, testLoss: 0.6 });
    expect(useLossHistory.getState().version).toBe(v0 + 2);
    s.mark(3, '+ 1 -> 6', 'edit');
    s.mark(3, 'diverged', 'diverged', 'the loss became NaN');
    const state = useLossHistory.getState();
    expect(state.points).toHaveLength(2);
    expect(state.markers.map((m) => [m.label, m.kind, m.detail])).toEqual([
      ['+ 1 -> 6', 'edit', undefined],
      ['diverged', 'diverged', 'the loss became NaN'],
    ]);
    s.clear();
    expect(useLossHistory.getState().points).toEqual([]);
    expect(useLossHistory.getState().markers).toEqual([]);
  });

  it('holds at most the cap over a long run', () => {
    const s = useLossHistory.getState();
    for (let step = 0; step < 10_000; step++) s.record({ step, trainLoss: 1 });
    expect(useLossHistory.getState().points.length).toBeLessThanOrEqual(POINT_CAP);
  });
});
