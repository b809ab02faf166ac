// Connects the document store to the training worker: loads the network on the chosen data, forwards every
// document change as engine edits between steps, writes trained parameters back (without undo steps), reloads
// when the data changes (keeping the network's parameters), and reports what happens.
'use client';
import { useEffect, useRef } from 'react';
import { diffNetworks } from '@/engine/graph/diff';
import type { EditOp } from '@/engine/graph/editOps';
import type { TrainingState } from '@/engine/graph/format';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '@/engine/graph/trainConfig';
import type { Network } from '@/engine/graph/types';
import type { BackendName, TrainingData } from '@/engine/runtime/protocol';
import { useConnexStore, type ConnexState } from '@/components/state/store';
import { currentTrainingData, useCurrentData } from '@/components/data/currentData';
import { useLossHistory } from '@/components/charts/historyStore';
import { markerLabel } from '@/components/charts/lossHistory';
import { TrainingClient } from './TrainingClient';
import { trainingBlocker } from './trainingBlocker';
import { sayTraining, useTrainingView } from './trainingStore';

/** Above this many connections, trained parameters are written to the canvas once a second instead of five times. */
const BIG_CANVAS_EDGES = 1000;

/** Parameter edits made by hand (the inspector): structure diffs do not carry them, so they are sent as they are. */
const PARAMETER_EDITS = new Set<EditOp['op']>(['setBias', 'setWeight']);

/** Inputs and targets per sample of the training data. */
export function dataShape(data: TrainingData): { inputs: number; outputs: number } {
  return { inputs: data.train.inputs[0]?.length ?? 0, outputs: data.train.targets[0]?.length ?? 0 };
}

export interface TrainingControls {
  train(): void;
  pause(): void;
  step(n: number): void;
  reset(seed: number): void;
  setBackend(backend: BackendName): void;
  /** Changes settings now (without a reset) and saves them with the document. */
  configure(patch: Partial<TrainConfig>): void;
}

let shared: { client: TrainingClient } | null = null;

/** The document's training settings over the defaults. */
export function documentConfig(): TrainConfig {
  return { ...DEFAULT_TRAIN_CONFIG, ...useConnexStore.getState().training?.config };
}

/** The document's training state, or that of a document never trained. */
function documentTraining(): TrainingState {
  return useConnexStore.getState().training ?? { config: {}, step: 0, history: [] };
}

/** Saves where training stands (step and loss history) with the document, when training pauses. */
function saveProgress(step: number): void {
  const store = useConnexStore.getState();
  const training = documentTraining();
  const history = useLossHistory.getState().points.map((p) => ({
    step: p.step,
    loss: p.trainLoss,
    ...(p.testLoss !== undefined && p.testLoss !== null ? { testLoss: p.testLoss } : {}),
  }));
  if (training.step === step && training.history.length === history.length) return;
  store.setTraining({ ...training, step, history });
}

/** Saves settings with the document (export, autosave). */
function saveConfig(patch: Partial<TrainConfig>): void {
  const store = useConnexStore.getState();
  const training = documentTraining();
  store.setTraining({ ...training, config: { ...training.config, ...patch } });
}

/** The loss the document trains with. */
const lossOf = (s: ConnexState) => s.training?.config.loss;

/** The page's one training client (StrictMode mounts effects twice: the worker is created once). */
function session() {
  if (!shared) {
    const client = new TrainingClient(() => new Worker(new URL('../../engine/runtime/training.worker.ts', import.meta.url), { type: 'module' }));
    shared = { client };
    // For people debugging in devtools and for the fault-injection e2e test.
    (window as unknown as { __connexTraining?: TrainingClient }).__connexTraining = client;
  }
  return shared;
}

/** The page's training client, for the views and the CSV import (null before the session starts). */
export function trainingClient(): TrainingClient | null {
  return shared?.client ?? null;
}

