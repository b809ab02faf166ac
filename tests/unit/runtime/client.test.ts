import { afterEach, describe, expect, it } from 'vitest';
import { TrainingClient, type ClientEvent } from '../../../components/runtime/TrainingClient';
import type { ToWorker } from '../../../engine/runtime/protocol';
import { FakeWorker } from '../../helpers/fakeWorker';
import { loadMessage } from '../../helpers/sessionHarness';

let client: TrainingClient | null = null;
afterEach(() => client?.dispose());

const until = async (pred: () => boolean, ms = 10_000) => {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('TrainingClient', () => {
  it('replaces a dead worker and resumes training from the last parameter snapshot', async () => {
    const workers: FakeWorker[] = [];
    client = new TrainingClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, { deadAfterMs: 300, pingMs: 50 });
    const events: ClientEvent[] = [];
    client.subscribe((e) => events.push(e));
    const load = loadMessage(0);
    if (load.type !== 'load') throw new Error();
    client.load(load.network, load.data, load.config);
    client.start();
    await until(() => events.some((e) => e.type === 'params' && e.step > 30));
    const snapshot = client.currentNetwork()!;
    client.killWorker();
    await until(() => events.some((e) => e.type === 'recovered'));
    const recovered = events.find((e) => e.type === 'recovered') as Extract<ClientEvent, { type: 'recovered' }>;
    expect(recovered.message).toMatch(/restarted.*restored.*training resumed/);
    expect(workers).toHaveLength(2);
    const reload = workers[1]!.received.find((m) => m.type === 'load') as Extract<ToWorker, { type: 'load' }>;
    expect(reload.resume!.step).toBe(recovered.step);
    expect(recovered.step).toBeGreaterThan(30);
    // The new worker starts from the last snapshot the page had (at most one snapshot interval lost).
    expect(reload.network.edges.map((e) => e.weight)).toEqual(snapshot.edges.map((e) => e.weight));
    expect(workers[1]!.received.some((m) => m.type === 'start')).toBe(true);
    const after = events.length;
    await until(() => events.slice(after).some((e) => e.type === 'progress' && e.running && e.step > recovered.step + 10));
    client.pause();
  });

  it('drops messages of an older run', async () => {
    client = new TrainingClient(() => new FakeWorker(), { deadAfterMs: 5000, pingMs: 1000 });
    const events: ClientEvent[] = [];
    client.subscribe((e) => events.push(e));
    const load = loadMessage(0);
    if (load.type !== 'load') throw new Error();
    client.load(load.network, load.data, load.config);
    const second = client.load(load.network, load.data, load.config);
    client.step(3);
    await until(() => events.some((e) => e.type === 'progress' && e.step === 3));
    expect(events.every((e) => !('runId' in e) || e.runId === second)).toBe(true);
  });
});
