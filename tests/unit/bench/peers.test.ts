import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../../engine/compile/backend';
import { predict } from '../../../engine/compile/predict';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { Trainer } from '../../../engine/train/Trainer';
import { neatapticNetwork } from '../../bench/peers/neataptic';
import { synapticNetwork } from '../../bench/peers/synaptic';
import { randomDag } from '../../bench/randomDag';
import { makeNetwork } from '../../helpers/factories';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

const PEERS = { synaptic: synapticNetwork, neataptic: neatapticNetwork };
const xs = [[0], [0.7], [2.5], [-1.2], [4]];

describe('the peers build the same network as Connex', () => {
  for (const [name, build] of Object.entries(PEERS)) {
    it(`${name}: same outputs as Connex on the seed example`, () => {
      const net = seedNetwork(3);
      const peer = build(net);
      const want = predict(net, xs);
      xs.forEach((x, i) => peer.activate(x).forEach((y, k) => expect(y).toBeCloseTo(want[i]![k]!, 5)));
    });

    // The peers backpropagate through weights they have already updated within the same sample, so they match
    // SGD to first order in the rate: at 0.01 the step is ~1e-3 and that difference ~1e-7.
    it(`${name}: one per-sample SGD step lands where Connex's does`, () => {
      const net = seedNetwork(5);
      const sample = { inputs: [[1.3]], targets: [[0.4, -0.9]] };
      const trainer = new Trainer(net, { train: sample }, { optimizer: 'sgd', learningRate: 0.01, batchSize: 'full' });
      trainer.step().dispose();
      const want = trainer.predict(xs);
      const before = predict(net, xs);
      trainer.dispose();
      const peer = build(net);
      peer.activate(sample.inputs[0]!);
      peer.learn(sample.targets[0]!, 0.01, true);
      // The step moved the outputs, so matching after it checks the gradient, not just the start.
      expect(Math.abs(want[1]![0]! - before[1]![0]!)).toBeGreaterThan(1e-4);
      xs.forEach((x, i) => peer.activate(x).forEach((y, k) => expect(y).toBeCloseTo(want[i]![k]!, 5)));
      expect(tf.memory().numTensors).toBe(0);
    });
  }

  it('neataptic runs a random DAG with skip connections like Connex (tanh)', () => {
    const net = randomDag({ neurons: 60, depth: 6, inputs: 3, outputs: 2 });
    const rows = [[0.1, -0.5, 0.9], [1, 0, -1]];
    const want = predict(net, rows);
    const peer = neatapticNetwork(net);
    rows.forEach((x, i) => peer.activate(x).forEach((y, k) => expect(y).toBeCloseTo(want[i]![k]!, 5)));
  });

  it('a neuron whose activation the peers lack is named in the error', () => {
    const net = makeNetwork({ inputs: ['x'], outputs: ['y'], edges: [['x', 'h'], ['h', 'y']], activations: { h: 'gelu' } });
    for (const build of Object.values(PEERS)) expect(() => build(net)).toThrow(/neuron h uses gelu/);
  });
});