/** Hooks the page to the worker; returns the controls the training panel's buttons call. */
export function useTrainingSession(): TrainingControls {
  const controls = useRef<TrainingControls | null>(null);

  useEffect(() => {
    const { client } = session();
    /** The data the worker has (or is being given). */
    let data = currentTrainingData();
    let shape = dataShape(data);
    const store = useConnexStore;
    /** The structure the worker has (or will have once the edits in flight land). */
    let synced: Network = store.getState().network;
    /** Edits in flight, by edit id: their ops label the chart marker, `restored` says undo brought things back. */
    const pendingEdits = new Map<number, { ops: EditOp[]; restored: boolean }>();
    const history = useLossHistory.getState();
    let lastWrite = 0;
    /** Whether the person asked to train (Train pressed, not paused since). */
    let wantRunning = false;
    /** The network last sent with `load` (a refused load is not retried with the same network). */
    let lastLoaded: Network | null = null;
    /** The data and loss of the last `load`, to tell whether a change of them needs another. */
    let loadedData: TrainingData | null = null;
    let loadedLoss: string | undefined;
    /** Loads the document's network again when it can train, resuming training if that was asked for. */
    const reloadIfTrainable = () => {
      const network = store.getState().network;
      if (network === lastLoaded || trainingBlocker(network, shape) !== null) return;
      load(network);
      if (wantRunning) client.start();
    };
    const load = (network: Network) => {
      synced = network;
      lastLoaded = network;
      loadedData = data;
      loadedLoss = lossOf(store.getState());
      pendingEdits.clear();
      history.clear();
      client.load(network, data, documentConfig());
      useTrainingView.setState({ stale: false });
    };

    /**
     * The data or the loss changed: train on it from here, with the network's current parameters (a reload,
     * so counters and the chart start again). A network that does not fit the new data waits, saying why.
     */
    const reloadForData = () => {
      const network = store.getState().network;
      if (network === lastLoaded && data === loadedData && lossOf(store.getState()) === loadedLoss) return;
      if (trainingBlocker(network, shape) !== null) {
        wantRunning = false;
        client.pause();
        useTrainingView.setState({ stale: true, running: false, compiled: null });
        return;
      }
      load(network);
      if (wantRunning) client.start();
    };
    const unsubscribeData = useCurrentData.subscribe((current, previous) => {
      if (current.data === previous.data) return;
      data = current.data;
      shape = dataShape(data);
      reloadForData();
    });

    const unsubscribeClient = client.subscribe((event) => {
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
          useTrainingView.setState({ progress: event, running: event.running });
          history.record(event);
          if (!event.running) saveProgress(event.step);
          break;
        case 'edited': {
          const sent = pendingEdits.get(event.editId);
          pendingEdits.delete(event.editId);
          if (sent) {
            const fresh = sent.restored && sent.ops.some((op) => op.op === 'addConnections' || op.op === 'addNeurons');
            history.mark(event.step, markerLabel(sent.ops), 'edit', fresh ? 'restored connections and neurons start with fresh parameters' : undefined);
          }
          break;
        }
        case 'params': {
          // Big canvases redraw at most once a second (each write restyles every connection that changed look).
          const now = performance.now();
          const trained = client.currentNetwork();
          const every = (trained?.edges.length ?? 0) > BIG_CANVAS_EDGES ? 1000 : 0;
          // While edits are in flight the snapshot predates them: writing it would undo a weight typed by hand.
          if (trained && pendingEdits.size === 0 && (now - lastWrite >= every || !useTrainingView.getState().running)) {
            lastWrite = now;
            store.getState().replaceNetwork(trained, { recordHistory: false });
          }
          const dead = useTrainingView.getState().dead;
          if (event.dead.length !== dead.size || event.dead.some((id) => !dead.has(id))) {
            useTrainingView.setState({ dead: new Set(event.dead) });
          }
          break;
        }
        case 'diverged':
          wantRunning = false;
          useTrainingView.setState({ running: false });
          history.mark(event.step, 'diverged', 'diverged', event.message);
          sayTraining('error', event.message);
          break;
        case 'error':
          // Answers to a CSV import belong to the data panel, not to the run.
          if ('requestId' in event && event.requestId !== undefined) break;
          // A view the worker could not draw (say, data of another shape) leaves the run as it is.
          if (event.view) break;
          if (event.editId !== undefined) pendingEdits.delete(event.editId);
          if (event.code === 'run/not-loaded') {
            // Commands reached a run whose load was refused; the document has moved on since: load it now.
            reloadIfTrainable();
            break;
          }
          if (event.editId !== undefined) {
            // The worker refused an edit the canvas accepted (e.g. the data no longer fits): stop and say why.
            wantRunning = false;
            client.pause();
            useTrainingView.setState({ stale: true, running: false });
          } else if (event.recoverable) {
            // A load it could not compile: the next change that makes the network trainable loads it again.
            useTrainingView.setState({ stale: true, running: false, compiled: null });
            reloadIfTrainable();
          }
          sayTraining('error', event.message);
          break;
        case 'recovered':
          pendingEdits.clear(); // the new worker starts from the snapshot; edits in flight died with the old one
          history.mark(event.step, 'worker restarted', 'recovered', event.message);
          sayTraining('warning', event.message);
          break;
        default:
          break;
      }
    });

    const unsubscribeStore = store.subscribe((state, previous) => {
      const change = state.lastChange;
      if (!change || state.revision === previous.revision) return;
      if (change.kind === 'replace' && !change.recordHistory) return; // our own parameter write-back
      if (change.kind === 'load') {
        client.pause();
        // A document that brought its own dataset was loaded already, by the data subscription above.
        if (!(state.network === lastLoaded && data === loadedData && lossOf(state) === loadedLoss)) load(state.network);
        return;
      }
      if (state.dataset !== previous.dataset || lossOf(state) !== lossOf(previous)) {
        // New data (reloaded by the data subscription above) or a new loss: one load with everything.
        reloadForData();
        return;
      }
      if (useTrainingView.getState().stale) {
        if (trainingBlocker(state.network, shape) === null) load(state.network);
        return;
      }
      const ops = diffNetworks(synced, state.network);
      if (change.kind === 'edit') ops.push(...change.ops.filter((op) => PARAMETER_EDITS.has(op.op)));
      synced = state.network;
      if (ops.length > 0) pendingEdits.set(client.edit(ops), { ops, restored: change.kind === 'undo' || change.kind === 'redo' });
    });

    if (trainingBlocker(store.getState().network, shape) === null) load(store.getState().network);
    else useTrainingView.setState({ stale: true });
    controls.current = {
      train: () => {
        if (useTrainingView.getState().stale) load(store.getState().network);
        wantRunning = true;
        client.start();
        useTrainingView.setState({ running: true, message: null });
      },
      pause: () => {
        wantRunning = false;
        client.pause();
      },
      step: (n) => {
        if (useTrainingView.getState().stale) load(store.getState().network);
        client.step(n);
      },
      reset: (seed) => {
        saveConfig({ seed });
        if (useTrainingView.getState().stale) load(store.getState().network);
        history.clear();
        history.mark(0, `reset (seed ${seed})`, 'reset');
        client.reset(seed);
      },
      setBackend: (backend) => client.setBackend(backend),
      configure: (patch) => {
        saveConfig(patch);
        if (!useTrainingView.getState().stale) client.configure(patch);
      },
    };
    return () => {
      unsubscribeClient();
      unsubscribeStore();
      unsubscribeData();
      client.pause();
    };
  }, []);

  // One object for the component's life, so memoised children that take these controls do not re-render.
  const stable = useRef<TrainingControls | null>(null);
  stable.current ??= {
    train: () => controls.current?.train(),
    pause: () => controls.current?.pause(),
    step: (n) => controls.current?.step(n),
    reset: (seed) => controls.current?.reset(seed),
    setBackend: (backend) => controls.current?.setBackend(backend),
    configure: (patch) => controls.current?.configure(patch),
  };
  return stable.current;
}
