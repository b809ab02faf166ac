// The training worker's whole logic as a plain class: it takes protocol messages and posts replies through a
// callback, so Node tests drive it without a Worker. Training runs in short chunks that yield to the message
// queue, so pause and edits take effect between chunks; metrics are read back asynchronously.
import { chooseBackend } from '../compile/backend';
import { confusionCounts, viewRows } from '../compile/viewValues';
import { csvToTrainingData, parseCsv, tableSummary, type ParsedCsv } from '../data/csv';
import { GraphError } from '../graph/GraphError';
import type { TrainConfig } from '../graph/trainConfig';
import { chooseExecutor, chooseForExecutor, createExecutor } from '../train/createExecutor';
import type { Executor, ExecutorCheckpoint, ExecutorKind } from '../train/Executor';
import { topologicalLevels } from '../graph/topology';
import type { Network } from '../graph/types';
import { isWebglContextLost, loseWebglContext, onWebglContextLost } from './webglContext';
import { PROTOCOL_VERSION, type AutoChoice, type BackendName, type ExecutorPreference, type FromWorker, type ToWorker, type TrainingData, type ViewRequest } from './protocol';

export interface SessionOptions {
  /** Backends to try at the first load, in order (browser: webgl, wasm, cpu; Node: cpu, wasm). */
  backends: readonly BackendName[];
  /**
   * Which executor trains at first (default 'auto': the one engine/train/costModel.ts predicts faster for the
   * network's shape, the batch and the backend in use; re-chosen at every load, edit, batch-size and backend
   * change). The page changes it with `setExecutor`.
   */
  executor?: ExecutorPreference;
  /** Milliseconds of training per chunk before yielding to messages (default 25). */
  chunkMs?: number;
  /** Minimum milliseconds between progress messages (default 50: at most ~20 a second). */
  progressMs?: number;
  /** Minimum milliseconds between params messages while training (default 200: at most ~5 a second). */
  paramsMs?: number;
  /** Lets queued messages run (default: a zero-delay timeout). */
  yieldNow?: () => Promise<void>;
  /** Waits `ms` milliseconds between chunks when a `pace` slows training (default: a timeout). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Levels above which WebGL is not the default for a network trained by tfjs: every level is its own small
 * kernels, each a shader WebGL compiles before the first step (seconds per level on a software renderer such
 * as SwiftShader, so a 56-level DAG of 403 neurons took minutes), and per-kernel cost is where wasm is cheaper.
 */
export const WEBGL_MAX_LEVELS = 8;

/**
 * The backends to try for a network, in order: `defaults`, except that a network trained by tfjs with more than
 * `WEBGL_MAX_LEVELS` levels puts webgl last. Used when the page has not chosen a backend itself.
 * @example preferredBackends(deepNetwork, data, config, ['webgl', 'wasm', 'cpu']) // ['wasm', 'cpu', 'webgl']
 */
export function preferredBackends(network: Network, data: TrainingData, config: Partial<TrainConfig>, defaults: readonly BackendName[]): readonly BackendName[] {
  if (defaults[0] !== 'webgl') return defaults;
  let levels: number;
  try {
    // Only a network the cost model gives to tfjs on webgl compiles shaders there.
    if (chooseExecutor(network, data.train.inputs.length, config.batchSize ?? 'full', 'webgl') !== 'tfjs') return defaults;
    levels = topologicalLevels(network).length;
  } catch {
    return defaults; // an invalid network is refused, with its reason, by the build that follows
  }
  return levels > WEBGL_MAX_LEVELS ? [...defaults.filter((b) => b !== 'webgl'), 'webgl'] : defaults;
}

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/**
 * Serves one page: load a network and data, train, edit between steps, report.
 * @example
 * const session = new Session((m) => worker.postMessage(m), { backends: ['webgl', 'wasm', 'cpu'] });
 * self.onmessage = (e) => session.handle(e.data);
 */
export class Session {
  private readonly post: Post;
  private readonly opts: Required<SessionOptions>;
  private queue: Promise<void> = Promise.resolve();
  private trainer: Executor | null = null;
  private data: TrainingData | null = null;
  private config: TrainConfig | null = null;
  private backend: BackendName | null = null;
  /** Set once the page chose a backend (`setBackend`): loads then keep it instead of choosing by the network. */
  private backendChosen = false;
  private runId = -1;
  private running = false;
  private looping = false;
  private structure = 0;
  private lastGood: ExecutorCheckpoint | null = null;
  /** The checkpoint before `lastGood`, same structure: its loss was seen finite (see `diverge`). */
  private prevGood: ExecutorCheckpoint | null = null;
  private lastLoss = NaN;
  private lastProgressAt = 0;
  private lastProgressStep = 0;
  private lastParamsAt = 0;
  /** Set once the WebGL context is lost: this worker can no longer train and has said so. */
  private contextLost = false;
  private stopWatchingContext: () => void = () => {};
  /** The last CSV text parsed and its table, so the second step (choosing columns) does not parse again. */
  private csv: { text: string; table: ParsedCsv } | null = null;
  /** Steps per second asked for by `pace` (null: as fast as possible), and the window the budget is counted over. */
  private pace: number | null = null;
  private paceFrom = 0;
  private paceSteps = 0;
  /** Which executor trains: the options' at first, then the page's `setExecutor`. */
  private preference: ExecutorPreference;

