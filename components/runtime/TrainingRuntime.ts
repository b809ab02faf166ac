// The page side of the training worker, as one plain class (no React): it owns the training client, the live
// parameters and the merge policy. Data flows one way: the document's changes go to the worker as the ops the
// store applied (new parameters' values included); the worker's snapshots go to the live-parameter store, which
// the views read; live values reach the document only by `merge` (on pause, before export, share and autosave,
// and on a checkpoint timer while training), never as undo steps.
import type { EditOp } from '@/engine/graph/editOps';
import { MAX_MARKER_DETAIL_CHARS, MAX_MARKER_LABEL_CHARS, type HistoryMarker, type TrainingState } from '@/engine/graph/format';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '@/engine/graph/trainConfig';
import type { Network } from '@/engine/graph/types';
import type { BackendName, ExecutorPreference, Resume, TrainingData } from '@/engine/runtime/protocol';
import { useLossHistory } from '@/components/charts/historyStore';
import { markerLabel, type LossPoint } from '@/components/charts/lossHistory';
import { followDocumentDataset, useCurrentData } from '@/components/data/currentData';
import type { ConnexState, ConnexStore } from '@/components/state/store';
import { EMPTY_LIVE, liveNetwork, useLiveParameters } from './liveParameters';
import { TrainingClient, type ClientOptions, type WorkerLike } from './TrainingClient';
import { trainingBlocker } from './trainingBlocker';
import { sayTraining, useTrainingView } from './trainingStore';

/** Above this many connections, live parameters reach the views once a second instead of five times. */
const BIG_CANVAS_EDGES = 1000;

/** Default time between checkpoints (live values merged into the document, and so autosaved) while training. */
export const CHECKPOINT_MS = 3000;

export interface TrainingControls {
  train(): void;
  pause(): void;
  step(n: number): void;
  reset(seed: number): void;
  setBackend(backend: BackendName): void;
  /** Which executor trains ('auto': the cost model's pick), for this page session (not saved with the document). */
  setExecutor(executor: ExecutorPreference): void;
  /** Changes settings now (without a reset) and saves them with the document. */
  configure(patch: Partial<TrainConfig>): void;
}

