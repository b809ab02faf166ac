// The main thread's side of the training worker: typed sends, subscriptions, stale-message filtering, and
// recovery when the worker throws or dies (a new worker takes over from the last parameter snapshot).
// It never imports tfjs: only protocol types and tfjs-free engine helpers.
import type { EditOp } from '@/engine/graph/editOps';
import type { TrainConfig } from '@/engine/graph/trainConfig';
import type { Network } from '@/engine/graph/types';
import {
  applyParams,
  isStale,
  PROTOCOL_VERSION,
  type BackendName,
  type CsvOptions,
  type ExecutorPreference,
  type FromWorker,
  type Resume,
  type ToWorker,
  type TrainingData,
  type ViewRequest,
} from '@/engine/runtime/protocol';

/** What subscribers hear: the worker's messages for the current run, and the client's own notices. */
export type ClientEvent = FromWorker | { type: 'recovered'; message: string; step: number };

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ClientOptions {
  /** Silence (no message at all) after which a worker counts as dead (default 3000 ms). */
  deadAfterMs?: number;
  /**
   * Silence allowed while the worker compiles (after load, setBackend or an edit, until it reports `compiled`):
   * WebGL shader compilation blocks the worker, for seconds on a software renderer (default 30000 ms).
   */
  compileGraceMs?: number;
  /** How often to ping the worker (default 1000 ms). */
  pingMs?: number;
  /**
   * Compile timeouts on the last backend of the fallback order (cpu) before the client stops restarting and says so
   * (default 2). Each one doubles the grace first (back-off).
   */
  maxCompileTimeouts?: number;
}

/**
 * Where a compile that timed out moves next: WebGL shader compilation is the slow one (seconds per level on a
 * software renderer), wasm and cpu compile nothing. null: nowhere left to go.
 */
export const COMPILE_FALLBACK: Readonly<Record<BackendName, BackendName | null>> = { webgl: 'wasm', wasm: 'cpu', cpu: null };