  constructor(post: Post, options: SessionOptions) {
    this.post = post;
    this.opts = {
      executor: 'auto',
      chunkMs: 25,
      progressMs: 50,
      paramsMs: 200,
      yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
      sleep: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => performance.now(),
      ...options,
    };
    this.preference = this.opts.executor;
  }

  /** Takes one message. Messages are processed in order, between training chunks. */
  handle(message: ToWorker): Promise<void> {
    if (message.type === 'ping') {
      this.post({ type: 'pong', id: message.id });
      return Promise.resolve();
    }
    return this.enqueue(() => this.process(message));
  }

  /** True while training runs (between `start` and `pause` or a divergence). */
  get isRunning(): boolean {
    return this.running;
  }

  /** Releases every tensor (for tests and worker shutdown). */
  dispose(): Promise<void> {
    return this.enqueue(async () => {
      this.running = false;
      this.disposeTrainer();
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((e: unknown) => this.reportUnexpected(e));
    this.queue = next;
    return next;
  }

  private async process(m: Exclude<ToWorker, { type: 'ping' }>): Promise<void> {
    if (m.type === 'loseWebglContext') {
      loseWebglContext();
      return;
    }
    if (this.contextLost) return; // the page replaces this worker
    if (m.type === 'load') return this.load(m);
    if (m.type === 'setBackend') return this.switchBackend(m.backend);
    if (m.type === 'setExecutor') return this.setExecutor(m.executor);
    if (m.type === 'parseCsv') return this.parseCsv(m);
    if (m.type === 'pace') {
      this.pace = m.stepsPerSecond !== null && Number.isFinite(m.stepsPerSecond) && m.stepsPerSecond > 0 ? m.stepsPerSecond : null;
      this.restartPace();
      return;
    }
    if (m.runId !== this.runId) return; // a message of an older run
    if (!this.trainer) {
      // The run's load was refused: say so, so the page can load again instead of waiting.
      if (m.type === 'pause' || m.type === 'snapshot') return;
      this.post({ type: 'error', runId: this.runId, code: 'run/not-loaded', message: 'no network is loaded in this run (its load was refused)', recoverable: true, ...(m.type === 'edit' ? { editId: m.editId } : {}) });
      return;
    }
    try {
      switch (m.type) {
        case 'start':
          this.running = true;
          this.lastProgressAt = this.opts.now();
          this.lastProgressStep = this.trainer.stepCount;
          this.restartPace();
          this.startLoop();
          return;
        case 'pause':
          this.running = false;
          await this.reportProgress();
          await this.reportParams();
          return;
        case 'step':
          await this.stepExactly(m.n);
          return;
        case 'reset':
          this.trainer.reset(m.seed);
          this.config = this.trainer.settings;
          this.refreshCheckpoint();
          this.lastLoss = NaN;
          await this.reportProgress();
          await this.reportParams();
          return;
        case 'edit': {
          const step = this.trainer.stepCount;
          this.trainer.applyEdits(m.ops);
          this.structure++;
          this.switchExecutorIfNeeded();
          this.refreshCheckpoint();
          this.post({ type: 'edited', runId: this.runId, editId: m.editId, step, structure: this.structure, network: this.trainer.getNetwork() });
          await this.reportCompiled();
          return;
        }
        case 'configure':
          this.trainer.configure(m.config);
          this.config = this.trainer.settings;
          if (this.switchExecutorIfNeeded()) {
            this.refreshCheckpoint();
            await this.reportCompiled();
          } else this.refreshCheckpoint();
          return;
        case 'snapshot':
          await this.reportParams();
          return;
        case 'view':
          await this.reportView(m.request);
          return;
      }
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      this.post({
        type: 'error',
        runId: this.runId,
        code: e.code,
        message: e.message,
        recoverable: true,
        ...(m.type === 'edit' ? { editId: m.editId } : {}),
        ...(m.type === 'view' ? { view: true as const } : {}),
      });
    }
  }

  private async load(m: Extract<ToWorker, { type: 'load' }>): Promise<void> {
    this.runId = m.runId;
    this.running = false;
    this.disposeTrainer();
    if (m.version !== PROTOCOL_VERSION) {
      this.post({ type: 'error', runId: m.runId, code: 'protocol/version', message: `the page speaks protocol ${m.version} but this worker speaks ${PROTOCOL_VERSION}; reload the page`, recoverable: false });
      return;
    }
    const preferred = this.backendChosen ? this.opts.backends : preferredBackends(m.network, m.data, m.config, this.opts.backends);
    const byCost = preferred !== this.opts.backends;
    if (!this.backend || (!this.backendChosen && byCost && this.backend === 'webgl')) {
      const choice = await chooseBackend(preferred);
      this.backend = choice.backend;
      this.watchContext();
      const why = byCost
        ? `${choice.backend} before webgl for this network: it has ${topologicalLevels(m.network).length} levels (more than ${WEBGL_MAX_LEVELS}), and WebGL first compiles shaders for every level, which takes minutes on a software renderer`
        : undefined;
      const reason = [why, choice.reason].filter(Boolean).join('; ');
      this.post({ type: 'ready', version: PROTOCOL_VERSION, backend: choice.backend, ...(reason ? { reason } : {}) });
    }
    try {
      this.trainer = this.build(m.network, m.data, m.config);
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      this.post({ type: 'error', runId: m.runId, code: e.code, message: e.message, recoverable: true });
      return;
    }
    this.data = m.data;
    this.config = this.trainer.settings;
    if (m.resume) {
      this.trainer.importState({
        network: m.network,
        optimizer: { optimizer: this.config.optimizer, step: 0, slots: new Map() },
        steps: m.resume.step,
        epochs: m.resume.epoch,
      });
    }
    this.structure++;
    this.refreshCheckpoint();
    this.lastLoss = NaN;
    await this.reportCompiled();
    await this.reportProgress();
    await this.reportParams();
  }

  private async switchBackend(backend: BackendName): Promise<void> {
    this.backendChosen = true;
    const state = this.trainer?.exportState() ?? null;
    this.disposeTrainer();
    const choice = await chooseBackend([backend, ...this.opts.backends.filter((b) => b !== backend)]);
    this.backend = choice.backend;
    this.watchContext();
    this.post({ type: 'ready', version: PROTOCOL_VERSION, backend: choice.backend, ...(choice.reason ? { reason: choice.reason } : {}) });
    if (!state || !this.data || !this.config) return;
    this.trainer = this.build(state.network, this.data, this.config);
    this.trainer.importState(state);
    this.refreshCheckpoint();
    await this.reportCompiled();
    if (this.running) this.startLoop();
  }

  /** A new executor of the kind `kind` (default: the preference, with the network's size when 'auto') calls for. */
  private build(network: Network, data: TrainingData, config: Partial<TrainConfig>, kind: ExecutorPreference = this.preference): Executor {
    return createExecutor(network, { train: data.train, ...(data.test ? { test: data.test } : {}) }, config, kind, this.backend ?? undefined);
  }

  /** Takes the page's executor preference; moves a loaded run to the executor it calls for and reports it. */
  private async setExecutor(preference: ExecutorPreference): Promise<void> {
    this.preference = preference;
    if (!this.trainer) return;
    const kind = preference === 'auto' ? this.autoChoice().kind : preference;
    if (kind !== this.trainer.kind) {
      this.moveTo(kind);
      this.refreshCheckpoint();
    }
    await this.reportCompiled();
  }

  /** The cost model's pick for the loaded run, sized from the executor's own plan (see `chooseForExecutor`). */
  private autoChoice(): AutoChoice {
    const choice = chooseForExecutor(this.trainer!, this.data!.train.inputs.length, this.config!.batchSize, this.backend ?? undefined);
    return { kind: choice.kind, predictedMs: choice.predictedMs, ...(choice.tfjsAtLeast ? { tfjsAtLeast: true } : {}) };
  }

  /**
   * Moves training to the other executor when the cost model now prefers it (after an edit or a batch-size change), carrying
   * parameters, optimizer state and counters (the batch shuffle restarts from the seed). Returns whether it moved.
   */
  private switchExecutorIfNeeded(): boolean {
    const trainer = this.trainer;
    if (!trainer || !this.data || !this.config || this.preference !== 'auto') return false;
    // Sized from the executor's own plan: reading the parameters back (blocking on WebGL), or building a tfjs plan
    // that the counts already rule out, only to find nothing changes would be waste.
    const choice = this.autoChoice();
    if (choice.kind === trainer.kind) return false;
    this.moveTo(choice.kind);
    return true;
  }

  /** Rebuilds the loaded run on the executor `kind`, carrying parameters, optimizer state and counters. */
  private moveTo(kind: ExecutorKind): void {
    const trainer = this.trainer!;
    const state = trainer.exportState();
    const next = this.build(state.network, this.data!, this.config!, kind);
    next.importState(state);
    this.disposeTrainer();
    this.trainer = next;
  }

  private startLoop(): void {
    if (this.looping) return;
    this.looping = true;
    const loop = async () => {
      while (this.running && this.trainer) {
        await this.enqueue(async () => {
          const budget = this.paceBudget();
          if (budget > 0 && this.running) this.paceSteps += await this.chunk(budget);
        });
        const wait = this.paceWait();
        if (wait > 0) await this.opts.sleep(wait);
        else await this.opts.yieldNow();
      }
      this.looping = false;
    };
    void loop();
  }

  /** Starts counting the pace's budget from now (at `start` and when the pace changes). */
  private restartPace(): void {
    this.paceFrom = this.opts.now();
    this.paceSteps = 0;
  }

  /** Steps the next chunk may take: unlimited without a pace, else what the pace allows since `paceFrom`. */
  private paceBudget(): number {
    if (this.pace === null) return Infinity;
    const allowed = Math.floor(((this.opts.now() - this.paceFrom) * this.pace) / 1000) - this.paceSteps;
    // After a long stall (a compile, a slow view) start afresh instead of catching up in one burst.
    if (allowed > Math.max(1, this.pace)) {
      this.restartPace();
      return 1;
    }
    return allowed;
  }

  /** Milliseconds until the pace allows the next step (0 without a pace or when a step is due). */
  private paceWait(): number {
    if (this.pace === null || !this.running) return 0;
    const due = this.paceFrom + ((this.paceSteps + 1) * 1000) / this.pace;
    return Math.max(0, due - this.opts.now());
  }

  /** Runs steps for about `chunkMs` (at most `limit`), then checks the loss and parameters. Returns steps taken. */
  private async chunk(limit: number): Promise<number> {
    const trainer = this.trainer;
    if (!trainer || (limit === Infinity && !this.running)) return 0;
    if (isWebglContextLost()) {
      this.reportContextLost();
      return 0;
    }
    const t0 = this.opts.now();
    let taken = 0;
    do {
      trainer.advance();
      taken++;
    } while (taken < limit && this.opts.now() - t0 < this.opts.chunkMs);
    const health = await trainer.readLastHealth();
    if (!health.finite) {
      await this.diverge(trainer, health.loss);
      return taken;
    }
    this.lastLoss = health.loss;
    this.refreshCheckpoint(true);
    const now = this.opts.now();
    if (now - this.lastProgressAt >= this.opts.progressMs) await this.reportProgress();
    if (now - this.lastParamsAt >= this.opts.paramsMs) await this.reportParams();
    return taken;
  }

  private async stepExactly(n: number): Promise<void> {
    let left = Math.max(0, Math.floor(n));
    while (left > 0 && this.trainer) {
      left -= await this.chunk(left);
      if (!this.lastGood) break; // diverged
      if (left > 0) await this.opts.yieldNow();
    }
    await this.reportProgress();
    await this.reportParams();
  }

  private async diverge(trainer: Executor, loss: number): Promise<void> {
    const step = trainer.stepCount;
    this.running = false;
    let restoredStep = 0;
    if (this.lastGood) {
      trainer.restore(this.lastGood);
      restoredStep = this.lastGood.steps;
      // lastGood holds the parameters after the last step whose loss was finite; their own loss may already
      // overflow. Then go back one more chunk, to parameters whose loss was seen finite.
      const check = await trainer.evaluateAsync('train');
      if (check && !Number.isFinite(check.loss) && this.prevGood) {
        trainer.restore(this.prevGood);
        restoredStep = this.prevGood.steps;
        this.refreshCheckpoint(); // what training resumes from is now the last good point
      }
    }
    const lr = this.config?.learningRate;
    this.post({
      type: 'diverged',
      runId: this.runId,
      step,
      restoredStep,
      message: `the loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} by step ${step}; training paused and parameters restored to step ${restoredStep}. Lower the learning rate${lr ? ` (now ${lr})` : ''} and train again.`,
    });
    await this.reportProgress();
    await this.reportParams();
  }

  /** Listens for the loss of the active WebGL context (a no-op on wasm and cpu). */
  private watchContext(): void {
    this.stopWatchingContext();
    this.stopWatchingContext = onWebglContextLost(() => this.reportContextLost());
  }

  /**
   * The WebGL context is gone, and the parameters with it (reads would hang or return garbage): stop, and ask the
   * page to replace this worker. Posted at once, not queued, since a queued read may never finish.
   */
  private reportContextLost(): void {
    if (this.contextLost) return;
    this.contextLost = true;
    this.running = false;
    this.post({ type: 'error', runId: this.runId, code: 'backend/context-lost', message: 'the WebGL context was lost (the GPU was reset or reclaimed); training moves to wasm', recoverable: false });
  }

  /** Takes a new checkpoint; `keepPrevious` (between training chunks, same structure) keeps the last one as `prevGood`. */
  private refreshCheckpoint(keepPrevious = false): void {
    if (this.prevGood) this.trainer?.releaseCheckpoint(this.prevGood);
    this.prevGood = null;
    if (keepPrevious) this.prevGood = this.lastGood;
    else if (this.lastGood) this.trainer?.releaseCheckpoint(this.lastGood);
    this.lastGood = this.trainer ? this.trainer.checkpoint() : null;
  }

  private async reportCompiled(): Promise<void> {
    const trainer = this.trainer!;
    const counts = trainer.counts;
    this.post({
      type: 'compiled',
      runId: this.runId,
      // Counted from the plan: reading every parameter back (blocking on WebGL) just to count would be waste.
      neurons: counts.neurons,
      edges: counts.connections,
      levels: counts.levels,
      parameters: counts.parameters,
      executor: trainer.kind,
      opsPerStep: await trainer.countOpsPerStep(),
      preference: this.preference,
      auto: this.autoChoice(),
    });
  }

  private async reportProgress(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) return;
    const now = this.opts.now();
    const train = await trainer.evaluateAsync('train');
    const test = await trainer.evaluateAsync('test');
    const elapsed = now - this.lastProgressAt;
    const steps = trainer.stepCount - this.lastProgressStep;
    this.post({
      type: 'progress',
      runId: this.runId,
      step: trainer.stepCount,
      epoch: trainer.epochCount,
      trainLoss: train?.loss ?? this.lastLoss,
      testLoss: test?.loss ?? null,
      accuracy: this.data?.task === 'classification' ? (train?.accuracy ?? null) : null,
      testAccuracy: this.data?.task === 'classification' ? (test?.accuracy ?? null) : null,
      stepsPerSecond: this.running && elapsed > 0 ? (steps * 1000) / elapsed : 0,
      running: this.running,
    });
    this.lastProgressAt = now;
    this.lastProgressStep = trainer.stepCount;
  }

  private async reportParams(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) return;
    this.lastParamsAt = this.opts.now();
    const { weights, biases } = await trainer.readParams();
    const dead = await trainer.deadNeurons();
    this.post({ type: 'params', runId: this.runId, step: trainer.stepCount, structure: this.structure, weights, biases, dead }, [weights.buffer, biases.buffer]);
  }

