// `seed`: the seed example (12 neurons, 250 points), 1,000 epochs: Connex full-batch Adam and per-sample SGD on the
// typed-array executor and on tfjs per backend, against Synaptic and Neataptic doing per-sample SGD on the same
// graph from the same weights.
import { chooseBackend } from '../../../engine/compile/backend';
import { seedData } from '../../../engine/data/seedData';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import type { Executor } from '../../../engine/train/Executor';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import type { BenchRow } from '../format';
import { neatapticNetwork } from '../peers/neataptic';
import { peerLoss, type PeerNetwork } from '../peers/peerNetwork';
import { synapticNetwork } from '../peers/synaptic';
import { pickRow } from '../pick';
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

type ConnexConfig = { batchSize: number | 'full'; optimizer: 'adam' | 'sgd'; learningRate: number };

/**
 * Trains Connex for `steps` steps on a fresh executor (after a warm-up on another); returns ms (the last loss
 * is read back, so all work is done) and the final loss.
 */
function trainConnex(make: (config: ConnexConfig) => Executor, config: ConnexConfig, steps: number) {
  const warm = make(config);
  warm.run(2);
  warm.dispose();
  const trainer = make(config);
  try {
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

  const adamConfig: ConnexConfig = { batchSize: 'full', optimizer: 'adam', learningRate: ADAM_RATE };
  const sgdConfig: ConnexConfig = { batchSize: 1, optimizer: 'sgd', learningRate: SGD_RATE };
  const small = (config: ConnexConfig) => new TypedArrayExecutor(seedNetwork(0), { train: data }, config);
  // The plain-JS jobs take turns within each repeat, so that all of them see the same background load.
  const jobs: [string, () => { ms: number; loss: number }][] = [
    ['synaptic sgd per-sample', () => trainPeer(() => synapticNetwork(seedNetwork(0)), data, epochs)],
    ['neataptic sgd per-sample', () => trainPeer(() => neatapticNetwork(seedNetwork(0)), data, epochs)],
    ['connex typed-array sgd per-sample', () => trainConnex(small, sgdConfig, epochs * data.inputs.length)],
    ['connex typed-array adam full-batch', () => trainConnex(small, adamConfig, epochs)],
  ];
  opts.log('seed: synaptic, neataptic and connex typed arrays, taking turns');
  trainPeer(() => synapticNetwork(seedNetwork(0)), data, 1);
  trainPeer(() => neatapticNetwork(seedNetwork(0)), data, 1);
  const runs = jobs.map(() => [] as { ms: number; loss: number }[]);
  for (let r = 0; r < repeats; r++) jobs.forEach(([, job], k) => runs[k]!.push(job()));
  jobs.forEach(([system], k) => push(system, 'js', { ms: median(runs[k]!.map((x) => x.ms)), loss: runs[k]![0]!.loss }, epochs));

  const tfjs = (config: ConnexConfig) => new TfjsExecutor(seedNetwork(0), { train: data }, config);
  for (const backend of opts.backends) {
    await chooseBackend([backend]);
    opts.log(`seed: connex tfjs on ${backend}`);
    const adam = Array.from({ length: repeats }, () => trainConnex(tfjs, adamConfig, epochs));
    push('connex tfjs adam full-batch', backend, { ms: median(adam.map((r) => r.ms)), loss: adam[0]!.loss }, epochs);
    const typedAdam = rows.find((r) => r.system === 'connex typed-array adam full-batch' && r.metric === 'ms_total')!.value!;
    rows.push(pickRow(CASE, epochs, seedNetwork(0), 'full', data.inputs.length, backend, { 'typed-array': typedAdam / epochs, tfjs: median(adam.map((r) => r.ms)) / epochs }, 'adam full-batch'));
    // 250,000 tfjs steps would take minutes: time a few epochs and scale the time (the loss is after those epochs).
    const sgdEpochs = opts.quick ? 1 : 8;
    const sgd = trainConnex(tfjs, sgdConfig, sgdEpochs * data.inputs.length);
    push('connex tfjs sgd per-sample', backend, sgd, sgdEpochs, sgdEpochs < epochs ? `timed ${sgdEpochs} epochs, scaled to ${epochs}` : undefined);
    const typedSgd = rows.find((r) => r.system === 'connex typed-array sgd per-sample' && r.metric === 'ms_total')!.value!;
    const perStep = { 'typed-array': typedSgd / (epochs * data.inputs.length), tfjs: sgd.ms / (sgdEpochs * data.inputs.length) };
    rows.push(pickRow(CASE, epochs, seedNetwork(0), 1, data.inputs.length, backend, perStep, 'sgd per-sample'));
  }
  // The target: Connex's same job (per-sample SGD, 1,000 epochs) against the fastest peer's.
  const total = (system: string) => rows.find((r) => r.system === system && r.metric === 'ms_total')?.value ?? Infinity;
  const peer = Math.min(total('synaptic sgd per-sample'), total('neataptic sgd per-sample'));
  rows.push({ case: CASE, system: 'connex typed-array sgd / fastest peer', metric: 'ratio', value: total('connex typed-array sgd per-sample') / peer, n: epochs, backend: 'js' });
  return rows;
}
