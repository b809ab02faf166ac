import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { biasKey } from '../../../engine/compile/layout';
import { createRng } from '../../../engine/graph/init';
import { edgeKey, type Network, type OutputTransform } from '../../../engine/graph/types';
import type { LossName } from '../../../engine/graph/trainConfig';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { randomDag } from '../../helpers/factories';
import { refLoss } from '../../helpers/reference';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

/** Central finite differences on the float64 reference, one parameter at a time. */
function numericGradient(net: Network, x: number[][], t: number[][], loss: LossName): Map<string, number> {
  const h = 1e-6;
  const out = new Map<string, number>();
  const at = (mutate: (n: Network, d: number) => Network) =>
    (refLoss(mutate(net, h), x, t, loss) - refLoss(mutate(net, -h), x, t, loss)) / (2 * h);
  net.edges.forEach((e, i) => {
    out.set(edgeKey(e.source, e.target), at((n, d) => ({ ...n, edges: n.edges.map((f, j) => (j === i ? { ...f, weight: f.weight + d } : f)) })));
  });
  net.neurons.forEach((nr, i) => {
    if (net.inputs.includes(nr.id)) return;
    out.set(biasKey(nr.id), at((n, d) => ({ ...n, neurons: n.neurons.map((m, j) => (j === i ? { ...m, bias: m.bias + d } : m)) })));
  });
  return out;
}

const cases: { loss: LossName; transform: OutputTransform; outputs: number }[] = [
  { loss: 'mse', transform: 'identity', outputs: 2 },
  { loss: 'mse', transform: 'tanh', outputs: 2 },
  { loss: 'cross_entropy', transform: 'sigmoid', outputs: 2 },
  { loss: 'cross_entropy', transform: 'softmax', outputs: 3 },
];

describe('gradients against central finite differences on random DAGs', () => {
  for (const c of cases) {
    it(`${c.loss} with ${c.transform}`, () => {
      const rng = createRng(11);
      for (let trial = 0; trial < 4; trial++) {
        const base = randomDag(rng, { inputs: 2, outputs: c.outputs, hidden: 8, edgeProb: 0.45, activations: true });
        // Smooth activations only: finite differences are meaningless at a ReLU kink.
        const smooth = ['tanh', 'sigmoid', 'sin', 'softplus', 'gelu', 'silu'] as const;
        const net: Network = {
          ...base,
          hiddenActivation: 'tanh',
          outputTransform: c.transform,
          neurons: base.neurons.map((n, i) => ({ ...n, activation: smooth[i % smooth.length], dropout: undefined })),
        };
        const x = Array.from({ length: 6 }, () => [rng.next() * 2 - 1, rng.next() * 2 - 1]);
        const t = x.map(() => {
          if (c.transform === 'softmax') {
            const k = Math.floor(rng.next() * c.outputs);
            return Array.from({ length: c.outputs }, (_, j) => (j === k ? 1 : 0));
          }
          return Array.from({ length: c.outputs }, () => (c.loss === 'mse' ? rng.next() * 2 - 1 : rng.next() < 0.5 ? 0 : 1));
        });
        const trainer = new TfjsExecutor(net, { train: { inputs: x, targets: t } }, { loss: c.loss });
        expect(trainer.evaluate()).toBeCloseTo(refLoss(net, x, t, c.loss), 4);
        const got = trainer.gradient();
        trainer.dispose();
        const want = numericGradient(net, x, t, c.loss);
        expect(got.size).toBe(want.size);
        for (const [key, w] of want) {
          expect(Math.abs(got.get(key)! - w), `d loss / d ${key}`).toBeLessThan(2e-4 + 1e-3 * Math.abs(w));
        }
      }
    });
  }
});