  /** One batched pass over the view's grid (and the confusion matrix for classification); arrays transferred. */
  private async reportView(request: ViewRequest): Promise<void> {
    const trainer = this.trainer!;
    const rows = viewRows(request);
    const values = await trainer.viewValues(rows, request.neurons);
    let confusion: number[][] | undefined;
    const split = this.data?.test ?? this.data?.train;
    if (this.data?.task === 'classification' && split) {
      const nOut = trainer.counts.outputs;
      const predicted = await trainer.viewValues(split.inputs, false);
      confusion = confusionCounts(predicted.outputs, nOut, split.targets, trainer.counts.outputTransform);
    }
    const transfer: Transferable[] = [values.outputs.buffer as ArrayBuffer];
    if (values.neurons) transfer.push(values.neurons.values.buffer as ArrayBuffer);
    this.post(
      {
        type: 'view',
        runId: this.runId,
        step: trainer.stepCount,
        structure: this.structure,
        request,
        outputs: values.outputs,
        ...(values.neurons ? { neurons: values.neurons } : {}),
        ...(confusion ? { confusion } : {}),
      },
      transfer,
    );
  }

  /** Parses CSV text (reusing the last parse of the same text), then builds data when options are given. */
  private async parseCsv(m: Extract<ToWorker, { type: 'parseCsv' }>): Promise<void> {
    try {
      const table = this.csv && this.csv.text === m.text ? this.csv.table : parseCsv(m.text);
      this.csv = { text: m.text, table };
      const data = m.options ? csvToTrainingData(table, m.options) : undefined;
      this.post({ type: 'csv', requestId: m.requestId, table: tableSummary(table), ...(data ? { data } : {}) });
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      this.post({ type: 'error', runId: null, code: e.code, message: e.message, recoverable: true, requestId: m.requestId });
    }
  }

  private disposeTrainer(): void {
    if (this.lastGood) this.trainer?.releaseCheckpoint(this.lastGood);
    if (this.prevGood) this.trainer?.releaseCheckpoint(this.prevGood);
    this.lastGood = null;
    this.prevGood = null;
    this.trainer?.dispose();
    this.trainer = null;
  }

  private reportUnexpected(e: unknown): void {
    this.running = false;
    const message = e instanceof Error ? e.message : String(e);
    this.post({ type: 'error', runId: this.runId, code: 'worker/internal', message: `training stopped: ${message}`, recoverable: false });
  }
}
