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
  /** Whether thumbnails of each neuron are drawn on the canvas. */
  showNeurons: boolean;
  /** The neuron under the pointer (its view is shown large), with where to show it (page pixels). */
  hovered: { id: string; x: number; y: number } | null;
  /** How many mounted views want frames (heatmap, thumbnails, the confusion matrix). */
  watchers: number;
}

export const useViewStore = create<ViewState>(() => ({ frame: null, showNeurons: true, hovered: null, watchers: 0 }));

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
