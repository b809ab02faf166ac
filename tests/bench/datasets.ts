// `npm run bench:datasets`: how far each built-in dataset's shipped preset gets in Node (tfjs cpu), and how fast.
// For classification: the first step at which test accuracy passes 0.9, and accuracy at the end; for regression:
// the test loss at the end. Flags: --steps N (default 2000), --json.
import * as tf from '@tensorflow/tfjs';
import { DATASETS, defaultChoice, makeTrainingData } from '../../engine/data/datasets';
import { PRESET_FOR_DATASET, presetById } from '../../engine/graph/presets';
import { TfjsExecutor } from '../../engine/train/TfjsExecutor';

const json = process.argv.includes('--json');
const stepsArg = process.argv.indexOf('--steps');
const MAX_STEPS = stepsArg > 0 ? Number(process.argv[stepsArg + 1]) : 2000;
const EVERY = 25;

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  if (!json) {
    console.log(`backend ${tf.getBackend()}, up to ${MAX_STEPS} steps, evaluated every ${EVERY}`);
    console.log('| dataset | preset | samples (train/test) | test accuracy > 0.9 at step (seconds) | final test accuracy | final test loss | steps | seconds |');
    console.log('|---|---|---|---|---|---|---|---|');
  }
  for (const info of DATASETS) {
    const preset = presetById(PRESET_FOR_DATASET[info.id]);
    const choice = preset.dataset?.id === info.id ? preset.dataset : defaultChoice(info.id);
    const data = makeTrainingData(choice);
    const trainer = new TfjsExecutor(preset.build(), { train: data.train, ...(data.test ? { test: data.test } : {}) }, preset.training?.config ?? {});
    const t0 = performance.now();
    let reached: number | null = null;
    let reachedSeconds: number | null = null;
    let last: { loss: number; accuracy: number | null } | null = null;
    for (let s = 1; s <= MAX_STEPS; s++) {
      trainer.step().dispose();
      if (s % EVERY === 0 || s === MAX_STEPS) {
        last = await trainer.evaluateAsync('test');
        if (reached === null && last?.accuracy != null && last.accuracy > 0.9) {
          reached = s;
          reachedSeconds = (performance.now() - t0) / 1000;
        }
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    trainer.dispose();
    const row = {
      dataset: info.id,
      preset: preset.id,
      train: data.train.inputs.length,
      test: data.test?.inputs.length ?? 0,
      reachedAt: reached,
      reachedSeconds,
      accuracy: last?.accuracy ?? null,
      loss: last?.loss ?? NaN,
      steps: MAX_STEPS,
      seconds,
    };
    if (json) console.log(JSON.stringify(row));
    else {
      const acc = row.accuracy === null ? '—' : row.accuracy.toFixed(3);
      const at = info.task === 'classification' ? (reached === null ? 'not reached' : `${reached} (${reachedSeconds?.toFixed(1)} s)`) : '—';
      console.log(`| ${row.dataset} | ${row.preset} | ${row.train}/${row.test} | ${at} | ${acc} | ${row.loss.toFixed(4)} | ${row.steps} | ${seconds.toFixed(1)} |`);
    }
  }
}

void main();
