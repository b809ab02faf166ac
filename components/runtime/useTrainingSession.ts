// The hook that gives the page its one training runtime (components/runtime/TrainingRuntime.ts) and the controls
// the training panel's buttons call. All the logic lives in the class; this only creates and ends it.
'use client';
import { useEffect, useRef } from 'react';
import { useConnexStore } from '@/components/state/store';
import { TrainingRuntime, type TrainingControls } from './TrainingRuntime';
import type { TrainingClient } from './TrainingClient';

export type { TrainingControls } from './TrainingRuntime';
export { dataShape } from './TrainingRuntime';

let runtime: TrainingRuntime | null = null;

/** The page's training client, for the views and the CSV import (null before the session starts). */
export function trainingClient(): TrainingClient | null {
  return runtime?.client ?? null;
}

/** Starts the page's training runtime for the life of the component; returns the controls. */
export function useTrainingSession(): TrainingControls {
  useEffect(() => {
    // StrictMode mounts effects twice in development: the second mount makes a new runtime after the first ended.
    const own = new TrainingRuntime({
      store: useConnexStore,
      createWorker: () => new Worker(new URL('../../engine/runtime/training.worker.ts', import.meta.url), { type: 'module' }),
    });
    runtime = own;
    // For people debugging in devtools and for the fault-injection e2e test.
    (window as unknown as { __connexTraining?: TrainingClient }).__connexTraining = own.client;
    return () => {
      own.dispose();
      if (runtime === own) runtime = null;
    };
  }, []);

  // One object for the component's life, so memoised children that take these controls do not re-render.
  const stable = useRef<TrainingControls | null>(null);
  stable.current ??= {
    train: () => runtime?.controls.train(),
    pause: () => runtime?.controls.pause(),
    step: (n) => runtime?.controls.step(n),
    reset: (seed) => runtime?.controls.reset(seed),
    setBackend: (backend) => runtime?.controls.setBackend(backend),
    setExecutor: (executor) => runtime?.controls.setExecutor(executor),
    configure: (patch) => runtime?.controls.configure(patch),
  };
  return stable.current;
}