/** `ms` as a person reads it: "30 s", or "60 ms" below a second. */
function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`;
}

/**
 * One training worker, restarted on faults.
 * @example
 * const client = new TrainingClient(() => new Worker(new URL('../../engine/runtime/training.worker.ts', import.meta.url)));
 * client.subscribe((e) => e.type === 'progress' && console.log(e.trainLoss));
 * client.load(network, data, config); client.start();
 */
export class TrainingClient {
  private readonly createWorker: () => WorkerLike;
  private readonly opts: Required<ClientOptions>;
  private worker: WorkerLike;
  private readonly listeners = new Set<(event: ClientEvent) => void>();
  private runId = 0;
  private editId = 0;
  private pingId = 0;
  private requestId = 0;
  private lastHeard = Date.now();
  /** Set while a compile is expected (load, setBackend, edit) and not yet reported. */
  private compiling = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private restarting = false;
  private disposed = false;
  /** What a replacement worker needs: the last load, the network the worker announced, its last parameters. */
  private loaded: { data: TrainingData; config: TrainConfig } | null = null;
  private network: Network | null = null;
  private structure = -1;
  private params: { structure: number; step: number; weights: Float32Array; biases: Float32Array } | null = null;
  private progress = { step: 0, epoch: 0 };
  private running = false;
  private backendChoice: BackendName | null = null;
  /** The backend the worker last said it runs on (`ready`). */
  private backendInUse: BackendName | null = null;
  /** Grace for the compile in progress: `compileGraceMs`, doubled after each timeout on the last backend (back-off). */
  private graceMs: number;
  /** Compile timeouts on the last backend since the last compile that finished. */
  private lastBackendTimeouts = 0;
  /** Set when compiles kept timing out on every backend: the watchdog stops restarting until the next `load`. */
  private gaveUp = false;
  /** The speed control's steps per second (null: max); a replacement worker gets it again. */
  private paceChoice: number | null = null;
  /** The page's executor preference (null: never set, the worker's default 'auto'), re-sent to a replacement worker. */
  private executorChoice: ExecutorPreference | null = null;
  /** Edits sent and not yet answered: a replacement worker gets them again after its load, so none is lost. */
  private readonly pendingEdits = new Map<number, EditOp[]>();

  constructor(createWorker: () => WorkerLike, options: ClientOptions = {}) {
    this.createWorker = createWorker;
    this.opts = { deadAfterMs: 3000, compileGraceMs: 30_000, pingMs: 1000, maxCompileTimeouts: 2, ...options };
    this.graceMs = this.opts.compileGraceMs;
    this.worker = this.spawn();
    this.timer = setInterval(() => this.watch(), this.opts.pingMs);
  }

  subscribe(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a new run: compiles `network` (with its parameters) on `data`; with `resume`, its counters continue from
   * there (a reloaded document). Messages of older runs are dropped.
   */
  load(network: Network, data: TrainingData, config: TrainConfig, resume?: Resume): number {
    this.runId++;
    this.loaded = { data, config };
    this.network = network;
    this.structure = -1;
    this.params = null;
    this.running = false;
    this.progress = resume ? { ...resume } : { step: 0, epoch: 0 };
    this.pendingEdits.clear();
    if (this.gaveUp) {
      // The last worker was stopped for good: this load gets a fresh one, on the backend it had reached.
      this.gaveUp = false;
      this.worker = this.spawn();
      this.sendChoices();
    }
    this.lastBackendTimeouts = 0;
    this.graceMs = this.opts.compileGraceMs;
    this.send({ type: 'load', version: PROTOCOL_VERSION, runId: this.runId, network, data, config, ...(resume ? { resume } : {}) });
    return this.runId;
  }

  start(): void {
    this.running = true;
    this.send({ type: 'start', runId: this.runId });
  }

  pause(): void {
    this.running = false;
    this.send({ type: 'pause', runId: this.runId });
  }

  step(n: number): void {
    this.send({ type: 'step', runId: this.runId, n });
  }

  reset(seed: number): void {
    if (this.loaded) this.loaded = { ...this.loaded, config: { ...this.loaded.config, seed } };
    this.send({ type: 'reset', runId: this.runId, seed });
  }

  /** Sends edits; returns the edit id that the worker's `edited` (or `error`) will carry. */
  edit(ops: EditOp[]): number {
    const editId = ++this.editId;
    this.pendingEdits.set(editId, ops);
    this.send({ type: 'edit', runId: this.runId, editId, ops });
    return editId;
  }

  configure(config: Partial<TrainConfig>): void {
    if (this.loaded) this.loaded = { ...this.loaded, config: { ...this.loaded.config, ...config } };
    this.send({ type: 'configure', runId: this.runId, config });
  }

  /** Asks for the outputs (and each neuron's activation) over a grid; the answer is this run's `view` message. */
  view(request: ViewRequest): void {
    this.send({ type: 'view', runId: this.runId, request });
  }

  /**
   * Parses CSV text in the worker: without options into a table (columns and their kinds), with options into
   * training data. Returns the request id that the `csv` (or `error`) answer carries.
   */
  parseCsv(text: string, options?: CsvOptions): number {
    const requestId = ++this.requestId;
    this.send(options ? { type: 'parseCsv', requestId, text, options } : { type: 'parseCsv', requestId, text });
    return requestId;
  }

  snapshot(): void {
    this.send({ type: 'snapshot', runId: this.runId });
  }

  /** Steps per second while training (null: as fast as possible), for every run of this worker and its replacements. */
  pace(stepsPerSecond: number | null): void {
    this.paceChoice = stepsPerSecond;
    this.send({ type: 'pace', stepsPerSecond });
  }

  setBackend(backend: BackendName): void {
    this.backendChoice = backend;
    this.send({ type: 'setBackend', backend });
  }

  /** Which executor trains ('auto': the cost model's pick), for every run of this worker and its replacements. */
  setExecutor(executor: ExecutorPreference): void {
    this.executorChoice = executor;
    this.send({ type: 'setExecutor', executor });
  }

  /** The network the worker last announced, with the latest parameters it sent. */
  currentNetwork(): Network | null {
    if (!this.network) return null;
    if (this.params && this.params.structure === this.structure) {
      return applyParams(this.network, this.params.weights, this.params.biases);
    }
    return this.network;
  }

  /** Fault injection (tests, devtools): the worker loses its WebGL context, as on a GPU reset. */
  loseWebglContext(): void {
    this.worker.postMessage({ type: 'loseWebglContext' });
  }

  /** Kills the worker as a crash would (for tests and for "Restart worker"): the watchdog then replaces it. */
  killWorker(): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.worker.terminate();
    this.listeners.clear();
  }

  private spawn(): WorkerLike {
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.restart(`it failed: ${event.message || 'unknown error'}`);
    };
    this.lastHeard = Date.now();
    // Until the new worker says where it runs, a compile timeout counts against the backend it was asked for.
    this.backendInUse = null;
    return worker;
  }

  private send(message: ToWorker): void {
    // A big CSV keeps the worker busy as a compile does: it gets the same grace before counting as dead.
    if (message.type === 'load' || message.type === 'setBackend' || message.type === 'edit' || message.type === 'parseCsv') this.compiling = true;
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    this.lastHeard = Date.now();
    if (message.type === 'pong') return;
    if (isStale(message, this.runId)) return;
    switch (message.type) {
      case 'ready':
        this.backendInUse = message.backend;
        break;
      case 'compiled':
        this.compiling = false;
        this.lastBackendTimeouts = 0;
        this.graceMs = this.opts.compileGraceMs;
        break;
      case 'csv':
        this.compiling = false;
        break;
      case 'edited':
        this.pendingEdits.delete(message.editId);
        this.network = message.network;
        this.structure = message.structure;
        break;
      case 'params':
        if (this.structure === -1 || message.structure > this.structure) this.structure = message.structure;
        this.params = { structure: message.structure, step: message.step, weights: message.weights, biases: message.biases };
        break;
      case 'progress':
        this.progress = { step: message.step, epoch: message.epoch };
        // `running` is what the page asked for: the worker stops on its own only with `diverged` or an error. A
        // progress sent before a queued `start` says "not running", and a restart must still resume training.
        if (message.running) this.running = true;
        break;
      case 'diverged':
        this.running = false;
        break;
      case 'error':
        this.compiling = false;
        if (message.editId !== undefined) this.pendingEdits.delete(message.editId);
        // Without its WebGL context the worker cannot train on webgl again: the replacement starts on wasm.
        if (message.code === 'backend/context-lost') this.backendChoice = 'wasm';
        break;
      default:
        break;
    }
    for (const listener of this.listeners) listener(message);
    // After the listeners heard the error, so that the page's last word is the recovery notice, which names it.
    if (message.type === 'error' && !message.recoverable) this.restart(message.message);
  }

  private watch(): void {
    if (this.disposed || this.restarting || this.gaveUp) return;
    const allowed = this.compiling ? this.graceMs : this.opts.deadAfterMs;
    if (Date.now() - this.lastHeard > allowed) {
      if (this.compiling) this.compileTimedOut(allowed);
      else this.restart('it stopped answering');
      return;
    }
    this.worker.postMessage({ type: 'ping', id: ++this.pingId });
  }

  /**
   * A compile (or a CSV parse) went past its grace. Restarting on the same backend would only compile the same way
   * again: the replacement starts on the next backend of `COMPILE_FALLBACK` (webgl -> wasm -> cpu). On the last
   * one the grace doubles (back-off) up to `maxCompileTimeouts` times; then the client stops and says so.
   */
  private compileTimedOut(allowedMs: number): void {
    const from = this.backendInUse ?? this.backendChoice ?? 'webgl';
    const next = COMPILE_FALLBACK[from];
    const waited = duration(allowedMs);
    if (next) {
      this.backendChoice = next;
      this.graceMs = this.opts.compileGraceMs;
      this.restart(`it did not finish compiling on ${from} within ${waited}`, next);
      return;
    }
    this.lastBackendTimeouts++;
    if (this.lastBackendTimeouts > this.opts.maxCompileTimeouts) {
      this.gaveUp = true;
      this.compiling = false;
      try {
        this.worker.onmessage = null;
        this.worker.onerror = null;
        this.worker.terminate();
      } catch {
        // already gone
      }
      this.running = false;
      const event: ClientEvent = {
        type: 'error',
        runId: this.runId,
        code: 'worker/compile-timeout',
        message: `the training worker could not compile this network on any backend (the last try waited ${waited} on ${from}); training is off. Make the network smaller, or load it again to retry.`,
        recoverable: false,
      };
      for (const listener of this.listeners) listener(event);
      return;
    }
    this.graceMs = allowedMs * 2;
    this.restart(`it did not finish compiling on ${from} within ${waited}; waiting up to ${duration(this.graceMs)} this time`, from);
  }

  /**
   * Replaces the worker and brings the run back: last network and parameters, counters, backend, running.
   * `movedTo`: the backend the replacement starts on after a compile timeout (said in the notice).
   */
  /** What the page chose for every run (backend, speed, executor), sent to a fresh worker before its load. */
  private sendChoices(): void {
    if (this.backendChoice) this.send({ type: 'setBackend', backend: this.backendChoice });
    if (this.paceChoice !== null) this.send({ type: 'pace', stepsPerSecond: this.paceChoice });
    if (this.executorChoice) this.send({ type: 'setExecutor', executor: this.executorChoice });
  }

  private restart(reason: string, movedTo?: BackendName): void {
    if (this.disposed || this.restarting) return;
    this.restarting = true;
    const wasRunning = this.running;
    const network = this.currentNetwork();
    const resumeStep = this.params?.step ?? this.progress.step;
    try {
      this.worker.onmessage = null;
      this.worker.onerror = null;
      this.worker.terminate();
    } catch {
      // already gone
    }
    this.worker = this.spawn();
    this.compiling = false;
    this.sendChoices();
    if (network && this.loaded) {
      this.runId++;
      this.structure = -1;
      this.params = null;
      this.network = network;
      this.send({
        type: 'load',
        version: PROTOCOL_VERSION,
        runId: this.runId,
        network,
        data: this.loaded.data,
        config: this.loaded.config,
        resume: { step: resumeStep, epoch: this.progress.epoch },
      });
      // Edits the dead worker never answered, in order, on top of the network they were made against.
      for (const [editId, ops] of this.pendingEdits) this.send({ type: 'edit', runId: this.runId, editId, ops });
      if (wasRunning) this.start();
    }
    this.restarting = false;
    const event: ClientEvent = {
      type: 'recovered',
      step: resumeStep,
      message: `The training worker stopped (${reason}) and was restarted${movedTo ? ` on ${movedTo}` : ''}; the network and its parameters from step ${resumeStep} were restored${wasRunning ? ' and training resumed' : ''}.`,
    };
    for (const listener of this.listeners) listener(event);
  }
}
