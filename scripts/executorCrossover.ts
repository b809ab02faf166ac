// Calibrates the executors' cost model (COST_MODEL in engine/train/costModel.ts): times the typed-array executor
// and the tfjs executor (cpu, wasm) on dense MLPs and irregular DAGs at several batch sizes, fits each model's
// constants by non-negative least squares on relative error, and prints them with each shape's pick. Not a test:
// timings vary with the machine and its load.
// Run bundled, as the app ships: node tests/bench/bundled.mjs scripts/executorCrossover.ts [--quick]
import { chooseBackend } from '../engine/compile/backend';
import { planLayout } from '../engine/compile/layout';
import type { Dataset } from '../engine/data/dataset';
import { seedNetwork } from '../engine/graph/seedExample';
import type { Network } from '../engine/graph/types';
import { COST_MODEL, predictStepMs, stepShape, tfjsTerms, typedArrayTerms, type StepShape } from '../engine/train/costModel';
import type { Executor } from '../engine/train/Executor';
import { TfjsExecutor } from '../engine/train/TfjsExecutor';
import { TypedArrayExecutor } from '../engine/train/TypedArrayExecutor';
import { irregularDag } from '../tests/bench/irregularDag';
import { mlpNetwork } from '../tests/bench/cases/mlp';
import { randomDag, randomData } from '../tests/bench/randomDag';

const quick = process.argv.includes('--quick');

/** Milliseconds per step of one run of at least `budget` ms (at least 2 steps). */
async function runMs(ex: Executor, budget: number): Promise<number> {
  let steps = 0;
  const t0 = performance.now();
  while (steps < 2 || performance.now() - t0 < budget) {
    ex.advance();
    steps++;
  }
  await ex.readLastHealth();
  return (performance.now() - t0) / steps;
}

/**
 * Milliseconds per step of `a` and `b`: the fastest of 5 runs each, after a warm-up, the runs taking turns (a, b,
 * a, b...) so that both see the same background load. The fastest, not the median: on a shared machine the other
 * runs mostly measure the load.
 */
async function pairMs(a: Executor, b: Executor, budget: number): Promise<[number, number]> {
  for (const ex of [a, b]) {
    ex.run(2);
    await ex.readLastHealth();
  }
  let ta = Infinity;
  let tb = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    ta = Math.min(ta, await runMs(a, budget));
    tb = Math.min(tb, await runMs(b, budget));
  }
  return [ta, tb];
}

/** Non-negative least squares by cyclic coordinate descent: min sum_i (sum_j x_ij c_j - y_i)^2 with c >= 0. */
function nnls(x: number[][], y: number[], iterations = 20000): number[] {
  const m = x[0]!.length;
  const c = new Array<number>(m).fill(0);
  const r = y.map((yi) => -yi);
  const norms = Array.from({ length: m }, (_, j) => x.reduce((s, row) => s + row[j]! * row[j]!, 0));
  for (let it = 0; it < iterations; it++) {
    for (let j = 0; j < m; j++) {
      if (norms[j] === 0) continue;
      const g = x.reduce((s, row, i) => s + row[j]! * r[i]!, 0);
      const next = Math.max(0, c[j]! - g / norms[j]!);
      const delta = next - c[j]!;
      if (delta !== 0) x.forEach((row, i) => (r[i] = r[i]! + row[j]! * delta));
      c[j] = next;
    }
  }
  return c;
}

interface Sample {
  name: string;
  shape: StepShape;
  ms: Record<'typed-array' | 'cpu' | 'wasm', number>;
}

function data(net: Network, rows: number): Dataset {
  return randomData(net.inputs.length, net.outputs.length, rows);
}

