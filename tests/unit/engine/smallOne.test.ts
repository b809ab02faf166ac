import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import { loadTile, toSplit } from '../../../engine/compile/small/smallData';
import { lossCount } from '../../../engine/compile/small/smallLoss';
import { backwardTile, createWorkspace, forwardTile, tileLoss } from '../../../engine/compile/small/smallPass';
import { packSmall, planSmall } from '../../../engine/compile/small/smallPlan';
import { updateParameters } from '../../../engine/compile/small/smallUpdate';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../../engine/graph/trainConfig';
import { ACTIVATIONS, type Network } from '../../../engine/graph/types';
import { BatchOrder } from '../../../engine/train/batching';
import { expectClose, randomData } from '../../helpers/executorPairs';
import { arbNetwork } from '../../helpers/factories';

// The per-sample step (smallOne.ts: forward, loss, back-propagation and update in one call, zero-gradient neurons
// skipped under plain SGD) against the same step composed from the batch path's parts for a batch of one. The
// batch path stores values as float32 (the per-sample path keeps float64): they agree to float32 rounding.

/** `steps` per-sample steps composed from loadTile, forwardTile, tileLoss, backwardTile and updateParameters. */
function reference(net: Network, data: { inputs: number[][]; targets: number[][] }, config: TrainConfig, steps: number) {
  const plan = planSmall(net);
  const theta = packSmall(net, plan);
  const slots = Array.from({ length: config.optimizer === 'adam' ? 2 : config.momentum > 0 ? 1 : 0 }, () => new Float32Array(plan.size));
  const ws = createWorkspace(plan, 1);
  const split = toSplit(data);
  const order = new BatchOrder(split.count, config.seed);
  const scale = 1 / lossCount(config.loss, net.outputTransform, plan.outputCount, 1);
  const losses: number[] = [];
  for (let t = 1; t <= steps; t++) {
    order.next(1);
    loadTile(plan, ws, split, order.indices, order.from, 1);
    forwardTile(plan, theta, ws, 0, 0);
    losses.push(scale * tileLoss(plan, ws, config.loss, net.outputTransform, 1, scale));
    const grad = new Float64Array(plan.size);
    backwardTile(plan, theta, ws, 0, 0, grad);
    updateParameters(config, theta, grad, plan.isWeight, slots, t);
  }
  return { theta, slots, losses };
}

/** Both NaN, or equal to float32 rounding (the batch path stores values as float32). */
function expectSame(a: number, b: number, what: string): void {
  if (Number.isNaN(b)) expect(a, what).toBeNaN();
  else expectClose(a, b, 1e-5, what);
}

const arbCase = fc.record({
  net: arbNetwork({ dropout: false, maxHidden: 10, activations: true }),
  rule: fc.constantFrom<Partial<TrainConfig>>(
    { optimizer: 'sgd', learningRate: 0.05 },
    { optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 },
    { optimizer: 'sgd', learningRate: 0.05, l1: 0.001, l2: 0.01 },
    { optimizer: 'adam', learningRate: 0.01, l2: 0.001 },
  ),
  pick: fc.nat(100),
});

describe('per-sample step', () => {
  it('matches the batch path for a batch of one, step by step, for every rule and activation', () => {
    fc.assert(
      fc.property(arbCase, ({ net, rule, pick }) => {
        const loss = (net.outputTransform === 'sigmoid' || net.outputTransform === 'softmax') && pick % 2 === 0 ? 'cross_entropy' : 'mse';
        const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...rule, loss, batchSize: 1, seed: pick };
        const data = randomData(net, 7, pick, loss);
        const ex = new TypedArrayExecutor(net, { train: data }, config);
        const ref = reference(net, data, config, 30);
        const losses = Array.from({ length: 30 }, () => ex.run(1));
        losses.forEach((l, i) => expectSame(l, ref.losses[i]!, `loss at step ${i}`));
        const state = ex.exportState();
        const plan = planSmall(net);
        state.network.edges.forEach((e, i) => expectSame(e.weight, ref.theta[plan.paramOfEdge[i]!]!, `weight ${e.source}->${e.target}`));
        state.optimizer.slots.forEach((values, key) => values.forEach((v, s) => expectSame(v, ref.slots[s]![plan.lazy.index.get(key)!]!, `slot ${s} of ${key}`)));
      }),
      { numRuns: 60 },
    );
  });

  it('covers every activation on the seed network under plain SGD (the skipping path)', () => {
    for (const activation of ACTIVATIONS) {
      const net: Network = {
        neurons: ['x', 'a', 'b', 'c', 'y'].map((id, i) => ({ id, bias: i === 0 ? 0 : Math.fround(0.1 * i - 0.2) })),
        edges: [
          { source: 'x', target: 'a', weight: 0.7 },
          { source: 'x', target: 'b', weight: -0.9 },
          { source: 'a', target: 'c', weight: 0.5 },
          { source: 'b', target: 'c', weight: 0.8 },
          { source: 'c', target: 'y', weight: -0.6 },
          { source: 'a', target: 'y', weight: 0.4 },
        ].map((e) => ({ ...e, weight: Math.fround(e.weight) })),
        inputs: ['x'],
        outputs: ['y'],
        hiddenActivation: activation,
        outputTransform: 'identity',
      };
      const data = { inputs: [[-2], [-0.5], [0], [0.7], [1.9]], targets: [[1], [-1], [0.5], [0.2], [-0.3]] };
      const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, optimizer: 'sgd', learningRate: 0.1, batchSize: 1, seed: 3 };
      const ex = new TypedArrayExecutor(net, { train: data }, config);
      const ref = reference(net, data, config, 200);
      const losses = Array.from({ length: 200 }, () => ex.run(1));
      losses.forEach((l, i) => expectSame(l, ref.losses[i]!, `${activation}, step ${i}`));
      const plan = planSmall(net);
      ex.exportState().network.edges.forEach((e, i) => expectSame(e.weight, ref.theta[plan.paramOfEdge[i]!]!, `${activation}, ${e.source}->${e.target}`));
    }
  });

  it('a sample with an infinite value updates as the batch path does (0 * Infinity is NaN) instead of skipping', () => {
    // An infinite input through a relu chain stays infinite (in float32 and float64 alike); 'dead' reads h8 with
    // weight -3e38, so its pre-activation is -Infinity, its value 0, its gradient 0 while its source's value is Infinity.
    const chain = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8'];
    const net: Network = {
      neurons: ['x', ...chain, 'dead', 'y'].map((id) => ({ id, bias: 0 })),
      edges: [
        ...chain.map((id, i) => ({ source: i === 0 ? 'x' : chain[i - 1]!, target: id, weight: Math.fround(3e38) })),
        { source: 'h8', target: 'dead', weight: Math.fround(-3e38) },
        { source: 'dead', target: 'y', weight: 0.5 },
      ],
      inputs: ['x'],
      outputs: ['y'],
      hiddenActivation: 'relu',
      outputTransform: 'identity',
    };
    const data = { inputs: [[Infinity]], targets: [[1]] };
    const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, optimizer: 'sgd', learningRate: 0.1, batchSize: 1 };
    const ex = new TypedArrayExecutor(net, { train: data }, config);
    const ref = reference(net, data, config, 1);
    expect(Number.isFinite(ex.run(1))).toBe(true);
    const plan = planSmall(net);
    const weights = ex.exportState().network.edges.map((e) => e.weight);
    weights.forEach((w, i) => expectSame(w, ref.theta[plan.paramOfEdge[i]!]!, `weight ${i}`));
    expect(Number.isNaN(weights[chain.length]!)).toBe(true);
  });
});
