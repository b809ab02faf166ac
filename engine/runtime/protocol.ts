// The typed messages between the page and the training worker. No tfjs here: the main thread imports
// these types (and the guards) without pulling TensorFlow.js into its bundle. Payloads are structured-clone safe.
import type { CsvOptions, CsvTable } from '../data/csv';
import type { FeatureName } from '../data/features';
import type { TrainingData } from '../data/trainingData';
import type { EditOp } from '../graph/editOps';
import type { TrainConfig } from '../graph/trainConfig';
import type { Network } from '../graph/types';
import type { ExecutorKind } from '../train/Executor';

/** Bumped whenever a message changes shape; the client refuses a worker that speaks another version. */
export const PROTOCOL_VERSION = 3;

export const BACKEND_NAMES = ['webgl', 'wasm', 'cpu'] as const;
/** A TensorFlow.js backend the worker can run on. */
export type BackendName = (typeof BACKEND_NAMES)[number];

export const EXECUTOR_PREFERENCES = ['auto', 'tfjs', 'typed-array'] as const;
/** Which executor the page wants: 'auto' (the cost model's pick, re-chosen as the network and batch change) or one of them. */
export type ExecutorPreference = (typeof EXECUTOR_PREFERENCES)[number];

/** The cost model's pick for the loaded network (what 'auto' trains), with its predicted ms per step of each executor. */
export interface AutoChoice {
  kind: ExecutorKind;
  predictedMs: Record<ExecutorKind, number>;
  /** True when the tfjs figure is a lower bound (the network's counts alone ruled tfjs out). */
  tfjsAtLeast?: boolean;
}

export type { TrainingData } from '../data/trainingData';
export type { CsvOptions, CsvTable } from '../data/csv';

/**
 * What a `view` message asks the worker to evaluate in one batched forward pass.
 * plane (2-input data): a resolution x resolution grid over [x1] x [x2], point (i, j) at row j (x2) and column i (x1),
 * x1 = x1[0] + i * (x1[1] - x1[0]) / (resolution - 1), likewise x2; `features` are appended to each grid point
 * (see `expandRows`) when the network was trained with them. line (1-input data): `resolution` points over [x].
 * `neurons`: also return every non-input neuron's value at every point.
 */
export type ViewRequest =
  | { kind: 'plane'; x1: [number, number]; x2: [number, number]; resolution: number; features?: FeatureName[]; neurons: boolean }
  | { kind: 'line'; x: [number, number]; resolution: number; neurons: boolean };

/** The largest `resolution` a view may ask for (a plane is resolution^2 points). */
export const MAX_VIEW_RESOLUTION = 256;

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
  /**
   * How fast training runs, for the whole session (every run, until changed): `stepsPerSecond: null` (the default)
   * trains as fast as the chunk loop can; a positive number makes the loop wait between chunks so that it takes
   * about that many steps per second. A property of the page's speed control, not of the document: no reply.
   */
  | { type: 'pace'; stepsPerSecond: number | null }
  /** Moves training to another backend, keeping parameters and optimizer state; replies `ready`. */
  | { type: 'setBackend'; backend: BackendName }
  /**
   * Which executor trains, for the whole session (every run, until changed; like `pace`, a property of the page,
   * not of the document). Moves training there now when it differs, keeping parameters, optimizer state and
   * counters; replies `compiled` when a network is loaded.
   */
  | { type: 'setExecutor'; executor: ExecutorPreference }
  /**
   * Evaluates the loaded network over a grid (one batched pass, no training step); replies `view`.
   * Sent at a few frames a second while training; answered between training chunks.
   */
  | { type: 'view'; runId: number; request: ViewRequest }
  /**
   * Parses a CSV file's text in the worker. Without `options`: replies `csv` with the table (column names and
   * kinds). With `options`: replies `csv` with the table and the `TrainingData` built from the chosen columns.
   * A bad file replies `error` with `requestId`, code `csv/...`, a message naming row and column, runId null.
   */
  | { type: 'parseCsv'; requestId: number; text: string; options?: CsvOptions }
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
      /**
       * What trains: 'typed-array' (plain JavaScript, for small networks and batches; the backend is then
       * unused until the network grows) or 'tfjs' (on the backend of `ready`).
       */
      executor: ExecutorKind;
      /** tfjs kernels one training step runs; null on the typed-array executor, which runs none. */
      opsPerStep: number | null;
      /** The page's executor preference in force (`setExecutor`; 'auto' trains `auto.kind`). */
      preference: ExecutorPreference;
      /** What the cost model picks here, whatever the preference. */
      auto: AutoChoice;
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
  /**
   * A view's values at parameters of step `step` (network `structure`). `outputs`: points x outputs, row-major,
   * after the output transform (points = resolution^2, row = x2 index, column = x1 index; or resolution for a line).
   * `neurons`: every non-input neuron (in `network.neurons` order), `values` ids.length x points, after activation.
   * `confusion` (classification only): [actual][predicted] counts over the test split (train when there is no test).
   * Arrays are transferred.
   */
  | {
      type: 'view';
      runId: number;
      step: number;
      structure: number;
      request: ViewRequest;
      outputs: Float32Array;
      neurons?: { ids: string[]; values: Float32Array };
      confusion?: number[][];
    }
  /** A parsed CSV file: its table, and the training data when `options` were sent. */
  | { type: 'csv'; requestId: number; table: CsvTable; data?: TrainingData }
  /** `view: true` when it answers a `view` request (the run is unaffected: the page just draws nothing new). */
  | { type: 'error'; runId: number | null; code: string; message: string; recoverable: boolean; editId?: number; requestId?: number; view?: true }
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
