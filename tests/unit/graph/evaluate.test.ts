// The float64 forward pass against the reference oracle: random DAGs, every activation and output transform.
import { describe, expect, it } from 'vitest';
import { activateScalar, compileEvaluator, compileForwardPass, evaluateNetwork } from '../../../engine/graph/evaluate';
import { applyParams } from '../../../engine/runtime/protocol';
import { isGraphError } from '../../../engine/graph/GraphError';
import { createRng } from '../../../engine/graph/init';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { ACTIVATIONS, OUTPUT_TRANSFORMS, type Network } from '../../../engine/graph/types';
import { makeNetwork, randomDag } from '../../helpers/factories';
import { refActivation, refPredict } from '../../helpers/reference';

function close(actual: number[], expected: number[], tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, k) => {
    const e = expected[k]!;
    expect(Math.abs(v - e)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e)));
  });
}

function randomRows(seed: number, rows: number, width: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: width }, () => 4 * rng.next() - 2));
}

describe('evaluateNetwork', () => {
  it('matches the reference on random DAGs with mixed activations and transforms', () => {
    for (let seed = 0; seed < 60; seed++) {
      const rng = createRng(seed);
      const net = randomDag(rng, {
        inputs: 1 + (seed % 3),
        outputs: 1 + (seed % 4),
        hidden: seed % 12,
        edgeProb: 0.45,
        activations: true,
        dropout: true,
        decorations: true,
        awkwardIds: seed % 2 === 0,
      });
      const rows = randomRows(seed + 1000, 8, net.inputs.length);
      const got = evaluateNetwork(net, rows);
      rows.forEach((x, i) => close(got[i]!, refPredict(net, x)));
    }
  });

  it('matches the reference for every activation and every output transform', () => {
    for (const activation of ACTIVATIONS) {
      for (const outputTransform of OUTPUT_TRANSFORMS) {
        const net = randomDag(createRng(7), { inputs: 2, outputs: 3, hidden: 6, edgeProb: 0.6 });
        net.hiddenActivation = activation;
        net.outputTransform = outputTransform;
        const rows = randomRows(3, 6, 2);
        const got = evaluateNetwork(net, rows);
        rows.forEach((x, i) => close(got[i]!, refPredict(net, x)));
      }
    }
  });

  it('applies each activation like the reference, including large inputs', () => {
    for (const a of ACTIVATIONS) {
      for (const z of [-30, -3, -0.5, 0, 0.25, 2, 30]) {
        const expected = refActivation(a, z);
        expect(Math.abs(activateScalar(a, z) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      }
    }
    // Stable where the naive formula overflows.
    expect(activateScalar('softplus', 1000)).toBe(1000);
    expect(activateScalar('sigmoid', -1000)).toBe(0);
  });

  it('computes a hand-checked network: hidden act(z), outputs z, a hidden neuron with no input outputs act(bias)', () => {
    const net = makeNetwork({
      inputs: ['x'],
      outputs: ['y'],
      hidden: ['lonely'],
      edges: [['x', 'h', 2], ['h', 'y', 3], ['lonely', 'y', -1]],
      biases: { h: -1, y: 0.5, lonely: -2 },
      hiddenActivation: 'relu',
    });
    // x = 1: h = relu(2 - 1) = 1; lonely = relu(-2) = 0; y = 3 * 1 - 0 + 0.5 = 3.5
    expect(evaluateNetwork(net, [[1], [0]])).toEqual([[3.5], [0.5]]);
  });

  it('ignores dropout (evaluation mode) and follows input order', () => {
    const net = makeNetwork({
      inputs: ['b', 'a'],
      outputs: ['y'],
      edges: [['a', 'y', 1], ['b', 'y', 10]],
      biases: { y: 0 },
      dropout: { a: 0.9, b: 0.5 },
    });
    expect(evaluateNetwork(net, [[1, 2]])).toEqual([[12]]);
  });

  it('softmax sums to one and stays finite for large values', () => {
    const net = makeNetwork({ inputs: ['x'], outputs: ['p', 'q'], edges: [['x', 'p', 1000], ['x', 'q', -1000]], biases: { p: 0, q: 0 }, outputTransform: 'softmax' });
    const [row] = evaluateNetwork(net, [[1]]);
    expect(row![0]).toBeCloseTo(1, 12);
    expect(row![1]).toBe(0);
  });

  it('works on the seed example for the fit chart', () => {
    const net = seedNetwork();
    const evaluate = compileEvaluator(net);
    for (const x of [0, 1, Math.PI, 6]) close(evaluate([x]), refPredict(net, [x]));
  });

  it('copies parameters at compile time', () => {
    const net: Network = makeNetwork({ inputs: ['x'], outputs: ['y'], edges: [['x', 'y', 2]], biases: { y: 0 } });
    const evaluate = compileEvaluator(net);
    net.edges[0]!.weight = 5;
    expect(evaluate([1])).toEqual([2]);
  });

  it('refuses what cannot compile, and rows of the wrong width, with stable codes', () => {
    const noOutput = makeNetwork({ inputs: ['x'], hidden: ['h'] });
    const cyclic = makeNetwork({ inputs: ['x'], outputs: ['y'], edges: [['x', 'a'], ['a', 'b'], ['b', 'a'], ['b', 'y']] });
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isGraphError(e) ? e.code : 'other';
      }
      return null;
    };
    expect(codeOf(() => compileEvaluator(noOutput))).toBe('graph/no-outputs');
    expect(codeOf(() => compileEvaluator(cyclic))).toBe('graph/cycle');
    expect(codeOf(() => evaluateNetwork(seedNetwork(), [[1, 2]]))).toBe('data/shape');
  });
});

describe('compileForwardPass', () => {
  it('binds snapshot parameters (in network.edges / network.neurons order) as a compile of that network would', () => {
    const net = seedNetwork();
    const pass = compileForwardPass(net);
    const rng = createRng(5);
    const weights = Float32Array.from(net.edges, () => 2 * rng.next() - 1);
    const biases = Float32Array.from(net.neurons, () => 2 * rng.next() - 1);
    const expected = compileEvaluator(applyParams(net, weights, biases));
    const bound = pass.withParameters(weights, biases);
    for (const row of randomRows(6, 8, net.inputs.length)) close(bound(row), expected(row));
    // The network's own values when none are given, and binding again leaves earlier evaluators as they were.
    const own = compileEvaluator(net);
    const unbound = pass.withParameters();
    for (const row of randomRows(7, 4, net.inputs.length)) {
      close(unbound(row), own(row));
      close(bound(row), expected(row));
    }
    expect(bound([1])).not.toEqual(unbound([1]));
  });
});
