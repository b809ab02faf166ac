import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import { seedData } from '../../../engine/data/seedData';
import type { EditOp } from '../../../engine/graph/editOps';
import { isGraphError } from '../../../engine/graph/GraphError';
import { seedNetwork } from '../../../engine/graph/seedExample';
import type { Network } from '../../../engine/graph/types';
import { chooseExecutor, createExecutor } from '../../../engine/train/createExecutor';
import type { Executor } from '../../../engine/train/Executor';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { expectSameState, randomData } from '../../helpers/executorPairs';
import { arbNetwork } from '../../helpers/factories';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

/** An edit built from raw choices that fits `net` (it may still be refused, e.g. a cycle). */
function editFor(net: Network, kind: number, a: number, b: number): EditOp {
  const hidden = net.neurons.filter((n) => !net.inputs.includes(n.id) && !net.outputs.includes(n.id));
  if (kind === 0 && net.edges.length > 0) {
    const e = net.edges[a % net.edges.length]!;
    return { op: 'removeConnections', connections: [[e.source, e.target]] };
  }
  if (kind === 1 && hidden.length > 0) return { op: 'removeNeurons', ids: [hidden[a % hidden.length]!.id] };
  const sources = net.neurons.filter((n) => !net.outputs.includes(n.id));
  const targets = net.neurons.filter((n) => !net.inputs.includes(n.id));
  return { op: 'addConnections', connections: [[sources[a % sources.length]!.id, targets[b % targets.length]!.id]] };
}

/** Parameters and slots by key, as the executor reports them. */
function snapshot(ex: Executor): { params: Map<string, number>; slots: Map<string, number[]> } {
  const params = new Map<string, number>();
  const net = ex.getNetwork();
  for (const e of net.edges) params.set(JSON.stringify([e.source, e.target]), e.weight);
  for (const n of net.neurons) if (!net.inputs.includes(n.id)) params.set(JSON.stringify(n.id), n.bias);
  return { params, slots: ex.getOptimizerState().slots };
}

