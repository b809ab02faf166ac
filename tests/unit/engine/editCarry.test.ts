// Edits apply to the executor's planned network, whose stored parameters are stale: what survives must keep its
// trained value, what the edits give (set, added, removed and added back) must take the edit's value. Both executors.
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { seedData } from '../../../engine/data/seedData';
import { applyEdits, type EditOp } from '../../../engine/graph/editOps';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { edgeKey, type Network } from '../../../engine/graph/types';
import { editRng } from '../../../engine/train/batching';
import { createExecutor } from '../../../engine/train/createExecutor';
import type { Executor } from '../../../engine/train/Executor';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

const CONFIG = { optimizer: 'adam' as const, batchSize: 25, learningRate: 0.05, seed: 3 };

function weights(net: Network): Map<string, number> {
  return new Map(net.edges.map((e) => [edgeKey(e.source, e.target), e.weight]));
}

function biases(net: Network): Map<string, number> {
  return new Map(net.neurons.map((n) => [n.id, n.bias]));
}

describe.each(['typed-array', 'tfjs'] as const)('edits on the %s executor', (kind) => {
  function trained(): { ex: Executor; start: Network; before: Network } {
    // tanh: every parameter moves in training (the seed example's ReLU chains die).
    const start = { ...seedNetwork(), hiddenActivation: 'tanh' as const };
    const ex = createExecutor(start, { train: seedData() }, CONFIG, kind);
    ex.run(40);
    return { ex, start, before: ex.getNetwork() };
  }

  it('keep survivors at their trained values and give set ones the edit value', () => {
    const { ex, start, before } = trained();
    try {
      const e = before.edges[2]!;
      const ops: EditOp[] = [
        { op: 'setWeight', source: e.source, target: e.target, weight: 0.125 },
        { op: 'setBias', id: '5', bias: -0.5 },
        { op: 'removeConnections', connections: [[before.edges[0]!.source, before.edges[0]!.target]] },
        // A pair that exists keeps its (trained) weight.
        { op: 'addConnections', connections: [[before.edges[5]!.source, before.edges[5]!.target]] },
      ];
      ex.applyEdits(ops);
      const after = ex.getNetwork();
      const w0 = weights(start);
      const w1 = weights(before);
      const w2 = weights(after);
      expect(w2.get(edgeKey(e.source, e.target))).toBe(0.125);
      expect(biases(after).get('5')).toBe(-0.5);
      expect(w2.has(edgeKey(before.edges[0]!.source, before.edges[0]!.target))).toBe(false);
      let moved = 0;
      for (const [key, w] of w2) {
        if (key === edgeKey(e.source, e.target)) continue;
        expect(Object.is(w, w1.get(key)), key).toBe(true);
        if (w !== w0.get(key)) moved++;
      }
      // Training moved them: a stale (untrained) value would have been caught above.
      expect(moved).toBeGreaterThan(5);
      for (const [id, b] of biases(after)) if (id !== '5') expect(Object.is(b, biases(before).get(id)), id).toBe(true);
    } finally {
      ex.dispose();
    }
  });

  it('give a neuron removed and added back in one batch its new bias, drawn as engine/graph draws it', () => {
    const { ex, before } = trained();
    try {
      // "5" is removed, so the new neuron without an id takes the smallest free id: "5" again.
      const ops: EditOp[] = [
        { op: 'removeNeurons', ids: ['5'] },
        { op: 'addNeurons', neurons: [{ role: 'hidden' }] },
        { op: 'addConnections', connections: [['1', '5']] },
      ];
      ex.applyEdits(ops);
      const after = ex.getNetwork();
      const expected = applyEdits(before, ops, { scheme: 'connex', rng: editRng(CONFIG.seed, 0) });
      expect(after.neurons.some((n) => n.id === '5')).toBe(true);
      expect(biases(after).get('5')).toBe(Math.fround(biases(expected).get('5')!));
      expect(weights(after).get(edgeKey('1', '5'))).toBe(Math.fround(weights(expected).get(edgeKey('1', '5'))!));
      expect(biases(after).get('5')).not.toBe(biases(before).get('5'));
      expect(Object.is(biases(after).get('6'), biases(before).get('6'))).toBe(true);
    } finally {
      ex.dispose();
    }
  });
});
