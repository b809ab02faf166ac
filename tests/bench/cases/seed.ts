// `seed`: the seed example (12 neurons, 250 points), 1,000 epochs: Connex full-batch Adam and per-sample SGD on
// each backend, against Synaptic and Neataptic doing per-sample SGD on the same graph from the same weights.
import { chooseBackend } from '../../../engine/compile/backend';
import { seedData } from '../../../engine/data/seedData';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { Trainer } from '../../../engine/train/Trainer';
import type { BenchRow } from '../format';
import { neatapticNetwork } from '../peers/neataptic';
import { peerLoss, type PeerNetwork } from '../peers/peerNetwork';
import { synapticNetwork } from '../peers/synaptic';
import { median, type BenchOptions } from '../timing';

const CASE = 'seed';
/** Per-sample SGD step for everyone; Adam's step for full batch. */
const SGD_RATE = 0.01;
const ADAM_RATE = 0.01;

/** Trains a peer per sample, in data order, for `epochs`; returns ms and the final loss. */
function trainPeer(make: () => PeerNetwork, data: ReturnType<typeof seedData>, epochs: number): { ms: number; loss: number } {
  const net = make();
  const t0 = performance.now();
  for (let e = 0; e < epochs; e++) {
    data.inputs.forEach((x, i) => {
      net.activate(x);
      net.learn(data.targets[i]!, SGD_RATE, true);
    });
  }
  const ms = performance.now() - t0;
  return { ms, loss: peerLoss(net, data) };
}

/** Trains Connex for `steps` steps; returns ms (loss read back at the end, so all work is done) and final loss. */
function trainConnex(config: { batchSize: number | 'full'; optimizer: 'adam' | 'sgd'; learningRate: number }, steps: number) {
  const trainer = new Trainer(seedNetwork(0), { train: seedData() }, config);
  try {
    trainer.run(2);
    trainer.reset(0);
    const t0 = performance.now();
    trainer.run(steps);
    const ms = performance.now() - t0;
    return { ms, loss: trainer.evaluate('train') };
  } finally {
    trainer.dispose();
  }
}

export async function seedCase(opts: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const data = seedData();
  const epochs = opts.quick ? 3 : 1000;
  const repeats = opts.quick ? 1 : 3;
  const push = (system: string, backend: string, r: { ms: number; loss: number }, ranEpochs: number, note?: string) => {
    const scale = epochs / ranEpochs;
    rows.push({ case: CASE, system, metric: 'ms_total', value: r.ms * scale, n: epochs, backend, ...(note ? { note } : {}) });
    rows.push({ case: CASE, system, metric: 'loss', value: r.loss, n: ranEpochs, backend });
  };

  for (const [system, make] of [
    ['synaptic sgd per-sample', () => synapticNetwork(seedNetwork(0))],
    ['neataptic sgd per-sample', () => neatapticNetwork(seedNetwork(0))],
  ] as const) {
    opts.log(`seed: ${system}`);
    trainPeer(make, data, 1);
    const runs = Array.from({ length: repeats }, () => trainPeer(make, data, epochs));
    push(system, 'js', { ms: median(runs.map((r) => r.ms)), loss: runs[0]!.loss }, epochs);
  }

  for (const backend of opts.backends) {
    await chooseBackend([backend]);
    opts.log(`seed: connex on ${backend}`);
    const adam = Array.from({ length: repeats }, () => trainConnex({ batchSize: 'full', optimizer: 'adam', learningRate: ADAM_RATE }, epochs));
    push('connex adam full-batch', backend, { ms: median(adam.map((r) => r.ms)), loss: adam[0]!.loss }, epochs);
    // 250,000 tfjs steps would take minutes: time a few epochs and scale the time (the loss is after those epochs).
    const sgdEpochs = opts.quick ? 1 : 8;
    const sgd = trainConnex({ batchSize: 1, optimizer: 'sgd', learningRate: SGD_RATE }, sgdEpochs * data.inputs.length);
    push('connex sgd per-sample', backend, sgd, sgdEpochs, sgdEpochs < epochs ? `timed ${sgdEpochs} epochs, scaled to ${epochs}` : undefined);
  }
  return rows;
}
