// The typed messages between the page and the training worker. No tfjs here: the main thread imports
// these types (and the guards) without pulling TensorFlow.js into its bundle. Payloads are structured-clone safe.
import type { Dataset } from '../data/dataset';
import type { EditOp } from '../graph/editOps';
import type { TrainConfig } from '../graph/trainConfig';
import type { Network } from '../graph/types';

/** Bumped whenever a message changes shape; the client refuses a worker that speaks another version. */
export const PROTOCOL_VERSION = 1;

export const BACKEND_NAMES = ['webgl', 'wasm', 'cpu'] as const;
/** A TensorFlow.js backend the worker can run on. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What training learns from: rows, plus whether targets are classes (for accuracy). */
export interface TrainingData {
  train: Dataset;
  test?: Dataset;
  task: 'regression' | 'classification';
}

/** Where a run resumes (after a worker restart): counters carried over so the chart and counters continue. */
export interface Resume {
  step: number;
  epoch: number;
}

// ---------------------------------------------------------------------------------------------
// To the worker. Every message that belongs to a run carries its `runId` (chosen by the client, increasing).

export type ToWorker =
  /** Compiles `network` (with its parameters) on `data`; replies `compiled`, then a `progress` and `params`. */
  | { type: 'load'; version: number; runId: number; network: Network; data: TrainingData; config: TrainConfig; resume?: Resume }
  /** Trains until `pause` (progress at most ~20/s, params at most ~5/s). */
  | { type: 'start'; runId: number }
  | { type: 'pause'; runId: number }
  /** Takes exactly `n` steps, then reports progress and params. */
  | { type: 'step'; runId: number; n: number }
  /** Fresh parameters from `seed` (the init scheme of the config), optimizer state and counters zeroed. */
  | { type: 'reset'; runId: number; seed: number }
  /** Applies engine edits between steps; replies `edited`, or `error` (nothing changed) when one is refused. */
  | { type: 'edit'; runId: number; editId: number; ops: EditOp[] }
  /** Changes settings without a reset; optimizer state is kept while the optimizer stays the same. */
  | { type: 'configure'; runId: number; config: Partial<TrainConfig> }
  /** Asks for a `params` message now. */
  | { type: 'snapshot'; runId: number }
  /** Moves training to another backend, keeping parameters and optimizer state; replies `ready`. */
  | { type: 'setBackend'; backend: BackendName }
  /** Liveness check; the worker answers `pong` with the same `id`. */
  | { type: 'ping'; id: number }
  /** Fault injection (tests, devtools): loses the WebGL context as a GPU reset would. Ignored off webgl. */
  | { type: 'loseWebglContext' };

// ---------------------------------------------------------------------------------------------
// From the worker.

export type FromWorker =
  /** The backend actually in use, and why when it is not the one asked for first. */
  | { type: 'ready'; version: number; backend: BackendName; reason?: string }
  | {
      type: 'compiled';
      runId: number;
      neurons: number;
      edges: number;
      levels: number;
      parameters: number;
      /** tfjs kernels one training step runs. */
      opsPerStep: number;
    }
  | {
      type: 'progress';
      runId: number;
      step: number;
      epoch: number;
      trainLoss: number;
      testLoss: number | null;
      accuracy: number | null;
      testAccuracy: number | null;
      stepsPerSecond: number;
      running: boolean;
    }
  /**
   * Current parameters. `weights[i]` belongs to `network.edges[i]` and `biases[j]` to `network.neurons[j]`
   * of the network the worker last announced (`compiled`'s load or `edited`), identified by `structure`.
   * The arrays are transferred, not copied.
   */
  | {
      type: 'params';
      runId: number;
      step: number;
      structure: number;
      weights: Float32Array;
      biases: Float32Array;
      /** Hidden neurons whose output is zero for every training sample ("dead"). */
      dead: string[];
    }
  /** An edit took effect before step `step`; `network` is the result, with its parameters. */
  | { type: 'edited'; runId: number; editId: number; step: number; structure: number; network: Network }
  /** The loss became NaN or infinite at `step`: training paused, parameters restored to those of `restoredStep`. */
  | { type: 'diverged'; runId: number; step: number; restoredStep: number; message: string }
  | { type: 'error'; runId: number | null; code: string; message: string; recoverable: boolean; editId?: number }
  | { type: 'pong'; id: number };

/** True for a message from the worker that belongs to a run other than `runId` (the client drops those). */
export function isStale(message: FromWorker, runId: number): boolean {
  return 'runId' in message && message.runId !== null && message.runId !== runId;
}

/** Writes a `params` message's arrays into a copy of the network they belong to. */
export function applyParams(network: Network, weights: Float32Array, biases: Float32Array): Network {
  if (weights.length !== network.edges.length || biases.length !== network.neurons.length) {
    throw new Error('parameter snapshot does not match the network');
  }
  return {
    ...network,
    edges: network.edges.map((e, i) => ({ ...e, weight: weights[i]! })),
    neurons: network.neurons.map((n, j) => ({ ...n, bias: biases[j]! })),
  };
}
