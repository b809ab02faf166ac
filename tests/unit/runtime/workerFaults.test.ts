// Fault injection in Node: 50 worker kills at random moments during training, editing and import, through the real
// TrainingClient and real Sessions behind structured-cloning fake Workers. After each: the user is told, the new
// worker starts from the network and the last parameter snapshot the page had, edits in flight are not lost.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { TrainingClient, type ClientEvent } from '../../../components/runtime/TrainingClient';
import { createRng } from '../../../engine/graph/init';
import { seedNetwork } from '../../../engine/graph/seedExample';
import type { Network } from '../../../engine/graph/types';
import type { ToWorker } from '../../../engine/runtime/protocol';
import { FakeWorker } from '../../helpers/fakeWorker';
import { loadMessage } from '../../helpers/sessionHarness';

const TRIALS = 50;
const until = async (pred: () => boolean, what: string, ms = 10_000) => {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loads = (w: FakeWorker) => w.received.filter((m): m is Extract<ToWorker, { type: 'load' }> => m.type === 'load');

const workers: FakeWorker[] = [];
const client = new TrainingClient(() => {
  const w = new FakeWorker();
  workers.push(w);
  return w;
}, { deadAfterMs: 1000, pingMs: 50, compileGraceMs: 5000 });
const events: ClientEvent[] = [];
client.subscribe((e) => events.push(e));
afterAll(() => client.dispose());

const base = loadMessage(0) as Extract<ToWorker, { type: 'load' }>;
const rng = createRng(5150);

/**
 * Kills the current worker (even trials: it goes silent and the watchdog notices; odd trials: it crashes with an
 * error event) and waits for the client to report the replacement. Returns what it said and the replacement.
 */
async function killAndRecover(trial: number): Promise<{ message: string; step: number; worker: FakeWorker }> {
  const seen = events.length;
  const count = workers.length;
  if (trial % 2 === 0) client.killWorker();
  else workers.at(-1)!.onerror?.({ message: `injected crash ${trial}`, preventDefault() {} } as ErrorEvent);
  await until(() => events.slice(seen).some((e) => e.type === 'recovered'), 'the recovered notice');
  const notice = events.slice(seen).find((e) => e.type === 'recovered') as Extract<ClientEvent, { type: 'recovered' }>;
  expect(notice.message).toContain(trial % 2 === 0 ? 'it stopped answering' : `it failed: injected crash ${trial}`);
  // The first replacement (on a starved CPU the watchdog may replace a slow one again; that one starts from the same place).
  return { message: notice.message, step: notice.step, worker: workers[count]! };
}

describe(`worker killed at random moments (${TRIALS} trials)`, () => {
  it('recovers every time: the user is told, network and last snapshot restored, edits in flight replayed', async () => {
    await tf.setBackend('cpu');
    const startTensors = tf.memory().numTensors;
    client.load(base.network, base.data, base.config);
    await until(() => client.currentNetwork() !== null && events.some((e) => e.type === 'compiled'), 'the first compile');
    const tally = { training: 0, editing: 0, import: 0 };
    let replayed = 0;

    for (let trial = 0; trial < TRIALS; trial++) {
      const scenario = (['training', 'editing', 'import'] as const)[trial % 3]!;
      tally[scenario]++;
      if (scenario === 'training') {
        client.start();
        const from = events.length;
        await until(() => events.slice(from).some((e) => e.type === 'params'), 'a snapshot while training');
        await sleep(rng.next() * 200); // a random moment in the run
        const snapshot = client.currentNetwork()!;
        const { message, step, worker } = await killAndRecover(trial);
        expect(message).toMatch(/restarted; the network and its parameters from step \d+ were restored and training resumed/);
        const reload = loads(worker).at(-1)!;
        expect(reload.network).toEqual(snapshot); // exactly the last snapshot the page had
        expect(reload.resume?.step).toBe(step);
        expect(worker.received.some((m) => m.type === 'start')).toBe(true);
        const after = events.length;
        await until(() => events.slice(after).some((e) => e.type === 'progress' && e.running && e.step > step), 'training to go on');
        client.pause();
      } else if (scenario === 'editing') {
        // A label edit (every neuron keeps it) sent at a random moment before the kill; it must survive.
        const net = client.currentNetwork()!;
        const target = net.neurons[trial % net.neurons.length]!.id;
        const label = `trial ${trial}`;
        client.edit([{ op: 'setLabel', id: target, label }]);
        await sleep(rng.next() * 30);
        const before = client.currentNetwork()!;
        const { message, worker } = await killAndRecover(trial);
        expect(message).toMatch(/restarted; the network and its parameters from step \d+ were restored/);
        expect(loads(worker).at(-1)!.network).toEqual(before);
        if (worker.received.some((m) => m.type === 'edit')) replayed++; // the dead worker had not answered it
        await until(() => client.currentNetwork()!.neurons.find((n) => n.id === target)?.label === label, `edit ${trial} to be in the new worker`);
        // Parameters are those of the snapshot: the edit touched none.
        const now = client.currentNetwork()!;
        expect(now.edges.map((e) => e.weight)).toEqual(before.edges.map((e) => e.weight));
      } else {
        // An import: a new network loaded, killed while it compiles or just after.
        const imported: Network = { ...seedNetwork(trial), hiddenActivation: 'tanh' };
        imported.neurons = imported.neurons.map((n) => ({ ...n, label: `import ${trial}` }));
        client.load(imported, base.data, base.config);
        await sleep(rng.next() * 60);
        const { message, worker } = await killAndRecover(trial);
        expect(message).toMatch(/restarted/);
        const reload = loads(worker).at(-1)!;
        expect(reload.network.neurons.map((n) => [n.id, n.label])).toEqual(imported.neurons.map((n) => [n.id, n.label]));
        expect(reload.network.edges.map((e) => [e.source, e.target])).toEqual(imported.edges.map((e) => [e.source, e.target]));
        await until(() => events.some((e) => e.type === 'compiled' && e.runId === loads(worker).at(-1)!.runId), 'the imported network to compile');
      }
    }
    console.log(`worker faults: ${TRIALS} kills (training ${tally.training}, editing ${tally.editing} of which ${replayed} replayed an unanswered edit, import ${tally.import}), ${workers.length} workers`);
    expect(replayed).toBeGreaterThan(0);
    // Every fault was recovered; a starved CPU (parallel test files) may add a watchdog restart of a slow worker.
    expect(workers.length).toBeGreaterThanOrEqual(TRIALS + 1);
    expect(events.filter((e) => e.type === 'recovered').length).toBeGreaterThanOrEqual(TRIALS);
    // The dead workers' sessions released their tensors: only the live one holds any.
    client.pause();
    const live = workers.at(-1)!;
    await live.session.dispose();
    await sleep(50);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(startTensors + 5);
  });

  it('a lost WebGL context restarts training on wasm from the last snapshot', async () => {
    const seen = events.length;
    const count = workers.length;
    client.load(base.network, base.data, base.config);
    await until(() => events.slice(seen).some((e) => e.type === 'params'), 'a snapshot');
    const snapshot = client.currentNetwork()!;
    const runId = loads(workers.at(-1)!).at(-1)!.runId;
    workers.at(-1)!.emit({ type: 'error', runId, code: 'backend/context-lost', message: 'the WebGL context was lost (the GPU was reset or reclaimed); training moves to wasm', recoverable: false });
    await until(() => events.slice(seen).some((e) => e.type === 'recovered'), 'the recovered notice');
    const worker = workers[count]!; // the first replacement
    // The replacement is asked for wasm before it loads the snapshot.
    expect(worker.received[0]).toEqual({ type: 'setBackend', backend: 'wasm' });
    expect(loads(worker)[0]!.network).toEqual(snapshot);
    const notice = events.slice(seen).find((e) => e.type === 'recovered') as Extract<ClientEvent, { type: 'recovered' }>;
    expect(notice.message).toContain('the WebGL context was lost');
    // Node's wasm backend starts without paths.
    await until(() => events.slice(seen).some((e) => e.type === 'ready' && e.backend === 'wasm'), 'wasm to be ready', 20_000);
  });
});

describe('divergence at learning rate 100 (sgd), as in the page', () => {
  it('restores parameters whose loss was seen finite: the progress after it reports a finite loss', async () => {
    const { makeHarness } = await import('../../helpers/sessionHarness');
    for (const seed of [0, 1, 2]) {
      const h = makeHarness();
      await h.send(loadMessage(1, { config: { optimizer: 'sgd', learningRate: 100, seed } }));
      await h.send({ type: 'start', runId: 1 });
      const d = await h.waitFor('diverged');
      const from = h.messages.indexOf(d);
      const progress = await h.waitFor('progress', () => true, from);
      const params = await h.waitFor('params', () => true, from);
      expect(progress.running).toBe(false);
      expect(progress.step).toBe(d.restoredStep);
      expect(Number.isFinite(progress.trainLoss), `seed ${seed}: loss ${progress.trainLoss} after the restore`).toBe(true);
      expect(params.step).toBe(d.restoredStep);
      expect([...params.weights, ...params.biases].every(Number.isFinite)).toBe(true);
      await h.session.dispose();
    }
  });
});
