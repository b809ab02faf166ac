// Drives a worker Session in Node with a fake `post`, collecting what it sends.
import { seedData } from '../../engine/data/seedData';
import { seedNetwork } from '../../engine/graph/seedExample';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../engine/graph/trainConfig';
import type { Network } from '../../engine/graph/types';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker, type TrainingData } from '../../engine/runtime/protocol';
import { Session, type SessionOptions } from '../../engine/runtime/session';

export interface Harness {
  session: Session;
  messages: FromWorker[];
  send(m: ToWorker): Promise<void>;
  /** Resolves with the first message (after `from`) matching `pred`, or rejects after `timeoutMs`. */
  waitFor<T extends FromWorker['type']>(type: T, pred?: (m: Extract<FromWorker, { type: T }>) => boolean, from?: number, timeoutMs?: number): Promise<Extract<FromWorker, { type: T }>>;
  of<T extends FromWorker['type']>(type: T): Extract<FromWorker, { type: T }>[];
}

/** A session on the cpu backend; `options` override (e.g. `executor: 'tfjs'` to test the tfjs path on a small network). */
export function makeHarness(options: Partial<SessionOptions> = {}): Harness {
  const messages: FromWorker[] = [];
  const session = new Session((m) => messages.push(m), { backends: ['cpu'], ...options });
  const of = <T extends FromWorker['type']>(type: T) => messages.filter((m) => m.type === type) as Extract<FromWorker, { type: T }>[];
  return {
    session,
    messages,
    send: (m) => session.handle(m),
    of,
    waitFor(type, pred = () => true, from = 0, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const hit = messages.slice(from).find((m) => m.type === type && pred(m as never));
          if (hit) return resolve(hit as never);
          if (Date.now() - started > timeoutMs) return reject(new Error(`no ${type} message within ${timeoutMs} ms`));
          setTimeout(check, 5);
        };
        check();
      });
    },
  };
}

/** A `load` message for the seed example (or another network) on its data. */
export function loadMessage(runId: number, opts: { network?: Network; config?: Partial<TrainConfig>; data?: TrainingData } = {}): ToWorker {
  return {
    type: 'load',
    version: PROTOCOL_VERSION,
    runId,
    network: opts.network ?? { ...seedNetwork(0), hiddenActivation: 'tanh' },
    data: opts.data ?? { train: seedData(), test: seedData(25), task: 'regression' },
    config: { ...DEFAULT_TRAIN_CONFIG, ...opts.config },
  };
}
