// A compile that never finishes (WebGL shader compilation on a software renderer) must not make the client re-send
// the same load on the same backend forever: it moves on (webgl -> wasm -> cpu), backs off, says so, and stops.
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingClient, type ClientEvent, type WorkerLike } from '../../../components/runtime/TrainingClient';
import { PROTOCOL_VERSION, type BackendName, type FromWorker, type ToWorker } from '../../../engine/runtime/protocol';
import { loadMessage } from '../../helpers/sessionHarness';

/** A scripted worker: answers pings and setBackend; a load on a backend in `hangsOn` blocks it for good (silence). */
class ScriptedWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: ToWorker[] = [];
  backend: BackendName = 'webgl';
  blocked = false;
  constructor(private readonly hangsOn: ReadonlySet<BackendName>) {}
  postMessage(m: ToWorker): void {
    this.received.push(m);
    if (this.blocked) return;
    const reply = (r: FromWorker) => setTimeout(() => this.onmessage?.({ data: r } as MessageEvent<FromWorker>), 0);
    if (m.type === 'ping') reply({ type: 'pong', id: m.id });
    else if (m.type === 'setBackend') {
      this.backend = m.backend;
      reply({ type: 'ready', version: PROTOCOL_VERSION, backend: m.backend });
    } else if (m.type === 'load') {
      reply({ type: 'ready', version: PROTOCOL_VERSION, backend: this.backend });
      if (this.hangsOn.has(this.backend)) this.blocked = true;
      else reply({ type: 'compiled', runId: m.runId, neurons: 1, edges: 1, levels: 1, parameters: 1, executor: 'tfjs', opsPerStep: 1, preference: 'auto', auto: { kind: 'tfjs', predictedMs: { tfjs: 1, 'typed-array': 2 } } });
    }
  }
  terminate(): void {
    this.blocked = true;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (pred: () => boolean, ms = 5000) => {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await sleep(5);
  }
};

let client: TrainingClient | null = null;
afterEach(() => client?.dispose());

function setUp(hangsOn: BackendName[]) {
  const workers: ScriptedWorker[] = [];
  client = new TrainingClient(() => {
    const w = new ScriptedWorker(new Set(hangsOn));
    workers.push(w);
    return w;
  }, { deadAfterMs: 1000, pingMs: 10, compileGraceMs: 60 });
  const events: ClientEvent[] = [];
  client.subscribe((e) => events.push(e));
  const load = loadMessage(0) as Extract<ToWorker, { type: 'load' }>;
  client.load(load.network, load.data, load.config);
  return { workers, events };
}

describe('compile timeouts', () => {
  it('a WebGL compile that never finishes moves training to wasm, says so, and stays there', async () => {
    const { workers, events } = setUp(['webgl']);
    await until(() => events.some((e) => e.type === 'compiled'));
    await sleep(300); // many grace periods: nothing more may happen
    expect(workers).toHaveLength(2);
    const second = workers[1]!.received.filter((m) => m.type !== 'ping');
    expect(second.map((m) => m.type)).toEqual(['setBackend', 'load']);
    expect(second[0]).toMatchObject({ type: 'setBackend', backend: 'wasm' });
    const notices = events.filter((e) => e.type === 'recovered');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/did not finish compiling on webgl within .* restarted on wasm/);
  });

  it('when no backend compiles: wasm, then cpu with a longer grace each time, then it stops and says why', async () => {
    const { workers, events } = setUp(['webgl', 'wasm', 'cpu']);
    await until(() => events.some((e) => e.type === 'error'), 5000);
    const backends = workers.map((w) => w.received.find((m) => m.type === 'setBackend')?.backend ?? 'webgl');
    expect(backends).toEqual(['webgl', 'wasm', 'cpu', 'cpu', 'cpu']);
    const notices = events.filter((e): e is Extract<ClientEvent, { type: 'recovered' }> => e.type === 'recovered').map((e) => e.message);
    expect(notices[2]).toMatch(/on cpu within 60 ms; waiting up to 120 ms this time/);
    const error = events.find((e) => e.type === 'error') as Extract<ClientEvent, { type: 'error' }>;
    expect(error.code).toBe('worker/compile-timeout');
    expect(error.message).toMatch(/could not compile this network on any backend/);
    const count = workers.length;
    await sleep(600);
    expect(workers).toHaveLength(count); // no loop
  });

  it('after it stopped, the next load gets a fresh worker with every choice the page made (backend, speed, executor)', async () => {
    const { workers, events } = setUp(['webgl', 'wasm', 'cpu']);
    await until(() => events.some((e) => e.type === 'error'), 5000);
    client!.pace(20);
    client!.setExecutor('typed-array');
    const load = loadMessage(0) as Extract<ToWorker, { type: 'load' }>;
    const count = workers.length;
    client!.load(load.network, load.data, load.config);
    expect(workers).toHaveLength(count + 1);
    const fresh = workers.at(-1)!.received.filter((m) => m.type !== 'ping');
    expect(fresh.map((m) => m.type)).toEqual(['setBackend', 'pace', 'setExecutor', 'load']);
    expect(fresh[0]).toMatchObject({ backend: 'cpu' });
    expect(fresh[1]).toMatchObject({ stepsPerSecond: 20 });
    expect(fresh[2]).toMatchObject({ executor: 'typed-array' });
  });
});
