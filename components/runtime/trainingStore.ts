// Ephemeral training state for the UI (what the worker last reported); the document itself lives in
// components/state/store.ts. Plain zustand, updated only by useTrainingSession.
import { create } from 'zustand';
import type { BackendName, ExecutorPreference, FromWorker } from '@/engine/runtime/protocol';

type Progress = Extract<FromWorker, { type: 'progress' }>;
type Compiled = Extract<FromWorker, { type: 'compiled' }>;

export interface TrainingMessage {
  id: number;
  tone: 'error' | 'warning' | 'info';
  text: string;
}

export interface TrainingView {
  backend: BackendName | null;
  /** Why the backend in use is not the one asked for. */
  backendReason: string | null;
  /**
   * Which executor the page asked for (Settings), for this page session: like the backend, a property of this
   * machine's speed rather than of the network (both executors compute the same), so not saved with the document.
   */
  executorPreference: ExecutorPreference;
  compiled: Compiled | null;
  progress: Progress | null;
  running: boolean;
  /** Latest event worth telling the user (divergence, recovery, refused edit). */
  message: TrainingMessage | null;
  /** Set when the worker must be given the network again before training (e.g. after an import). */
  stale: boolean;
  /** Hidden neurons whose output is zero for every training sample, as of the last parameter snapshot. */
  dead: ReadonlySet<string>;
}

export const useTrainingView = create<TrainingView>(() => ({
  backend: null,
  backendReason: null,
  executorPreference: 'auto',
  compiled: null,
  progress: null,
  running: false,
  message: null,
  stale: true,
  dead: new Set(),
}));

let messageId = 0;
/** Shows `text` in the training panel's status line. */
export function sayTraining(tone: TrainingMessage['tone'], text: string): void {
  useTrainingView.setState({ message: { id: ++messageId, tone, text } });
}
