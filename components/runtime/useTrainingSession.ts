// Connects the document store to the training worker: loads the network, forwards every document change as
// engine edits between steps, writes trained parameters back (without undo steps), and reports what happens.
'use client';
import { useEffect, useRef } from 'react';
import { seedData, splitDataset } from '@/engine/data/seedData';
import { diffNetworks } from '@/engine/graph/diff';
import type { EditOp } from '@/engine/graph/editOps';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '@/engine/graph/trainConfig';
import type { Network } from '@/engine/graph/types';
import type { BackendName, TrainingData } from '@/engine/runtime/protocol';
import { useConnexStore } from '@/components/state/store';
import { TrainingClient } from './TrainingClient';
import { trainingBlocker } from './trainingBlocker';
import { sayTraining, useTrainingView } from './trainingStore';

/** The seed example's data: 250 points of [cos x, sin x] over [0, 2 pi], a fifth held out for testing. */
function defaultData(): TrainingData {
  const { train, test } = splitDataset(seedData(250), 0.2, 0);
  return { train, test, task: 'regression' };
}

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
}

let shared: { client: TrainingClient; data: TrainingData; config: TrainConfig } | null = null;

/** The page's one training client (StrictMode mounts effects twice: the worker is created once). */
function session() {
  if (!shared) {
    const client = new TrainingClient(() => new Worker(new URL('../../engine/runtime/training.worker.ts', import.meta.url), { type: 'module' }));
    shared = { client, data: defaultData(), config: { ...DEFAULT_TRAIN_CONFIG } };
    // For people debugging in devtools and for the fault-injection e2e test.
    (window as unknown as { __connexTraining?: TrainingClient }).__connexTraining = client;
  }
  return shared;
}

/** Hooks the page to the worker; returns the controls the training panel's buttons call. */
export function useTrainingSession(): TrainingControls {
  const controls = useRef<TrainingControls | null>(null);

  useEffect(() => {
    const { client, data, config } = session();
    const shape = dataShape(data);
    const store = useConnexStore;
    /** The structure the worker has (or will have once the edits in flight land). */
    let synced: Network = store.getState().network;
    const load = (network: Network) => {
      synced = network;
      client.load(network, data, config);
      useTrainingView.setState({ stale: false });
    };

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
          break;
        case 'params': {
          const trained = client.currentNetwork();
          if (trained) store.getState().replaceNetwork(trained, { recordHistory: false });
          break;
        }
        case 'diverged':
          useTrainingView.setState({ running: false });
          sayTraining('error', event.message);
          break;
        case 'error':
          if (event.editId !== undefined) {
            // The worker refused an edit the canvas accepted (e.g. the data no longer fits): stop and say why.
            client.pause();
            useTrainingView.setState({ stale: true, running: false });
          } else if (event.recoverable) {
            // A load it could not compile: the next change that makes the network trainable loads it again.
            useTrainingView.setState({ stale: true, running: false, compiled: null });
          }
          sayTraining('error', event.message);
          break;
        case 'recovered':
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
        load(state.network);
        return;
      }
      if (useTrainingView.getState().stale) {
        if (trainingBlocker(state.network, shape) === null) load(state.network);
        return;
      }
      const ops = diffNetworks(synced, state.network);
      if (change.kind === 'edit') ops.push(...change.ops.filter((op) => PARAMETER_EDITS.has(op.op)));
      synced = state.network;
      if (ops.length > 0) client.edit(ops);
    });

    if (trainingBlocker(store.getState().network, shape) === null) load(store.getState().network);
    else useTrainingView.setState({ stale: true });
    controls.current = {
      train: () => {
        if (useTrainingView.getState().stale) load(store.getState().network);
        client.start();
        useTrainingView.setState({ running: true, message: null });
      },
      pause: () => client.pause(),
      step: (n) => {
        if (useTrainingView.getState().stale) load(store.getState().network);
        client.step(n);
      },
      reset: (seed) => {
        config.seed = seed;
        client.reset(seed);
      },
      setBackend: (backend) => client.setBackend(backend),
    };
    return () => {
      unsubscribeClient();
      unsubscribeStore();
      client.pause();
    };
  }, []);

  return {
    train: () => controls.current?.train(),
    pause: () => controls.current?.pause(),
    step: (n) => controls.current?.step(n),
    reset: (seed) => controls.current?.reset(seed),
    setBackend: (backend) => controls.current?.setBackend(backend),
  };
}
