// The loss chart's data as pure functions over plain arrays: a history of progress points kept memory-bounded
// for long runs (the start is never dropped, recent points stay at full resolution) and labelled markers.
import { describeEdit, type EditOp } from '@/engine/graph/editOps';

/** One progress report: losses (and accuracies, for classification) at optimizer step `step`. */
export interface LossPoint {
  step: number;
  trainLoss: number;
  testLoss?: number;
  accuracy?: number;
  testAccuracy?: number;
}

/** What a marker stands for: an edit that took effect, a divergence, a reset, a worker restart. */
export type MarkerKind = 'edit' | 'diverged' | 'reset' | 'recovered';

/** A labelled vertical line on the chart at the step something happened. */
export interface ChartMarker {
  /** Unique within a history (a React key). */
  id: number;
  step: number;
  /** Short text drawn on the chart, e.g. "+ 1 -> 6". */
  label: string;
  kind: MarkerKind;
  /** Longer text for the tooltip / title, e.g. a divergence message. */
  detail?: string;
}

export interface LossHistory {
  /** Steps strictly increasing. */
  points: readonly LossPoint[];
  /** Oldest first. */
  markers: readonly ChartMarker[];
  /** Next marker id. */
  nextMarkerId: number;
  /** Number of markers present when the last point was recorded (markers after it belong to what comes next). */
  markersAtLastPoint: number;
}

/** Most points held; above it the older part is thinned. */
export const POINT_CAP = 2000;
/** The most recent points, always kept at full resolution. */
export const RECENT_POINTS = 1000;
/** Most markers held (the oldest go first). */
export const MARKER_CAP = 200;

export function emptyHistory(): LossHistory {
  return { points: [], markers: [], nextMarkerId: 1, markersAtLastPoint: 0 };
}

/** A point from a worker `progress` report (nulls, and non-numbers, become absent fields). */
export function pointFromProgress(p: {
  step: number;
  trainLoss: number;
  testLoss?: number | null;
  accuracy?: number | null;
  testAccuracy?: number | null;
}): LossPoint {
  const point: LossPoint = { step: p.step, trainLoss: p.trainLoss };
  if (typeof p.testLoss === 'number') point.testLoss = p.testLoss;
  if (typeof p.accuracy === 'number') point.accuracy = p.accuracy;
  if (typeof p.testAccuracy === 'number') point.testAccuracy = p.testAccuracy;
  return point;
}

/**
 * Thins the older part of `points` when there are more than `cap`: the first point and the last `recent` points
 * are kept as they are; the rest keeps the first point of each step bucket, the bucket width being the smallest
 * power of two that leaves at most half of the budget, so the older part stays evenly spread over steps. Returns `points` itself
 * when nothing needs to go.
 */
export function compactPoints(
  points: readonly LossPoint[],
  cap = POINT_CAP,
  recent = RECENT_POINTS,
): readonly LossPoint[] {
  if (points.length <= cap) return points;
  const keepRecent = Math.min(recent, cap - 2);
  const first = points[0]!;
  const olderEnd = points.length - keepRecent;
  const budget = Math.max(1, Math.floor((cap - 1 - keepRecent) / 2));
  const span = points[olderEnd - 1]!.step - first.step;
  // A power of two: each grid refines the next one, so thinning thinned points keeps exactly what thinning the
  // full history at that width would keep (the first point of each bucket), and the spread stays even.
  const width = 2 ** Math.max(0, Math.ceil(Math.log2(span / budget)));
  const older: LossPoint[] = [];
  let lastBucket = 0; // bucket 0 is represented by the first point
  for (let i = 1; i < olderEnd; i++) {
    const p = points[i]!;
    const bucket = Math.floor((p.step - first.step) / width);
    if (bucket !== lastBucket) {
      older.push(p);
      lastBucket = bucket;
    }
  }
  return [first, ...older, ...points.slice(olderEnd)];
}

/**
 * Adds a point. A step equal to the last one is ignored. A step lower than the last one means either a new run
 * (step 0: start over, dropping the points and the markers of the old run) or a rewind to restored parameters
 * (a divergence, a worker restart: points after that step are dropped, markers kept).
 */
export function appendPoint(history: LossHistory, point: LossPoint, cap = POINT_CAP, recent = RECENT_POINTS): LossHistory {
  const points = history.points;
  const last = points[points.length - 1];
  if (last !== undefined && point.step === last.step) return history;
  if (last !== undefined && point.step < last.step) {
    if (point.step <= 0) {
      // Markers made for the new run before its first report (e.g. a "reset" marker) survive.
      const markers = history.markers.slice(history.markersAtLastPoint).filter((m) => m.step <= point.step);
      return { ...history, points: [point], markers, markersAtLastPoint: markers.length };
    }
    let keep = points.length;
    while (keep > 0 && points[keep - 1]!.step >= point.step) keep--;
    return {
      ...history,
      points: [...points.slice(0, keep), point],
      markersAtLastPoint: history.markers.length,
    };
  }
  return {
    ...history,
    points: compactPoints([...points, point], cap, recent),
    markersAtLastPoint: history.markers.length,
  };
}

/** Adds a marker, dropping the oldest beyond `cap`. */
export function addMarker(
  history: LossHistory,
  marker: Omit<ChartMarker, 'id'>,
  cap = MARKER_CAP,
): LossHistory {
  const added: ChartMarker = { id: history.nextMarkerId, step: marker.step, label: marker.label, kind: marker.kind };
  if (marker.detail !== undefined && marker.detail !== '') added.detail = marker.detail;
  const all = [...history.markers, added];
  const dropped = Math.max(0, all.length - cap);
  return {
    ...history,
    markers: dropped > 0 ? all.slice(dropped) : all,
    nextMarkerId: history.nextMarkerId + 1,
    markersAtLastPoint: Math.max(0, history.markersAtLastPoint - dropped),
  };
}

/**
 * One short label for a batch of edit operations sent together: the single op's `describeEdit`, the labels joined
 * with ", " when they fit in `maxLength` characters, else the first label and how many more.
 * @example markerLabel([{ op: 'addConnections', connections: [['1', '6']] }]) // '+ 1 -> 6'
 * @example markerLabel([addA, addB, dropout]) // '+ 1 -> 6 and 2 more edits' when too long
 */
export function markerLabel(ops: readonly EditOp[], maxLength = 40): string {
  const labels = ops.map(describeEdit).filter((l, i, all) => all.indexOf(l) === i);
  if (labels.length === 0) return 'edit';
  const joined = labels.join(', ');
  if (labels.length === 1 || joined.length <= maxLength) return joined;
  const more = labels.length - 1;
  return `${labels[0]} and ${more} more edit${more === 1 ? '' : 's'}`;
}

/**
 * The markers that belong to the point at `index` when hovering it: those after the previous point's step, up to
 * this point's step (the first point also takes markers at or before it).
 */
export function markersNear(points: readonly LossPoint[], markers: readonly ChartMarker[], index: number): ChartMarker[] {
  const point = points[index];
  if (point === undefined) return [];
  const previous = index > 0 ? points[index - 1]!.step : -Infinity;
  return markers.filter((m) => m.step > previous && m.step <= point.step);
}