async function main(): Promise<void> {
  const nets: { name: string; net: Network; batches: number[] }[] = [
    { name: 'seed example', net: seedNetwork(0), batches: [250] },
    { name: 'mlp 2-8-8-1', net: mlpNetwork([2, 8, 8, 1]), batches: [1, 32, 256] },
    { name: 'mlp 2-16-16-1', net: mlpNetwork([2, 16, 16, 1]), batches: [64] },
    { name: 'mlp 4-16-16-2', net: mlpNetwork([4, 16, 16, 2]), batches: [1, 64, 256] },
    { name: 'mlp 8-32-32-2', net: mlpNetwork([8, 32, 32, 2]), batches: [32, 256] },
    { name: 'mlp 16-64-64-2', net: mlpNetwork([16, 64, 64, 2]), batches: [32, 256] },
    { name: 'mlp 16-128-128-2', net: mlpNetwork([16, 128, 128, 2]), batches: [32, 512] },
    { name: 'mlp 64-256x3-10', net: mlpNetwork([64, 256, 256, 256, 10]), batches: [8, 32, 256] },
    { name: 'layered dag 1000', net: randomDag({ neurons: 1000 }), batches: [128] },
    { name: 'irregular 200', net: irregularDag(200), batches: [32, 128] },
    { name: 'irregular 1000', net: irregularDag(1000), batches: [32, 128] },
    { name: 'irregular 3000', net: irregularDag(3000), batches: [128] },
  ];
  const samples: Sample[] = [];
  for (const { name, net, batches } of quick ? nets.slice(0, 2) : nets) {
    const layout = planLayout(net);
    for (const batch of quick ? batches.slice(0, 1) : batches) {
      const d = { train: data(net, Math.max(batch, 256)) };
      const config = { optimizer: 'adam' as const, batchSize: batch, learningRate: 0.001 };
      const typed = new TypedArrayExecutor(net, d, config);
      const ms: Sample['ms'] = { 'typed-array': Infinity, cpu: NaN, wasm: NaN };
      for (const backend of ['cpu', 'wasm'] as const) {
        await chooseBackend([backend]);
        const ex = new TfjsExecutor(net, d, config);
        const [typedMs, tfjsMs] = await pairMs(typed, ex, 100);
        ms['typed-array'] = Math.min(ms['typed-array'], typedMs);
        ms[backend] = tfjsMs;
        ex.dispose();
      }
      samples.push({ name, shape: stepShape(layout, batch), ms });
      process.stderr.write(`${name} batch ${batch}: ${JSON.stringify(ms)}\n`);
    }
  }

  // Relative error: each row divided by its measured time, so 0.05 ms and 500 ms steps weigh alike.
  const fit = (rows: number[][], ys: number[]) => nnls(rows.map((row, i) => row.map((v) => v / ys[i]!)), ys.map(() => 1));
  const typedC = fit(
    samples.map(({ shape }) => typedArrayTerms(shape)),
    samples.map((s) => s.ms['typed-array']),
  );
  const model = structuredClone(COST_MODEL);
  model.typedArray = { fixed: typedC[0]!, perConnectionSample: typedC[1]!, perNeuronSample: typedC[2]!, perParameter: typedC[3]! };
  for (const backend of ['cpu', 'wasm'] as const) {
    const c = fit(samples.map(({ shape }) => tfjsTerms(shape)), samples.map((s) => s.ms[backend]));
    model.tfjs[backend] = { fixed: c[0]!, perLevel: c[1]!, perEntry: c[2]!, perEntrySample: c[3]!, perGatheredSample: c[4]! };
  }
  const g = (x: number) => Number(x.toPrecision(2));
  console.log('fitted constants (paste into COST_MODEL):');
  console.log(`  typedArray: ${JSON.stringify(Object.fromEntries(Object.entries(model.typedArray).map(([k, v]) => [k, g(v)])))}`);
  for (const b of ['cpu', 'wasm'] as const) console.log(`  ${b}: ${JSON.stringify(Object.fromEntries(Object.entries(model.tfjs[b]).map(([k, v]) => [k, g(v)])))}`);
  console.log('\nshape                  batch  typed-array   tfjs-cpu  tfjs-wasm   predicted (typed / cpu / wasm)   pick wasm   right');
  for (const s of samples) {
    const p = (k: 'typed-array' | 'tfjs', b: 'cpu' | 'wasm') => predictStepMs(k, s.shape, b, model);
    const pickWasm = p('tfjs', 'wasm') < p('typed-array', 'wasm') ? 'tfjs' : 'typed-array';
    const fastest = s.ms.wasm < s.ms['typed-array'] ? 'tfjs' : 'typed-array';
    console.log(
      `${s.name.padEnd(22)} ${String(s.shape.batch).padStart(5)} ${[s.ms['typed-array'], s.ms.cpu, s.ms.wasm].map((t) => t.toFixed(3).padStart(10)).join(' ')}   ${[p('typed-array', 'cpu'), p('tfjs', 'cpu'), p('tfjs', 'wasm')].map((t) => t.toFixed(2)).join(' / ').padEnd(30)} ${pickWasm.padStart(11)}   ${pickWasm === fastest ? 'yes' : 'NO'}`,
    );
  }
}

void main();
