// The live parameters: what the training worker holds right now, keyed by the worker's structure. Written only
// by the page-side runtime (TrainingRuntime) from the worker's `edited` and `params` messages; read by the canvas,
// hover, inspector and fit chart through the selectors below. The document keeps what the person set or saved;
// live values are merged into it only on pause, export, share, autosave and a periodic checkpoint.
import { create } from 'zustand';
import { applyParams } from '@/engine/runtime/protocol';
import { edgeKey, type Network } from '@/engine/graph/types';

export interface LiveParameters {
  /** The network the worker announced (its load or its last `edited`), or null when no run is in step with the page. */
  network: Network | null;
  /** The worker's structure number for `network`; `weights`/`biases` belong to it. */
  structure: number;
  /** `weights[i]` is the live weight of `network.edges[i]` (null until the first snapshot of this structure). */
  weights: Float32Array | null;
  /** `biases[j]` is the live bias of `network.neurons[j]`. */
  biases: Float32Array | null;
  /** The optimizer step the values are from. */
  step: number;
}

export const EMPTY_LIVE: LiveParameters = { network: null, structure: -1, weights: null, biases: null, step: 0 };

/** The page's live parameters (one per page; tests reset it with `useLiveParameters.setState(EMPTY_LIVE)`). */
export const useLiveParameters = create<LiveParameters>()(() => EMPTY_LIVE);

interface PositionIndex {
  edges: Map<string, number>;
  neurons: Map<string, number>;
}

const indexes = new WeakMap<Network, PositionIndex>();

/** Where each connection and neuron sits in `network`'s arrays: built once per structure, not per snapshot. */
function positionsOf(network: Network): PositionIndex {
  let index = indexes.get(network);
  if (!index) {
    index = {
      edges: new Map(network.edges.map((e, i) => [edgeKey(e.source, e.target), i])),
      neurons: new Map(network.neurons.map((n, j) => [n.id, j])),
    };
    indexes.set(network, index);
  }
  return index;
}

/** The live weight of the connection `key` (`edgeKey`), or undefined when the worker has no such connection. */
export function liveWeight(live: LiveParameters, key: string): number | undefined {
  if (!live.network) return undefined;
  const i = positionsOf(live.network).edges.get(key);
  if (i === undefined) return undefined;
  return live.weights ? live.weights[i] : live.network.edges[i]!.weight;
}

/** The live bias of neuron `id`, or undefined when the worker has no such neuron. */
export function liveBias(live: LiveParameters, id: string): number | undefined {
  if (!live.network) return undefined;
  const j = positionsOf(live.network).neurons.get(id);
  if (j === undefined) return undefined;
  return live.biases ? live.biases[j] : live.network.neurons[j]!.bias;
}

/** The worker's network with its live parameters (a new object per snapshot), or null when there is none. */
export function liveNetwork(live: LiveParameters): Network | null {
  if (!live.network) return null;
  if (!live.weights || !live.biases) return live.network;
  return withSnapshot(live.network, live.weights, live.biases);
}

const snapshots = new WeakMap<Float32Array, Network>();

/** `applyParams`, cached per snapshot so every reader of one snapshot gets the same object. */
function withSnapshot(network: Network, weights: Float32Array, biases: Float32Array): Network {
  let out = snapshots.get(weights);
  if (!out) {
    out = applyParams(network, weights, biases);
    snapshots.set(weights, out);
  }
  return out;
}
