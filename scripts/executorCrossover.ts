// Measures where tfjs (cpu, wasm) becomes faster than the typed-array executor, to set SMALL_WORK_LIMIT in
// engine/train/createExecutor.ts. Not a test: timings vary with the machine and its load.
// Run: npx tsx scripts/executorCrossover.ts
import { chooseBackend } from '../engine/compile/backend';
import { SmallExecutor } from '../engine/compile/small/SmallExecutor';
import type { Dataset } from '../engine/data/dataset';
import { createRng, f32, normal } from '../engine/graph/init';
import type { Network } from '../engine/graph/types';
import type { Executor } from '../engine/train/Executor';
import { Trainer } from '../engine/train/Trainer';

/** A dense layered network inputs -> hidden x depth -> outputs with tanh neurons. */
function mlp(inputs: number, width: number, depth: number, outputs: number): Network {
  const rng = createRng(1);
  const layers: string[][] = [];
  let next = 0;
  for (const size of [inputs, ...Array<number>(depth).fill(width), outputs]) layers.push(Array.from({ length: size }, () => String(next++)));
  const edges = [];
  for (let l = 1; l < layers.length; l++) {
    for (const t of layers[l]!) for (const s of layers[l - 1]!) edges.push({ source: s, target: t, weight: f32(0.3 * normal(rng)) });
  }
  return {
    neurons: layers.flat().map((id) => ({ id, bias: 0 })),
    edges,
    inputs: layers[0]!,
    outputs: layers[layers.length - 1]!,
    hiddenActivation: 'tanh',
    outputTransform: 'identity',
  };
}

function data(inputs: number, outputs: number, rows: number): Dataset {
  const rng = createRng(2);
  return {
    inputs: Array.from({ length: rows }, () => Array.from({ length: inputs }, () => rng.next() * 2 - 1)),
    targets: Array.from({ length: rows }, () => Array.from({ length: outputs }, () => rng.next() * 2 - 1)),
  };
}

/** Milliseconds per step: the best of 3 runs of at least 150 ms each, after a warm-up. */
async function msPerStep(ex: Executor): Promise<number> {
  ex.run(5);
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    let steps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 150) {
      ex.run(5);
      steps += 5;
    }
    await ex.readLastHealth();
    best = Math.min(best, (performance.now() - t0) / steps);
  }
  return best;
}

const shapes: [number, number, number][] = [
  [2, 8, 2],
  [4, 16, 2],
  [8, 32, 2],
  [16, 64, 2],
  [16, 128, 2],
];
const rows = 512;

async function main(): Promise<void> {
console.log('params  batch   work      typed-array  tfjs-cpu  tfjs-wasm  (ms/step)');
for (const [inputs, width, depth] of shapes) {
  const net = mlp(inputs, width, depth, 2);
  const d = { train: data(inputs, 2, rows) };
  const params = net.edges.length + net.neurons.length - inputs;
  for (const batch of [1, 32, 512]) {
    const config = { optimizer: 'adam' as const, batchSize: batch, learningRate: 0.001 };
    const small = new SmallExecutor(net, d, config);
    const times: number[] = [await msPerStep(small)];
    for (const backend of ['cpu', 'wasm'] as const) {
      await chooseBackend([backend]);
      const trainer = new Trainer(net, d, config);
      times.push(await msPerStep(trainer));
      trainer.dispose();
    }
    console.log(
      `${String(params).padStart(6)}  ${String(batch).padStart(5)}  ${String(params * batch).padStart(8)}  ${times.map((t) => t.toFixed(3).padStart(10)).join(' ')}`,
    );
  }
}
}

void main();
