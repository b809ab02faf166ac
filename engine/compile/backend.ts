// Chooses the tfjs backend and reports the one actually in use (tf.setBackend falls back silently).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

import type { BackendName } from '../runtime/protocol';

export type { BackendName };

/** The backend in use and, when it is not the first one asked for, why. */
export interface BackendChoice {
  backend: BackendName;
  /** Why earlier preferences were not used, e.g. "webgl could not start". */
  reason?: string;
}

/**
 * Tries `preferences` in order and returns the first that starts. Production mode is enabled
 * (no per-op debug checks, no console banners).
 * @example await chooseBackend(['wasm', 'cpu']) // { backend: 'wasm' }
 */
export async function chooseBackend(preferences: readonly BackendName[]): Promise<BackendChoice> {
  tf.enableProdMode();
  const failures: string[] = [];
  for (const name of preferences) {
    let ok = false;
    try {
      ok = await tf.setBackend(name);
      await tf.ready();
    } catch (e) {
      failures.push(`${name} could not start (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    if (ok && tf.getBackend() === name) {
      return failures.length ? { backend: name, reason: failures.join('; ') } : { backend: name };
    }
    failures.push(`${name} could not start`);
  }
  throw new Error(`no TensorFlow.js backend could start: ${failures.join('; ')}`);
}