export interface RuntimeOptions {
  store: ConnexStore;
  createWorker: () => WorkerLike;
  client?: ClientOptions;
  /** Time between checkpoints while training, in ms (default `CHECKPOINT_MS`). */
  checkpointMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** Inputs and targets per sample of the training data. */
export function dataShape(data: TrainingData): { inputs: number; outputs: number } {
  return { inputs: data.train.inputs[0]?.length ?? 0, outputs: data.train.targets[0]?.length ?? 0 };
}

const SETTING_NAMES: Partial<Record<keyof TrainConfig, string>> = {
  learningRate: 'learning rate',
  optimizer: 'optimizer',
  momentum: 'momentum',
  batchSize: 'batch size',
  l1: 'L1',
  l2: 'L2',
};

/** The chart label of a settings change ("learning rate 0.01, optimizer sgd"), or null when nothing shown changed. */
export function settingsLabel(before: TrainConfig, patch: Partial<TrainConfig>): string | null {
  const parts: string[] = [];
  for (const key of Object.keys(patch) as (keyof TrainConfig)[]) {
    const name = SETTING_NAMES[key];
    if (name && patch[key] !== undefined && patch[key] !== before[key]) parts.push(`${name} ${String(patch[key])}`);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Where a document's saved run stands, for a load that continues it (undefined for one never trained). */
function savedResume(training: TrainingState | undefined): Resume | undefined {
  if (!training || training.step <= 0) return undefined;
  return { step: training.step, epoch: training.epoch ?? 0 };
}

/** Saved history points as chart points, in step order, one per step. */
function chartPoints(training: TrainingState | undefined): LossPoint[] {
  const points: LossPoint[] = [];
  for (const p of [...(training?.history ?? [])].sort((a, b) => a.step - b.step)) {
    if (points.length > 0 && points[points.length - 1]!.step === p.step) continue;
    points.push(p.testLoss !== undefined ? { step: p.step, trainLoss: p.loss, testLoss: p.testLoss } : { step: p.step, trainLoss: p.loss });
  }
  return points;
}

/** The loss chart shows a document's saved run: its points and markers. */
function restoreChart(training: TrainingState | undefined): void {
  useLossHistory.getState().restore(chartPoints(training), training?.markers ?? []);
}

/**
 * Connects one document store to one training worker.
 * @example
 * const runtime = new TrainingRuntime({ store: useConnexStore, createWorker: () => new Worker(url, { type: 'module' }) });
 * runtime.controls.train(); ... runtime.merge(); runtime.dispose();
 */
export class TrainingRuntime {
  readonly client: TrainingClient;
  readonly controls: TrainingControls;
  private readonly store: ConnexStore;
  private readonly checkpointMs: number;
  private readonly now: () => number;
  private data: TrainingData;
  private shape: { inputs: number; outputs: number };
  /** Edits in flight, by edit id: their ops label the chart marker; `restored` says undo or redo brought things back. */
  private readonly pendingEdits = new Map<number, { ops: readonly EditOp[]; restored: boolean }>();
  /** Whether the person asked to train (Train pressed, not paused since). */
  private wantRunning = false;
  /** The network last sent with `load` (a refused load is not retried with the same network). */
  private lastLoaded: Network | null = null;
  private loadedData: TrainingData | null = null;
  private loadedLoss: string | undefined;
  /** The last snapshot not yet shown (big canvases show one a second). */
  private lastShown = 0;
  private epoch = 0;
  /** The revision of the last document load this runtime continued (each opened document is continued once). */
  private continuedRevision = -1;
  private checkpointTimer: ReturnType<typeof setInterval> | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private disposed = false;

  constructor(options: RuntimeOptions) {
    this.store = options.store;
    this.checkpointMs = options.checkpointMs ?? CHECKPOINT_MS;
    this.now = options.now ?? (() => Date.now());
    this.client = new TrainingClient(options.createWorker, options.client);
    useLiveParameters.setState(EMPTY_LIVE, true);
    this.unsubscribe.push(followDocumentDataset(this.store));
    this.data = useCurrentData.getState().data;
    this.shape = dataShape(this.data);

    this.unsubscribe.push(
      useCurrentData.subscribe((current, previous) => {
        if (current.data === previous.data) return;
        this.data = current.data;
        this.shape = dataShape(this.data);
        this.reloadForData();
      }),
      this.client.subscribe((event) => this.onWorker(event)),
      this.store.subscribe((state, previous) => this.onDocument(state, previous)),
    );
    // The one way live values reach the document: the store merges them before every edit and undo (so undo history
    // keeps what was learned up to each edit), and on `merge` (pause, export, share, autosave, checkpoints).
    this.store.getState().setLiveSource(() => this.liveState());

    const first = this.store.getState();
    if (trainingBlocker(first.network, this.shape) === null) this.load(first.network, { continueSaved: true });
    else useTrainingView.setState({ stale: true });

    this.controls = {
      train: () => {
        if (useTrainingView.getState().stale) this.load(this.store.getState().network, { continueRun: true });
        this.wantRunning = true;
        this.client.start();
        this.startCheckpoints();
        useTrainingView.setState({ running: true, message: null });
      },
      pause: () => {
        this.wantRunning = false;
        this.client.pause(); // the worker answers with progress (running: false), which merges
      },
      step: (n) => {
        if (useTrainingView.getState().stale) this.load(this.store.getState().network, { continueRun: true });
        this.client.step(n);
      },
      reset: (seed) => {
        this.saveConfig({ seed });
        if (useTrainingView.getState().stale) this.load(this.store.getState().network);
        const history = useLossHistory.getState();
        history.clear();
        history.mark(0, `reset (seed ${seed})`, 'reset');
        this.client.reset(seed);
      },
      setBackend: (backend) => this.client.setBackend(backend),
      setExecutor: (executor) => {
        useTrainingView.setState({ executorPreference: executor });
        this.client.setExecutor(executor);
      },
      configure: (patch) => {
        const before = this.config();
        this.saveConfig(patch);
        if (useTrainingView.getState().stale) return;
        this.client.configure(patch);
        // A settings change is marked on the loss chart at the step it takes effect, like an edit.
        const label = settingsLabel(before, patch);
        if (label) useLossHistory.getState().mark(useTrainingView.getState().progress?.step ?? 0, label, 'edit');
      },
    };
  }

  /**
   * Writes the live parameters and where the run stands (step, epoch, loss history and markers) into the
   * document, without an undo step. Called on pause, before export, share and autosave, and on a timer.
   */
  merge(): void {
    if (!this.disposed) this.store.getState().mergeLive();
  }

  /** Stops listening and ends the worker (the page is closing, or a test is done). */
  dispose(): void {
    if (this.disposed) return;
    this.merge();
    this.disposed = true;
    this.stopCheckpoints();
    for (const off of this.unsubscribe) off();
    this.store.getState().setLiveSource(null);
    this.client.dispose();
    useLiveParameters.setState(EMPTY_LIVE, true);
  }

  /**
   * What to merge: the live network (null while edits are in flight, since its values predate them, or when there is
   * none) and the run's progress up to the step those values are from.
   */
  private liveState(): { network: Network | null; training?: TrainingState } {
    const live = useLiveParameters.getState();
    const network = this.pendingEdits.size > 0 ? null : liveNetwork(live);
    const progress = useTrainingView.getState().progress;
    if (!progress && !network) return { network: null };
    // The step of the values merged (a load sets it to where the run resumes, so a reload keeps its counter).
    const step = live.network ? live.step : (progress?.step ?? 0);
    return { network, training: this.progressState(step) };
  }

  /** The document's training state with the run's step, epoch, loss history and markers up to `step`. */
  private progressState(step: number): TrainingState {
    const training = this.store.getState().training ?? { config: {}, step: 0, history: [] };
    const chart = useLossHistory.getState();
    const history = chart.points
      .filter((p) => p.step <= step)
      .map((p) => (p.testLoss !== undefined ? { step: p.step, loss: p.trainLoss, testLoss: p.testLoss } : { step: p.step, loss: p.trainLoss }));
    const markers: HistoryMarker[] = chart.markers.map((m) => ({
      step: m.step,
      label: m.label.slice(0, MAX_MARKER_LABEL_CHARS),
      kind: m.kind,
      ...(m.detail !== undefined ? { detail: m.detail.slice(0, MAX_MARKER_DETAIL_CHARS) } : {}),
    }));
    const same =
      training.step === step &&
      (training.epoch ?? 0) === this.epoch &&
      training.history.length === history.length &&
      (training.markers?.length ?? 0) === markers.length;
    if (same) return training;
    return { ...training, step, epoch: this.epoch, history, markers };
  }

  private saveConfig(patch: Partial<TrainConfig>): void {
    const training = this.store.getState().training ?? { config: {}, step: 0, history: [] };
    this.store.getState().setTraining({ ...training, config: { ...training.config, ...patch } });
  }

  private config(): TrainConfig {
    return { ...DEFAULT_TRAIN_CONFIG, ...this.store.getState().training?.config };
  }

  /**
   * Sends `network` to the worker as a new run. `continueSaved`: the counters and the chart continue from the
   * document's saved run (a reload, an opened file). `continueRun`: they continue from where this run stands (the
   * network could not train for a while). Otherwise they start at 0 (new data, a reset).
   */
  private load(network: Network, how: { continueSaved?: boolean; continueRun?: boolean } = {}): void {
    const training = this.store.getState().training;
    const progress = useTrainingView.getState().progress;
    let resume: Resume | undefined;
    if (how.continueSaved) {
      this.continuedRevision = this.store.getState().revision;
      resume = savedResume(training);
      restoreChart(training);
    } else if (how.continueRun && progress && progress.step > 0) {
      resume = { step: progress.step, epoch: progress.epoch };
    } else {
      useLossHistory.getState().clear();
    }
    this.epoch = resume?.epoch ?? 0;
    this.lastLoaded = network;
    this.loadedData = this.data;
    this.loadedLoss = this.store.getState().training?.config.loss;
    this.pendingEdits.clear();
    // Until the worker reports, the views show this network's own values (nothing of the previous run).
    useLiveParameters.setState({ network, structure: -1, weights: null, biases: null, step: resume?.step ?? 0 }, true);
    useTrainingView.setState({ stale: false, progress: null, dead: new Set() });
    this.client.load(network, this.data, this.config(), resume);
  }

  /**
   * Another document was opened: the live values, counters and chart of the run before belong to a document that is
   * gone. They are dropped at once (not when the worker next reports); the chart shows the new document's saved run.
   */
  private forgetLive(): void {
    this.pendingEdits.clear();
    useLiveParameters.setState(EMPTY_LIVE, true);
    useTrainingView.setState({ progress: null, dead: new Set() });
    const training = this.store.getState().training;
    restoreChart(training);
    this.epoch = training?.epoch ?? 0;
  }

  /** Whether the worker already has this document's network on the current data and loss (nothing to load). */
  private isLoaded(state: ConnexState): boolean {
    return state.network === this.lastLoaded && this.data === this.loadedData && state.training?.config.loss === this.loadedLoss;
  }

  /** The network cannot train on the data right now: keep what was learned, stop, and show the document. */
  private goStale(): void {
    this.merge();
    this.wantRunning = false;
    this.client.pause();
    this.stopCheckpoints();
    useLiveParameters.setState(EMPTY_LIVE, true);
    useTrainingView.setState({ stale: true, running: false, compiled: null });
  }

  /** Loads the document's network again when it can train, resuming training if that was asked for. */
  private reloadIfTrainable(): void {
    const network = this.store.getState().network;
    if (network === this.lastLoaded || trainingBlocker(network, this.shape) !== null) return;
    this.load(network, { continueRun: true });
    if (this.wantRunning) this.client.start();
  }

  /**
   * The data or the loss changed: train on it from here, with the network's current parameters (a new run, so
   * counters and the chart start again). A network that does not fit the new data waits, saying why.
   */
  private reloadForData(): void {
    const state = this.store.getState();
    const network = state.network;
    if (this.isLoaded(state)) return;
    // A document just opened with its own data continues its saved run; new data for the same network starts one.
    const change = state.lastChange;
    const opened = change?.kind === 'load' && change.source !== 'undo' && change.source !== 'redo' && change.revision > this.continuedRevision;
    // The live values belong to the network before: merged into it, or (another document) dropped.
    if (opened) this.forgetLive();
    else this.merge();
    if (trainingBlocker(network, this.shape) !== null) {
      this.goStale();
      return;
    }
    this.load(this.store.getState().network, { continueSaved: opened });
    if (this.wantRunning) this.client.start();
  }

  private onDocument(state: ConnexState, previous: ConnexState): void {
    const change = state.lastChange;
    if (!change || state.revision === previous.revision || change.kind === 'merge') return;
    if (change.kind === 'load') {
      // Another document: it opens paused.
      this.wantRunning = false;
      this.stopCheckpoints();
      this.client.pause();
      useTrainingView.setState({ running: false });
      // A document that brought its own dataset was loaded already, by the data subscription (live values included).
      if (this.isLoaded(state)) return;
      // The live values are the old document's, never to be merged into this one.
      this.forgetLive();
      if (trainingBlocker(state.network, this.shape) === null) this.load(state.network, { continueSaved: change.source !== 'undo' && change.source !== 'redo' });
      else this.goStale();
      return;
    }
    if (state.dataset !== previous.dataset || state.training?.config.loss !== previous.training?.config.loss) {
      // New data (reloaded by the data subscription) or a new loss: one load with everything.
      this.reloadForData();
      return;
    }
    if (useTrainingView.getState().stale) {
      if (trainingBlocker(state.network, this.shape) === null) {
        this.load(state.network, { continueRun: true });
        if (this.wantRunning) this.client.start();
      }
      return;
    }
    if (trainingBlocker(state.network, this.shape) !== null) {
      // The edit leaves a network that cannot train (say, an input removed): nothing to send until it can.
      this.goStale();
      return;
    }
    const ops = change.ops;
    if (ops.length > 0) {
      this.pendingEdits.set(this.client.edit([...ops]), { ops, restored: change.kind !== 'edit' });
    }
  }

  private onWorker(event: Parameters<Parameters<TrainingClient['subscribe']>[0]>[0]): void {
    const history = useLossHistory.getState();
    switch (event.type) {
      case 'ready':
        useTrainingView.setState({ backend: event.backend, backendReason: event.reason ?? null });
        break;
      case 'compiled': {
        // A network that compiles clears an earlier refusal of the previous one.
        const message = useTrainingView.getState().message;
        useTrainingView.setState({ compiled: event, stale: false, ...(message?.tone === 'error' ? { message: null } : {}) });
        break;
      }
      case 'progress':
        this.epoch = event.epoch;
        useTrainingView.setState({ progress: event, running: event.running });
        history.record(event);
        break;
      case 'edited': {
        const sent = this.pendingEdits.get(event.editId);
        this.pendingEdits.delete(event.editId);
        useLiveParameters.setState({ network: event.network, structure: event.structure, weights: null, biases: null, step: event.step }, true);
        if (sent) {
          const brought = sent.restored && sent.ops.some((op) => op.op === 'addConnections' || op.op === 'addNeurons');
          history.mark(event.step, markerLabel(sent.ops), 'edit', brought ? 'restored neurons and connections keep their values; their optimizer state starts fresh' : undefined);
        }
        break;
      }
      case 'params': {
        const live = useLiveParameters.getState();
        if (!live.network || (live.structure !== -1 && live.structure !== event.structure)) break;
        if (live.network.edges.length !== event.weights.length || live.network.neurons.length !== event.biases.length) break;
        // Big canvases redraw at most once a second (each snapshot restyles every connection that changed look).
        const now = this.now();
        const every = live.network.edges.length > BIG_CANVAS_EDGES ? 1000 : 0;
        const running = useTrainingView.getState().running;
        if (now - this.lastShown >= every || !running) {
          this.lastShown = now;
          useLiveParameters.setState({ structure: event.structure, weights: event.weights, biases: event.biases, step: event.step });
        }
        const dead = useTrainingView.getState().dead;
        if (event.dead.length !== dead.size || event.dead.some((id) => !dead.has(id))) {
          useTrainingView.setState({ dead: new Set(event.dead) });
        }
        // Paused: what the worker holds now goes into the document (and so into autosave and export).
        if (!running && !this.wantRunning) this.merge();
        break;
      }
      case 'diverged':
        this.wantRunning = false;
        this.stopCheckpoints();
        useTrainingView.setState({ running: false });
        history.mark(event.step, 'diverged', 'diverged', event.message);
        sayTraining('error', event.message);
        break;
      case 'error':
        // Answers to a CSV import belong to the data panel, not to the run.
        if ('requestId' in event && event.requestId !== undefined) break;
        // A view the worker could not draw (say, data of another shape) leaves the run as it is.
        if (event.view) break;
        if (event.editId !== undefined) this.pendingEdits.delete(event.editId);
        if (event.code === 'run/not-loaded') {
          // Commands reached a run whose load was refused; the document has moved on since: load it now.
          this.reloadIfTrainable();
          break;
        }
        if (event.editId !== undefined) {
          // The worker refused an edit the canvas accepted (e.g. the data no longer fits): stop and say why.
          this.goStale();
        } else if (event.recoverable) {
          // A load it could not compile: the next change that makes the network trainable loads it again.
          useLiveParameters.setState(EMPTY_LIVE, true);
          useTrainingView.setState({ stale: true, running: false, compiled: null });
          this.reloadIfTrainable();
        }
        sayTraining('error', event.message);
        break;
      case 'recovered': {
        // The new worker starts from the snapshot; edits in flight are sent again by the client, in order.
        this.pendingEdits.clear();
        const restored = this.client.currentNetwork();
        if (restored) useLiveParameters.setState({ network: restored, structure: -1, weights: null, biases: null, step: event.step }, true);
        history.mark(event.step, 'worker restarted', 'recovered', event.message);
        sayTraining('warning', event.message);
        break;
      }
      default:
        break;
    }
  }

  private startCheckpoints(): void {
    if (this.checkpointTimer !== null || this.checkpointMs <= 0) return;
    this.checkpointTimer = setInterval(() => this.merge(), this.checkpointMs);
  }

  private stopCheckpoints(): void {
    if (this.checkpointTimer === null) return;
    clearInterval(this.checkpointTimer);
    this.checkpointTimer = null;
  }
}
