// Helpers for comparing the typed-array executor with the tfjs Trainer: random data for a network, and
// closeness checks on parameters and optimizer slots keyed by parameter.
import { expect } from 'vitest';
import type { Dataset } from '../../engine/data/dataset';
import { createRng } from '../../engine/graph/init';
import type { LossName } from '../../engine/graph/trainConfig';
import type { Network } from '../../engine/graph/types';
import type { Executor } from '../../engine/train/Executor';

/** Random rows for `net`: inputs in [-1, 1]; targets one-hot (softmax), 0/1 (cross-entropy) or in [-1, 1]. */
export function randomData(net: Network, rows: number, seed: number, loss: LossName): Dataset {
  const rng = createRng(seed);
  const k = net.outputs.length;
  return {
    inputs: Array.from({ length: rows }, () => net.inputs.map(() => rng.next() * 2 - 1)),
    targets: Array.from({ length: rows }, () => {
      if (net.outputTransform === 'softmax') {
        const hot = Math.floor(rng.next() * k);
        return Array.from({ length: k }, (_, i) => (i === hot ? 1 : 0));
      }
      if (loss === 'cross_entropy') return Array.from({ length: k }, () => (rng.next() < 0.5 ? 0 : 1));
      return Array.from({ length: k }, () => rng.next() * 2 - 1);
    }),
  };
}

/** |a - b| <= tol * max(1, |b|), with a message naming `what`. */
export function expectClose(a: number, b: number, tol: number, what: string): void {
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

/** Parameters and optimizer slots of two executors agree within `tol`; both have the same keys. */
export function expectSameState(a: Executor, b: Executor, tol: number): void {
  const na = a.getNetwork();
  const nb = b.getNetwork();
  na.edges.forEach((e, i) => expectClose(e.weight, nb.edges[i]!.weight, tol, `weight ${e.source} -> ${e.target}`));
  na.neurons.forEach((n, i) => expectClose(n.bias, nb.neurons[i]!.bias, tol, `bias of ${n.id}`));
  const sa = a.getOptimizerState();
  const sb = b.getOptimizerState();
  expect(sa.step).toBe(sb.step);
  expect([...sa.slots.keys()].sort()).toEqual([...sb.slots.keys()].sort());
  for (const [key, values] of sa.slots) {
    values.forEach((v, i) => expectClose(v, sb.slots.get(key)![i]!, tol, `slot ${i} of ${key}`));
  }
}
