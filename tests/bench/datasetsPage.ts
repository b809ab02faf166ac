// The page side of `npm run bench:datasets:browser`: trains each dataset's shipped preset in the browser on one
// backend and reports steps and seconds to test accuracy > 0.9 (classification) or the loss after a fixed budget.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { chooseBackend } from '../../engine/compile/backend';
import { DATASETS, defaultChoice, makeTrainingData } from '../../engine/data/datasets';
import { PRESET_FOR_DATASET, presetById } from '../../engine/graph/presets';
import type { BackendName } from '../../engine/runtime/protocol';
import { TfjsExecutor } from '../../engine/train/TfjsExecutor';

interface Row {
  dataset: string;
  preset: string;
  backend: string;
  steps: number;
  seconds: number;
  reached: boolean;
  accuracy: number | null;
  loss: number;
}

async function runAll(backend: BackendName, maxSeconds: number, regressionSteps: number): Promise<Row[]> {
  setWasmPaths('/wasm/');
  const choice = await chooseBackend([backend]);
  const rows: Row[] = [];
  for (const info of DATASETS) {
    const preset = presetById(PRESET_FOR_DATASET[info.id]);
    const data = makeTrainingData(preset.dataset?.id === info.id ? preset.dataset : defaultChoice(info.id));
    const trainer = new TfjsExecutor(preset.build(), { train: data.train, ...(data.test ? { test: data.test } : {}) }, preset.training?.config ?? {});
    const t0 = performance.now();
    let steps = 0;
    let last = await trainer.evaluateAsync('test');
    let reached = false;
    for (;;) {
      for (let k = 0; k < 25; k++) tf.dispose(trainer.step());
      steps += 25;
      last = await trainer.evaluateAsync('test');
      const seconds = (performance.now() - t0) / 1000;
      if (info.task === 'classification' && (last?.accuracy ?? 0) > 0.9) {
        reached = true;
        break;
      }
      if (info.task === 'regression' && steps >= regressionSteps) break;
      if (seconds > maxSeconds) break;
    }
    rows.push({ dataset: info.id, preset: preset.id, backend: choice.backend, steps, seconds: (performance.now() - t0) / 1000, reached, accuracy: last?.accuracy ?? null, loss: last?.loss ?? NaN });
    trainer.dispose();
  }
  return rows;
}

(globalThis as unknown as { runAll: typeof runAll }).runAll = runAll;
