// The soak run: a worker Session in Node trained for many steps with an edit every `editEvery` steps (add a
// connection, remove it, add a wired neuron, remove it: the structure comes back every 4 edits), measuring tfjs's
// tensor count and the JS heap (after a forced GC) at the start and the end. Used by `npm run soak` and a unit test.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import type { EditOp } from '../engine/graph/editOps';
import { seedData } from '../engine/data/seedData';
import { seedNetwork } from '../engine/graph/seedExample';
import { DEFAULT_TRAIN_CONFIG } from '../engine/graph/trainConfig';
import { PROTOCOL_VERSION, type FromWorker } from '../engine/runtime/protocol';
import { Session } from '../engine/runtime/session';

export interface SoakOptions {
  steps: number;
  editEvery: number;
  /** Called after each block of `editEvery` steps (for progress output). */
  onBlock?: (done: number, sample: SoakSample) => void;
}

export interface SoakSample {
  step: number;
  tensors: number;
  heapMB: number;
}

export interface SoakResult {
  start: SoakSample;
  end: SoakSample;
  /** Samples at every 4th edit (the same structure as the start), for the trend. */
  samples: SoakSample[];
  steps: number;
  edits: number;
  refusedEdits: number;
  messages: number;
  seconds: number;
  backend: string;
}

/** A full garbage collection, so heap figures measure what is live, not what is waiting to be collected. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function sample(step: number): SoakSample {
  collectGarbage();
  return { step, tensors: tf.memory().numTensors, heapMB: process.memoryUsage().heapUsed / 2 ** 20 };
}

/** Edit number `k` of the cycle: +0->11, -0->11, +wired neuron, -that neuron. */
function editFor(k: number): EditOp[] {
  const id = `soak${Math.floor(k / 4)}`;
  switch (k % 4) {
    case 0:
      return [{ op: 'addConnections', connections: [['0', '11']] }];
    case 1:
      return [{ op: 'removeConnections', connections: [['0', '11']] }];
    case 2:
      return [
        { op: 'addNeurons', neurons: [{ id, role: 'hidden' }] },
        { op: 'addConnections', connections: [['0', id], [id, '11']] },
      ];
    default:
      return [{ op: 'removeNeurons', ids: [`soak${Math.floor((k - 2) / 4)}`] }];
  }
}

/**
 * Runs the soak. Each block is one `step` message of `editEvery` steps, then one `edit` message.
 * @example const r = await runSoak({ steps: 5000, editEvery: 1000 }); r.end.tensors === r.start.tensors
 */
export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  let messages = 0;
  let refusedEdits = 0;
  let lastStep = 0;
  let backend = '';
  let waiting: { done: (m: FromWorker) => boolean; resolve: () => void } | null = null;
  const session = new Session(
    (m) => {
      messages++;
      if (m.type === 'ready') backend = m.backend;
      if (m.type === 'params') lastStep = m.step;
      if (m.type === 'error') {
        if (m.editId === undefined) throw new Error(`soak: the session failed: ${m.code} ${m.message}`);
        refusedEdits++;
      }
      if (m.type === 'diverged') throw new Error(`soak: training diverged: ${m.message}`);
      if (waiting?.done(m)) {
        const w = waiting;
        waiting = null;
        w.resolve();
      }
    },
    { backends: ['cpu'], yieldNow: () => new Promise((resolve) => setImmediate(resolve)) },
  );
  const until = (done: (m: FromWorker) => boolean, send: () => Promise<void>) =>
    new Promise<void>((resolve) => {
      waiting = { done, resolve };
      void send();
    });
  /** Sends an edit and waits for its answer (applied or refused). */
  const edit = (editId: number, ops: EditOp[]) =>
    until((m) => (m.type === 'edited' || m.type === 'error') && m.editId === editId, () => session.handle({ type: 'edit', runId: 1, editId, ops }));
  /** Takes exactly `n` steps and waits for the snapshot that ends them. */
  const steps = (n: number) => {
    const target = lastStep + n;
    return until((m) => m.type === 'params' && m.step === target, () => session.handle({ type: 'step', runId: 1, n }));
  };

  const t0 = performance.now();
  const network = { ...seedNetwork(0), hiddenActivation: 'tanh' as const };
  await session.handle({
    type: 'load',
    version: PROTOCOL_VERSION,
    runId: 1,
    network,
    data: { train: seedData(), test: seedData(25), task: 'regression' },
    config: { ...DEFAULT_TRAIN_CONFIG, learningRate: 0.01 },
  });
  // One block first, so that tfjs's kernels and V8's code are warm before the baseline.
  await steps(opts.editEvery);
  const start = sample(lastStep);
  const samples: SoakSample[] = [start];
  let edits = 0;
  // Blocks of one edit then `editEvery` steps, until the step target is reached and the structure is back to the
  // start's (a multiple of 4 edits): samples are taken at the same point of the cycle, after steps, like the start.
  while (lastStep < opts.steps || edits % 4 !== 0) {
    await edit(edits + 1, editFor(edits));
    edits++;
    await steps(opts.editEvery);
    if (edits % 4 === 0) {
      const s = sample(lastStep);
      samples.push(s);
      opts.onBlock?.(lastStep, s);
    }
  }
  const end = samples.at(-1)!;
  await session.dispose();
  return { start, end, samples, steps: lastStep, edits, refusedEdits, messages, seconds: (performance.now() - t0) / 1000, backend };
}
