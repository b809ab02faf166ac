// `npm run bench`: ms per training step and tfjs ops per step for Connex against tf.layers, in one process.
// Flags: --json (one JSON object per line), --quick (tiny repeats, to keep the script from rotting).
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, type BackendName } from '../../engine/compile/backend';
import { seedData } from '../../engine/data/seedData';
import { seedNetwork } from '../../engine/graph/seedExample';
import { createRng } from '../../engine/graph/init';
import type { Network } from '../../engine/graph/types';
import { Trainer } from '../../engine/train/Trainer';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const REPEATS = quick ? 1 : 5;
const WARMUP = quick ? 2 : 10;
/** Each timed repeat runs about this long (steps are chosen from the warm-up's speed). */
const REPEAT_MS = quick ? 20 : 600;

interface Row {
  case: string;
  system: string;
  metric: 'ms_per_step' | 'ops_per_step';
  value: number;
  n: number;
  backend: string;
}
const rows: Row[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeSteps(step: () => void): { ms: number; n: number } {
  const w0 = performance.now();
  for (let i = 0; i < WARMUP; i++) step();
  const steps = Math.max(3, Math.min(500, Math.round(REPEAT_MS / ((performance.now() - w0) / WARMUP))));
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    times.push((performance.now() - t0) / steps);
  }
  return { ms: median(times), n: steps * REPEATS };
}

async function countOps(step: () => void): Promise<number> {
  return (await tf.profile(step)).kernels.length;
}

function mlpNetwork(sizes: number[]): Network {
  const rng = createRng(1);
  const id = (l: number, i: number) => `${l}_${i}`;
  return {
    neurons: sizes.flatMap((n, l) => Array.from({ length: n }, (_, i) => ({ id: id(l, i), bias: 0 }))),
    edges: sizes.slice(1).flatMap((n, l) =>
      Array.from({ length: sizes[l]! * n }, (_, k) => ({ source: id(l, Math.floor(k / n)), target: id(l + 1, k % n), weight: (rng.next() - 0.5) * 0.5 })),
    ),
    inputs: Array.from({ length: sizes[0]! }, (_, i) => id(0, i)),
    outputs: Array.from({ length: sizes.at(-1)! }, (_, i) => id(sizes.length - 1, i)),
    hiddenActivation: 'relu',
    outputTransform: 'identity',
  };
}

async function connexCase(name: string, network: Network, data: { inputs: number[][]; targets: number[][] }, batch: number | 'full', backend: string) {
  const trainer = new Trainer(network, { train: data }, { optimizer: 'adam', learningRate: 0.001, batchSize: batch });
  const step = () => trainer.step().dispose();
  const { ms, n } = timeSteps(step);
  const ops = await countOps(step);
  trainer.dispose();
  rows.push({ case: name, system: 'connex', metric: 'ms_per_step', value: ms, n, backend });
  rows.push({ case: name, system: 'connex', metric: 'ops_per_step', value: ops, n: 1, backend });
}

async function layersCase(name: string, sizes: number[], data: { inputs: number[][]; targets: number[][] }, batch: number, backend: string) {
  const model = tf.sequential();
  sizes.slice(1).forEach((units, i) =>
    model.add(tf.layers.dense({ units, activation: i === sizes.length - 2 ? 'linear' : 'relu', ...(i === 0 ? { inputShape: [sizes[0]!] } : {}) })),
  );
  const optimizer = tf.train.adam(0.001, 0.9, 0.999, 1e-8);
  const x = tf.tensor2d(data.inputs.slice(0, batch));
  const y = tf.tensor2d(data.targets.slice(0, batch));
  const step = () => {
    const loss = optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true);
    loss?.dispose();
  };
  const { ms, n } = timeSteps(step);
  const ops = await countOps(step);
  rows.push({ case: name, system: 'tf.layers', metric: 'ms_per_step', value: ms, n, backend });
  rows.push({ case: name, system: 'tf.layers', metric: 'ops_per_step', value: ops, n: 1, backend });
  x.dispose();
  y.dispose();
  optimizer.dispose();
  model.dispose();
}

function randomData(nIn: number, nOut: number, n: number) {
  const rng = createRng(2);
  return {
    inputs: Array.from({ length: n }, () => Array.from({ length: nIn }, () => rng.next() * 2 - 1)),
    targets: Array.from({ length: n }, () => Array.from({ length: nOut }, () => rng.next() * 2 - 1)),
  };
}

async function main() {
  for (const backend of ['cpu', 'wasm'] as BackendName[]) {
    await chooseBackend([backend]);
    await connexCase('seed (full batch 250)', seedNetwork(0), seedData(), 'full', backend);
    const small = [2, 16, 16, 1];
    const smallData = randomData(2, 1, 64);
    await connexCase('mlp 2-16-16-1 (batch 64)', mlpNetwork(small), smallData, 'full', backend);
    await layersCase('mlp 2-16-16-1 (batch 64)', small, smallData, 64, backend);
    if (!quick) {
      const big = [64, 256, 256, 256, 10];
      const bigData = randomData(64, 10, 256);
      await connexCase('mlp 64-256-256-256-10 (batch 256)', mlpNetwork(big), bigData, 'full', backend);
      await layersCase('mlp 64-256-256-256-10 (batch 256)', big, bigData, 256, backend);
    }
  }
  if (json) {
    for (const r of rows) console.log(JSON.stringify(r));
    return;
  }
  const cases = [...new Set(rows.map((r) => `${r.case}|${r.backend}`))];
  console.log(`${'case'.padEnd(36)}${'backend'.padEnd(9)}${'system'.padEnd(11)}${'ms/step'.padStart(9)}${'ops/step'.padStart(10)}${'vs tf.layers'.padStart(14)}`);
  for (const c of cases) {
    const [name, backend] = c.split('|');
    const of = (system: string, metric: Row['metric']) => rows.find((r) => r.case === name && r.backend === backend && r.system === system && r.metric === metric)?.value;
    const layersMs = of('tf.layers', 'ms_per_step');
    for (const system of ['connex', 'tf.layers']) {
      const ms = of(system, 'ms_per_step');
      if (ms === undefined) continue;
      const ratio = layersMs ? `${(ms / layersMs).toFixed(2)}x` : '';
      console.log(`${name!.padEnd(36)}${backend!.padEnd(9)}${system.padEnd(11)}${ms.toFixed(3).padStart(9)}${String(of(system, 'ops_per_step')).padStart(10)}${ratio.padStart(14)}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
