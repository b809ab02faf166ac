// `irregular`: DAGs where every neuron reads 2-12 random earlier neurons (tests/bench/irregularDag.ts), 1,000,
// 10,000 and 50,000 neurons, full-batch Adam on 128 samples: ms per step of the executor `createExecutor` picks,
// of the tfjs executor (wasm), and of the plain-JS limit kernel measured in the same run; the chosen executor's
// ratio to the limit (target <= 3 at 1,000 and 10,000) and growth exponent 1,000 -> 50,000 (target <= 1.1).
import { chooseBackend } from '../../../engine/compile/backend';
import { createExecutor } from '../../../engine/train/createExecutor';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import type { BenchRow } from '../format';
import { irregularDag, limitKernel } from '../irregularDag';
import { pickRow } from '../pick';
import { randomData } from '../randomDag';
import { timeJob, timePairPerCall, type BenchOptions } from '../timing';

const CASE = 'irregular';
const BATCH = 128;
const RATE = 0.001;

/** The sizes compared by the growth exponent (the first and the last). */
export function irregularSizes(quick: boolean): number[] {
  return quick ? [120, 240] : [1000, 10_000, 50_000];
}

export async function irregularCase(opts: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes = irregularSizes(opts.quick);
  // The page's default backend in Node is wasm when it starts; the tfjs path is timed there (cpu is slower still).
  const backend = opts.backends.includes('wasm') ? 'wasm' : 'cpu';
  await chooseBackend([backend]);
  const chosenMs: Record<number, number> = {};
  for (const n of sizes) {
    opts.log(`irregular ${n} neurons (chosen executor, limit kernel, tfjs on ${backend})`);
    const network = irregularDag(n);
    const data = { train: randomData(network.inputs.length, network.outputs.length, BATCH) };
    const config = { optimizer: 'adam' as const, learningRate: RATE, batchSize: 'full' as const };
    const chosen = createExecutor(network, data, config, 'auto', backend);
    const measured = { 'typed-array': NaN, tfjs: NaN };
    const kernel = limitKernel(network, BATCH);
    let limit: number;
    try {
      // The chosen executor and the limit kernel take turns, so that both see the same background load.
      const timing = opts.quick ? { warmup: 1, repeats: 1, repeatMs: 5 } : { warmup: 2, repeats: n >= 50_000 ? 3 : 5, repeatMs: 300 };
      const [step, kernelStep] = timePairPerCall(() => chosen.advance(), kernel, timing);
      measured[chosen.kind] = step.ms;
      limit = kernelStep.ms;
    } finally {
      chosen.dispose();
    }
    // The other executor, for the pick's check (tfjs takes seconds a step on the big graphs: timed once).
    const other = chosen.kind === 'tfjs' ? new TypedArrayExecutor(network, data, config) : new TfjsExecutor(network, data, config);
    try {
      other.run(1);
      measured[other.kind] = timeJob(() => other.run(1), opts.quick || n >= 10_000 ? 1 : 3, 0);
    } finally {
      other.dispose();
    }
    chosenMs[n] = measured[chosen.kind];
    const tfjsMs = measured.tfjs;
    const note = `${network.edges.length} connections`;
    rows.push({ case: CASE, system: `connex chosen (${chosen.kind})`, metric: 'ms_per_step', value: chosenMs[n], n, backend, note });
    rows.push({ case: CASE, system: 'connex tfjs', metric: 'ms_per_step', value: tfjsMs, n, backend });
    rows.push({ case: CASE, system: 'plain-JS limit kernel', metric: 'ms_per_step', value: limit, n, backend: 'js', note: 'a multiply-add over the batch per connection, x3' });
    rows.push({ case: CASE, system: 'connex chosen / limit', metric: 'ratio', value: chosenMs[n] / limit, n, backend, note: n <= 10_000 ? 'target <= 3' : undefined });
    rows.push(pickRow(CASE, n, network, 'full', BATCH, backend, measured));
  }
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  rows.push({
    case: CASE,
    system: 'connex chosen',
    metric: 'exponent',
    value: Math.log(chosenMs[last]! / chosenMs[first]!) / Math.log(last / first),
    n: last,
    backend,
    note: `ms_per_step ${first} -> ${last}, target <= 1.1`,
  });
  return rows;
}