describe('edits on the typed-array executor', () => {
  it('keep every survivor parameter and optimizer slot bit for bit, and stay in step with the tfjs executor', () => {
    fc.assert(
      fc.property(arbNetwork({ dropout: false, maxHidden: 8 }), fc.array(fc.tuple(fc.nat(2), fc.nat(50), fc.nat(50)), { minLength: 1, maxLength: 4 }), (net, edits) => {
        const data = { train: randomData(net, 10, 1, 'mse') };
        const config = { optimizer: 'adam' as const, batchSize: 3, learningRate: 0.01 };
        const small = new TypedArrayExecutor(net, data, config);
        const tf = new TfjsExecutor(net, data, config);
        try {
          for (const [kind, a, b] of edits) {
            small.run(3);
            tf.run(3);
            const before = snapshot(small);
            const op = editFor(small.getNetwork(), kind, a, b);
            let refused = false;
            try {
              small.applyEdits([op]);
            } catch (e) {
              if (!isGraphError(e)) throw e;
              refused = true;
            }
            const after = snapshot(small);
            if (refused) {
              expect(after).toEqual(before);
              continue;
            }
            tf.applyEdits([op]);
            for (const [key, value] of after.params) {
              if (before.params.has(key)) expect(value, key).toBe(before.params.get(key));
            }
            for (const [key, values] of after.slots) {
              const old = before.slots.get(key);
              if (old) expect(values, key).toEqual(old);
              else expect(values, key).toEqual([0, 0]);
            }
            expectSameState(small, tf, 1e-5);
          }
        } finally {
          tf.dispose();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('export and import carry parameters, optimizer state and counters bit for bit between executors', () => {
    const net = { ...seedNetwork(1), hiddenActivation: 'tanh' as const };
    const data = { train: seedData(60) };
    for (const optimizer of ['adam', 'sgd'] as const) {
      const config = { optimizer, momentum: 0.5, batchSize: 16, learningRate: 0.01 };
      const tf = new TfjsExecutor(net, data, config);
      tf.run(11);
      const small = new TypedArrayExecutor(net, data, config);
      small.importState(tf.exportState());
      expect(small.exportState()).toEqual(tf.exportState());
      small.run(5);
      const back = new TfjsExecutor(net, data, config);
      back.importState(small.exportState());
      expect(back.exportState()).toEqual(small.exportState());
      expect(back.stepCount).toBe(16);
      tf.dispose();
      back.dispose();
    }
  });

  it('checkpoint and restore roll back exactly; a checkpoint from before an edit is refused', () => {
    const small = new TypedArrayExecutor(seedNetwork(0), { train: seedData(50) }, { batchSize: 10 });
    small.run(4);
    const cp = small.checkpoint();
    const at = small.exportState();
    small.run(6);
    expect(small.exportState()).not.toEqual(at);
    small.restore(cp);
    expect(small.exportState()).toEqual(at);
    small.applyEdit({ op: 'removeConnections', connections: [['6', '9']] });
    expect(() => small.restore(cp)).toThrow(/before the network or optimizer changed/);
  });

  it('reset gives the tfjs TfjsExecutor parameters bit for bit, and configure mid-run keeps them in step', () => {
    const net = { ...seedNetwork(2), hiddenActivation: 'tanh' as const };
    const data = { train: seedData(40) };
    const small = new TypedArrayExecutor(net, data, { batchSize: 8 });
    const tf = new TfjsExecutor(net, data, { batchSize: 8 });
    small.run(7);
    tf.run(7);
    small.reset(12);
    tf.reset(12);
    expect(small.getNetwork()).toEqual(tf.getNetwork());
    small.run(5);
    tf.run(5);
    for (const patch of [{ learningRate: 0.003 }, { batchSize: 3 }, { optimizer: 'sgd' as const, momentum: 0.9 }, { batchSize: 'full' as const }]) {
      small.configure(patch);
      tf.configure(patch);
      small.run(6);
      tf.run(6);
      expectSameState(small, tf, 1e-5);
      expect(small.epochCount).toBe(tf.epochCount);
    }
    tf.dispose();
  });

  it('refuses what the tfjs TfjsExecutor refuses, with the same error codes, and changes nothing', () => {
    const net = seedNetwork(0);
    const data = { train: seedData(20) };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isGraphError(e) ? e.code : String(e);
      }
      return null;
    };
    expect(code(() => new TypedArrayExecutor(net, data, { loss: 'cross_entropy' }))).toBe('train/loss-transform');
    expect(code(() => new TypedArrayExecutor({ ...net, outputs: ['3'] }, data))).toBe('data/shape');
    expect(code(() => new TypedArrayExecutor({ ...net, outputs: [] }, data))).toBe('graph/no-outputs');
    const small = new TypedArrayExecutor(net, data);
    small.run(2);
    const before = small.exportState();
    expect(code(() => small.applyEdit({ op: 'addConnections', connections: [['6', '2']] }))).toBe('graph/cycle');
    expect(code(() => small.configure({ loss: 'cross_entropy' }))).toBe('train/loss-transform');
    expect(code(() => small.predict([[1, 2]]))).toBe('data/shape');
    expect(small.exportState()).toEqual(before);
  });
});

describe('choosing the executor', () => {
  it('takes typed arrays for the seed job and sparse DAGs, tfjs (wasm) for wide dense layers at large batches', () => {
    const seed = seedNetwork(0); // 25 parameters
    for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
      expect(chooseExecutor(seed, 250, 'full', backend)).toBe('typed-array');
      expect(chooseExecutor(seed, 250, 1, backend)).toBe('typed-array');
    }
    const ex = createExecutor(seed, { train: seedData() }, {}, 'auto', 'wasm');
    expect(ex.kind).toBe('typed-array');
    const forced = createExecutor(seed, { train: seedData() }, {}, 'tfjs');
    expect(forced.kind).toBe('tfjs');
    forced.dispose();
  });
});
