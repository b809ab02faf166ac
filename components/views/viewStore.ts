// The latest view the worker computed (outputs over the input plane or line, each neuron's activation, the
// confusion matrix), kept out of the document store: thumbnails read it imperatively, so a new frame a few
// times a second redraws canvases without re-rendering React Flow.
import { create } from 'zustand';
import type { ViewRequest } from '@/engine/runtime/protocol';

/** One answer to a `view` request, with each neuron's values as its own (shared-buffer) slice. */
export interface ViewFrame {
  request: ViewRequest;
  step: number;
  /** Points x outputs, row-major. */
  outputs: Float32Array;
  /** Outputs per point. */
  nOutputs: number;
  /** Points: resolution^2 (plane) or resolution (line). */
  points: number;
  /** Post-activation values of each neuron over the points, when asked for. */
  neurons: ReadonlyMap<string, Float32Array> | null;
  /** Counts by [actual][predicted] class, for classification. */
  confusion: number[][] | null;
}

export interface ViewState {
  frame: ViewFrame | null;
  /**
   * Whether thumbnails of each neuron are drawn on the canvas: 'auto' (the default) draws them up to
   * `AUTO_THUMBNAILS_MAX` neurons; true or false is the person's choice.
   */
  showNeurons: boolean | 'auto';
  /** The neuron under the pointer (its view is shown large), with where to show it (page pixels). */
  hovered: { id: string; x: number; y: number } | null;
  /** How many mounted views want frames (heatmap, thumbnails, the confusion matrix). */
  watchers: number;
}

export const useViewStore = create<ViewState>(() => ({ frame: null, showNeurons: 'auto', hovered: null, watchers: 0 }));

/**
 * Above this many neurons thumbnails start off: each is a <canvas> the browser composites as a layer of its own, and
 * 500 of them made every frame of the page cost ~10x more to layerize (measured with `npm run bench:canvas`).
 */
export const AUTO_THUMBNAILS_MAX = 150;

/** Whether thumbnails are drawn for a network of `neuronCount` neurons. */
export function thumbnailsOn(showNeurons: ViewState['showNeurons'], neuronCount: number): boolean {
  return showNeurons === 'auto' ? neuronCount <= AUTO_THUMBNAILS_MAX : showNeurons;
}

/** Registers a view on screen; returns the function that unregisters it. */
export function watchViews(): () => void {
  useViewStore.setState((s) => ({ watchers: s.watchers + 1 }));
  let done = false;
  return () => {
    if (done) return;
    done = true;
    useViewStore.setState((s) => ({ watchers: Math.max(0, s.watchers - 1) }));
  };
}

/** Points of a request: resolution^2 for the plane, resolution for the line. */
export function requestPoints(request: ViewRequest): number {
  return request.kind === 'plane' ? request.resolution * request.resolution : request.resolution;
}

/**
 * A frame from the worker's message: checks the arrays' lengths against the request (a mismatch is dropped as
 * null rather than drawn wrong) and slices each neuron's values without copying.
 */
export function frameFromMessage(message: {
  step: number;
  request: ViewRequest;
  outputs: Float32Array;
  neurons?: { ids: string[]; values: Float32Array };
  confusion?: number[][];
}): ViewFrame | null {
  const points = requestPoints(message.request);
  if (points === 0 || message.outputs.length % points !== 0) return null;
  let neurons: Map<string, Float32Array> | null = null;
  if (message.neurons && message.neurons.values.length === message.neurons.ids.length * points) {
    neurons = new Map();
    const { ids, values } = message.neurons;
    ids.forEach((id, i) => neurons!.set(id, values.subarray(i * points, (i + 1) * points)));
  }
  return {
    request: message.request,
    step: message.step,
    outputs: message.outputs,
    nOutputs: message.outputs.length / points,
    points,
    neurons,
    confusion: message.confusion ?? null,
  };
}

/**
 * Each input neuron's values over the request's points (x1, x2, then the expanded features; or x for a line),
 * scaled to [-1, 1] over the grid so that they read on the thumbnails' fixed scale. Keyed by the network's
 * input ids in order; inputs beyond the request's columns are left out.
 */
export function inputValues(request: ViewRequest, inputIds: readonly string[], expand: (rows: number[][]) => number[][]): Map<string, Float32Array> {
  const rows: number[][] = [];
  if (request.kind === 'plane') {
    const n = request.resolution;
    const at = (range: [number, number], i: number) => range[0] + ((range[1] - range[0]) * i) / Math.max(1, n - 1);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) rows.push([at(request.x1, c), at(request.x2, r)]);
  } else {
    const n = request.resolution;
    for (let i = 0; i < n; i++) rows.push([request.x[0] + ((request.x[1] - request.x[0]) * i) / Math.max(1, n - 1)]);
  }
  const expanded = request.kind === 'plane' ? expand(rows) : rows;
  const out = new Map<string, Float32Array>();
  inputIds.forEach((id, k) => {
    if (k >= (expanded[0]?.length ?? 0)) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of expanded) {
      lo = Math.min(lo, row[k]!);
      hi = Math.max(hi, row[k]!);
    }
    const half = (hi - lo) / 2 || 1;
    const mid = (hi + lo) / 2;
    out.set(id, Float32Array.from(expanded, (row) => (row[k]! - mid) / half));
  });
  return out;
}
