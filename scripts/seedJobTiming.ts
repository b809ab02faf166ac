// Times the seed job on the typed-array executor: the seed example (12 neurons) on its 250 samples for 1,000
// epochs, once with full-batch Adam and once with per-sample SGD (batch size 1). Not a test: numbers depend on
// the machine and its load, so it prints the best of 5 runs, wall clock and CPU time.
// Run: node tests/bench/bundled.mjs scripts/seedJobTiming.ts   (bundled as the app ships it; under tsx every call
// into another module is a getter call, which costs as much as this network's whole step)
import { SmallExecutor } from '../engine/compile/small/SmallExecutor';
import { seedData } from '../engine/data/seedData';
import { seedNetwork } from '../engine/graph/seedExample';
import type { Activation } from '../engine/graph/types';
import type { TrainConfig } from '../engine/graph/trainConfig';

const EPOCHS = 1000;
const SAMPLES = 250;

function best(config: Partial<TrainConfig>, steps: number, activation: Activation): { wall: number; cpu: number; loss: number } {
  let wall = Infinity;
  let cpu = Infinity;
  let loss = NaN;
  for (let rep = 0; rep < 5; rep++) {
    const ex = new SmallExecutor({ ...seedNetwork(0), hiddenActivation: activation }, { train: seedData(SAMPLES) }, config);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    ex.run(steps);
    wall = Math.min(wall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
    if (ex.epochCount !== EPOCHS) throw new Error(`expected ${EPOCHS} epochs, ran ${ex.epochCount}`);
    loss = ex.evaluate();
  }
  return { wall, cpu, loss };
}

for (const activation of ['relu', 'tanh'] as const) {
  const adam = best({ optimizer: 'adam', learningRate: 0.01, batchSize: 'full' }, EPOCHS, activation);
  const sgd = best({ optimizer: 'sgd', learningRate: 0.01, batchSize: 1 }, EPOCHS * SAMPLES, activation);
  for (const [name, r] of [['full-batch Adam', adam], ['per-sample SGD', sgd]] as const) {
    console.log(
      `seed example (${activation}), ${EPOCHS} epochs ${name}: ${r.wall.toFixed(1)} ms wall, ${r.cpu.toFixed(1)} ms CPU ` +
        `(${(r.wall / EPOCHS).toFixed(3)} ms/epoch), final train loss ${r.loss.toFixed(4)}`,
    );
  }
}
