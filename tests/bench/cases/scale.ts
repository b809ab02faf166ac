// `scale`: random DAGs (average fan-in 8, depth 20) from 100 to 50,000 neurons at batch 128: compile time, ms per
// step, bytes of parameters and optimizer slots, and the growth exponent log(t2/t1)/log(n2/n1) (target <= 1.15).
// Neataptic trains the same graphs per sample (a batch of 128 per step) where it finishes within a minute. The
// connex rows are the tfjs executor; `connex typed-array` and `chooser: ...` rows show what createExecutor picks.
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../../engine/compile/backend';
import { slotCount } from '../../../engine/train/optimizers';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import type { BenchRow } from '../format';
import { neatapticNetwork } from '../peers/neataptic';
import { randomDag, randomData } from '../randomDag';
import { pickRow } from '../pick';
import { median, timeJob, type BenchOptions } from '../timing';

const CASE = 'scale';
const BATCH = 128;
const RATE = 0.001;
/** A peer gets this long per size (building the network and training included) before it is called off. */
const PEER_BUDGET_MS = 60_000;

/** The sizes compared by the growth exponent (the first and the last of the list). */
export function scaleSizes(quick: boolean): number[] {
  return quick ? [60, 120] : [100, 1000, 10_000, 50_000];
}

function exponent(t1: number, t2: number, n1: number, n2: number): number {
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}

class OutOfTime extends Error {}

/** Neataptic on one graph: ms per step of BATCH per-sample backprops (weights updated once per batch), or null. */
function neatapticStep(neurons: number, steps: number): number | null {
  const deadline = performance.now() + PEER_BUDGET_MS;
  const check = () => {
    if (performance.now() > deadline) throw new OutOfTime();
  };
  try {
    const net = neatapticNetwork(randomDag({ neurons }));
    check();
    const data = randomData(8, 8, BATCH);
    const times: number[] = [];
    for (let s = 0; s < steps; s++) {
      const t0 = performance.now();
      data.inputs.forEach((x, i) => {
        net.activate(x);
        net.learn(data.targets[i]!, RATE, i === BATCH - 1);
        check();
      });
      times.push(performance.now() - t0);
    }
    return median(times);
  } catch (e) {
    if (e instanceof OutOfTime) return null;
    throw e;
  }
}

export async function scaleCase(opts: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes = scaleSizes(opts.quick);
  const first = sizes[0] === 100 ? 1000 : sizes[0]!;
  const last = sizes.at(-1)!;
  const typedMs: Record<number, number> = {};
  for (const backend of opts.backends) {
    await chooseBackend([backend]);
    const step: Record<number, number> = {};
    const compile: Record<number, number> = {};
    for (const n of sizes) {
      opts.log(`scale ${n} neurons on ${backend}`);
      const network = randomDag({ neurons: n });
      const data = { train: randomData(network.inputs.length, network.outputs.length, BATCH) };
      const t0 = performance.now();
      const trainer = new TfjsExecutor(network, data, { optimizer: 'adam', learningRate: RATE, batchSize: 'full' });
      compile[n] = performance.now() - t0;
      try {
        const repeats = opts.quick ? 1 : n >= 10_000 ? 3 : 5;
        step[n] = timeJob(() => trainer.run(n >= 10_000 ? 1 : 5), repeats) / (n >= 10_000 ? 1 : 5);
        const bytes = trainer.layout.size * 4 * (1 + slotCount(trainer.settings));
        rows.push({ case: CASE, system: 'connex', metric: 'ms', value: compile[n], n, backend, note: 'compile (plan + upload)' });
        rows.push({ case: CASE, system: 'connex', metric: 'ms_per_step', value: step[n], n, backend });
        if (typedMs[n] === undefined) {
          const typed = new TypedArrayExecutor(network, data, { optimizer: 'adam', learningRate: RATE, batchSize: 'full' });
          typedMs[n] = timeJob(() => typed.run(n >= 10_000 ? 1 : 5), opts.quick ? 1 : 3) / (n >= 10_000 ? 1 : 5);
          rows.push({ case: CASE, system: 'connex typed-array', metric: 'ms_per_step', value: typedMs[n], n, backend: 'js' });
        }
        rows.push(pickRow(CASE, n, network, 'full', BATCH, backend, { 'typed-array': typedMs[n]!, tfjs: step[n] }));
        rows.push({ case: CASE, system: 'connex', metric: 'bytes', value: bytes, n, backend, note: 'parameters + Adam slots' });
      } finally {
        trainer.dispose();
      }
      if (tf.memory().numTensors > 0 && opts.quick) opts.log(`scale: ${tf.memory().numTensors} tensors left on ${backend}`);
    }
    rows.push({ case: CASE, system: 'connex', metric: 'exponent', value: exponent(step[first]!, step[last]!, first, last), n: last, backend, note: `ms_per_step ${first} -> ${last}` });
    rows.push({ case: CASE, system: 'connex', metric: 'exponent', value: exponent(compile[first]!, compile[last]!, first, last), n: last, backend, note: `compile ${first} -> ${last}` });
  }

  const peer: Record<number, number | null> = {};
  let gaveUp = false;
  for (const n of sizes) {
    // Bigger graphs only take longer than one that did not finish.
    if (!gaveUp) opts.log(`scale ${n} neurons on neataptic`);
    peer[n] = gaveUp ? null : neatapticStep(n, opts.quick ? 1 : 2);
    const note = gaveUp ? 'not run: a smaller graph did not finish' : `did not finish within ${PEER_BUDGET_MS / 1000} s`;
    rows.push({ case: CASE, system: 'neataptic', metric: 'ms_per_step', value: peer[n], n, backend: 'js', ...(peer[n] === null ? { note } : {}) });
    gaveUp = peer[n] === null;
  }
  const p1 = peer[first];
  const p2 = peer[last];
  if (p1 != null && p2 != null) rows.push({ case: CASE, system: 'neataptic', metric: 'exponent', value: exponent(p1, p2, first, last), n: last, backend: 'js', note: `ms_per_step ${first} -> ${last}` });
  return rows;
}
