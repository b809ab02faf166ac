// The loss chart's store: what the worker's progress reports and the run's events (edits, divergence, reset,
// recovery) add up to, memory-bounded (components/charts/lossHistory.ts). Fed by the training session; read by
// the charts, which throttle on `version`.
import { create } from 'zustand';
import {
  addMarker,
  appendPoint,
  compactPoints,
  MARKER_CAP,
  emptyHistory,
  pointFromProgress,
  type ChartMarker,
  type LossHistory,
  type LossPoint,
  type MarkerKind,
} from './lossHistory';

/** The fields of a worker `progress` event the chart keeps (the event itself can be passed as is). */
export interface ProgressReport {
  step: number;
  trainLoss: number;
  testLoss?: number | null;
  accuracy?: number | null;
  testAccuracy?: number | null;
}

export interface LossHistoryState {
  points: readonly LossPoint[];
  markers: readonly ChartMarker[];
  /** Grows by one with every change; the charts subscribe to it. */
  version: number;
  /**
   * Appends one progress report. A repeated step is ignored; step 0 after a later step starts over (a new run);
   * another lower step rewinds (points after it go; markers stay), as after a divergence or a worker restart.
   */
  record: (progress: ProgressReport) => void;
  /** Adds a labelled marker at `step` (for an edit, a divergence, a reset, a worker restart). */
  mark: (step: number, label: string, kind: MarkerKind, detail?: string) => void;
  /** Forgets every point and marker (a new document, a reset). */
  clear: () => void;
  /** Starts from a saved history (a reload, an imported file): points thinned to the cap, the newest markers. */
  restore: (points: readonly LossPoint[], markers: readonly Omit<ChartMarker, 'id'>[]) => void;
}

/** The chart history of the current run (see `LossHistoryState`). */
export const useLossHistory = create<LossHistoryState & Omit<LossHistory, 'points' | 'markers'>>((set, get) => {
  const commit = (next: LossHistory) => {
    const s = get();
    if (next.points === s.points && next.markers === s.markers) return;
    set({ ...next, version: s.version + 1 });
  };
  return {
    ...emptyHistory(),
    version: 0,
    record: (progress) => {
      if (!Number.isFinite(progress.step)) return;
      commit(appendPoint(get(), pointFromProgress(progress)));
    },
    mark: (step, label, kind, detail) => {
      commit(addMarker(get(), detail === undefined ? { step, label, kind } : { step, label, kind, detail }));
    },
    clear: () => {
      if (get().points.length > 0 || get().markers.length > 0) commit({ ...emptyHistory(), nextMarkerId: get().nextMarkerId });
    },
    restore: (points, markers) => {
      let next: LossHistory = { ...emptyHistory(), nextMarkerId: get().nextMarkerId };
      for (const m of markers.slice(-MARKER_CAP)) next = addMarker(next, m);
      next = { ...next, points: compactPoints(points), markersAtLastPoint: next.markers.length };
      commit(next);
    },
  };
});
