// ONNX export checked by a real runtime: onnxruntime-web (wasm, in Node) loads every exported file and agrees with
// the engine's predict; the protobuf is also checked by the onnx package's checker when Debian's python3-onnx is there.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { predict } from '../../../engine/compile/predict';
import { ONNX_INPUT, ONNX_OUTPUT, exportOnnx, exportOnnxDetailed } from '../../../engine/export/onnx';
import { evaluateNetwork } from '../../../engine/graph/evaluate';
import { createRng, f32, normal, type Rng } from '../../../engine/graph/init';
import { presetById } from '../../../engine/graph/presets';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { topologicalLevels } from '../../../engine/graph/topology';
import { ACTIVATIONS, OUTPUT_TRANSFORMS, activationOf, type Network, type Neuron } from '../../../engine/graph/types';
import { makeNetwork, randomDag } from '../../helpers/factories';

ort.env.wasm.numThreads = 1;

const dir = mkdtempSync(join(tmpdir(), 'connex-onnx-'));
const written: string[] = [];

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function rows(rng: Rng, n: number, width: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: width }, () => f32(1.5 * normal(rng))));
}

/** Runs the exported model on `x` and returns its output rows. */
async function runOnnx(bytes: Uint8Array, x: number[][], width: number): Promise<number[][]> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    expect(session.inputNames).toEqual([ONNX_INPUT]);
    expect(session.outputNames).toEqual([ONNX_OUTPUT]);
    const input = new ort.Tensor('float32', Float32Array.from(x.flat()), [x.length, width]);
    const out = (await session.run({ [ONNX_INPUT]: input }))[ONNX_OUTPUT]!;
    const k = out.dims[1]!;
    expect(out.dims).toEqual([x.length, k]);
    const data = out.data as Float32Array;
    return x.map((_, i) => Array.from(data.subarray(i * k, (i + 1) * k)));
  } finally {
    await session.release();
  }
}

function expectClose(got: number[][], want: number[][], tol: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  got.forEach((row, i) => {
    expect(row.length).toBe(want[i]!.length);
    row.forEach((v, k) => {
      const w = want[i]![k]!;
      worst = Math.max(worst, Math.abs(v - w) / Math.max(1, Math.abs(w)));
    });
  });
  expect(worst).toBeLessThanOrEqual(tol);
}

/** Exports, saves for the checker, runs in onnxruntime and compares with `predict`. */
async function check(network: Network, seed: number, n = 7): Promise<void> {
  const bytes = exportOnnx(network);
  const path = join(dir, `m${written.length}.onnx`);
  writeFileSync(path, bytes);
  written.push(path);
  const x = rows(createRng(seed), n, network.inputs.length);
  expectClose(await runOnnx(bytes, x, network.inputs.length), predict(network, x), 1e-5);
}

/**
 * A skip over three levels, a hidden neuron and an output without inputs, a neuron that reaches no output, a dense
 * block, and ten "wide" neurons, one per activation, that all feed the outputs.
 */
function coverage(activation: (typeof ACTIVATIONS)[number], transform: (typeof OUTPUT_TRANSFORMS)[number], seed: number): Network {
  const other = ACTIVATIONS[(ACTIVATIONS.indexOf(activation) + 3) % ACTIVATIONS.length]!;
  const wide = ACTIVATIONS.map((_, k) => `w${k}`);
  return makeNetwork({
    inputs: ['a', 'b', 'c'],
    outputs: ['y1', 'y2', 'y3'],
    edges: [
      ['a', 'h1'], ['b', 'h1'], ['c', 'h1'],
      ['a', 'h2'], ['b', 'h2'], ['c', 'h2'],
      ['h1', 'h3'], ['h2', 'h3'],
      ['h3', 'h4'], ['lonely', 'h4'],
      ['h4', 'y1'], ['a', 'y1'], ['h1', 'y1'],
      ['h2', 'y2'], ['h3', 'y2'], ['lonely', 'y2'],
      ['b', 'dead'],
      ...wide.flatMap((w, k) => [['a', w], ['h1', w], [w, k % 2 === 0 ? 'y1' : 'y2']] as [string, string][]),
    ],
    hidden: ['lonely', 'dead'],
    activations: { h2: other, lonely: other, ...Object.fromEntries(wide.map((w, k) => [w, ACTIVATIONS[k]!])) },
    dropout: { h1: 0.5, a: 0.2 },
    hiddenActivation: activation,
    outputTransform: transform,
    seed,
  });
}

describe('ONNX export agrees with predict in onnxruntime', () => {
  it('covers every activation (default and per neuron) and every output transform, skips, neurons without inputs', async () => {
    const seen = new Set<string>();
    const transforms = new Set<string>();
    for (const [k, activation] of ACTIVATIONS.entries()) {
      const transform = OUTPUT_TRANSFORMS[k % OUTPUT_TRANSFORMS.length]!;
      const net = coverage(activation, transform, k);
      for (const n of net.neurons) seen.add(activationOf(net, n));
      transforms.add(transform);
      await check(net, k);
    }
    expect([...seen].sort()).toEqual([...ACTIVATIONS].sort());
    expect(transforms.size).toBe(OUTPUT_TRANSFORMS.length);
  });

  it('random DAGs (mixed activations, transforms, dropout, awkward ids, sparse and dense)', async () => {
    const transforms = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const rng = createRng(seed);
      const net = randomDag(rng, {
        inputs: 1 + (seed % 4),
        outputs: 1 + (seed % 3),
        hidden: 2 + ((seed * 7) % 40),
        ...(seed % 2 === 0 ? { edgeProb: 0.1 + (seed % 5) * 0.15 } : { fanIn: 1 + (seed % 6) }),
        activations: true,
        dropout: true,
        decorations: true,
        awkwardIds: seed % 3 === 0,
      });
      transforms.add(net.outputTransform);
      await check(net, 100 + seed, 5);
    }
    expect(transforms.size).toBe(OUTPUT_TRANSFORMS.length);
  });

  it('presets: the example, a dense MLP and the spiral classifier', async () => {
    await check(seedNetwork(), 1);
    for (const id of ['seed', 'dense-mlp', 'spiral', 'three-spirals', 'iris'] as const) await check(presetById(id).build(), 2);
  });

  it('a batch of one and a large batch run through the symbolic batch dimension', async () => {
    const net = presetById('spiral').build();
    for (const n of [1, 1000]) await check(net, 3, n);
  });

  it('refuses a network that cannot be evaluated, with its GraphError', () => {
    expect(() => exportOnnx(makeNetwork({ inputs: ['a'], outputs: [] }))).toThrow(/no output/);
  });
});

/**
 * A sparse DAG of `count` neurons: each non-input neuron takes 1 to 4 connections from earlier neurons (outputs
 * send none), drawn uniformly ('wide': few, wide levels, like the benchmarks' big network) or mostly from the
 * last 50 ('deep': hundreds of narrow levels, the worst case for a per-level encoding). A hidden neuron that
 * feeds nothing feeds an output, so every neuron counts. O(count) to build.
 */
function sparseDag(count: number, inputs: number, outputs: number, shape: 'wide' | 'deep', seed: number): Network {
  const rng = createRng(seed);
  const ids = Array.from({ length: count }, (_, i) => `n${i}`);
  const hiddenEnd = count - outputs;
  const edges: Network['edges'] = [];
  for (let j = inputs; j < count; j++) {
    const pool = Math.min(j, hiddenEnd);
    const fan = 1 + Math.floor(rng.next() * 4);
    const chosen = new Set<number>();
    for (let k = 0; k < fan; k++) {
      const near = shape === 'deep' && rng.next() < 0.7;
      chosen.add(near ? pool - 1 - Math.floor(rng.next() * Math.min(pool, 50)) : Math.floor(rng.next() * pool));
    }
    for (const s of chosen) edges.push({ source: ids[s]!, target: ids[j]!, weight: f32(0.7 * normal(rng)) });
  }
  // Every hidden neuron reaches an output: one without a consumer feeds a random output.
  const feeds = new Set(edges.map((e) => e.source));
  for (let i = inputs; i < hiddenEnd; i++) {
    if (!feeds.has(ids[i]!)) edges.push({ source: ids[i]!, target: ids[hiddenEnd + Math.floor(rng.next() * outputs)]!, weight: f32(0.7 * normal(rng)) });
  }
  const neurons: Neuron[] = ids.map((id, i) => ({
    id,
    bias: i < inputs ? 0 : f32(0.1 * normal(rng)),
    ...(i >= inputs && i < hiddenEnd && i % 5 === 0 ? { activation: ACTIVATIONS[i % ACTIVATIONS.length]! } : {}),
  }));
  return { neurons, edges, inputs: ids.slice(0, inputs), outputs: ids.slice(hiddenEnd), hiddenActivation: 'tanh', outputTransform: 'softmax' };
}

describe('a 10,000-neuron sparse DAG', () => {
  // Bytes per connection: about 8 of data (a float32 weight and an int32 source index) plus each level's nodes.
  for (const [shape, bound] of [['wide', 16], ['deep', 64]] as const) {
    it(`exports small and agrees with evaluate (${shape} levels)`, async () => {
      const net = sparseDag(10_000, 8, 4, shape, 5);
      const started = performance.now();
      const result = exportOnnxDetailed(net);
      const ms = performance.now() - started;
      const perConnection = result.bytes.length / result.connections;
      // A report, not a timing assertion.
      console.log(
        `10,000-neuron sparse DAG (${shape}): ${topologicalLevels(net).length - 1} levels, ${result.connections} connections, ` +
          `${result.nodes} nodes, ${result.bytes.length} bytes (${perConnection.toFixed(1)} bytes/connection), exported in ${ms.toFixed(0)} ms`,
      );
      expect(perConnection).toBeLessThan(bound);
      const x = rows(createRng(9), 4, net.inputs.length);
      expectClose(await runOnnx(result.bytes, x, net.inputs.length), evaluateNetwork(net, x), 1e-5);
    });
  }
});

describe('the onnx checker (Debian python3-onnx) accepts the files', () => {
  it('checks every file written above, with shape inference', () => {
    const python = process.env.CONNEX_PYTHON ?? '/usr/bin/python3';
    const probe = spawnSync(python, ['-c', 'import onnx'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      console.log('python3-onnx is not installed: skipping the onnx checker (apt-get install -y python3-onnx)');
      return;
    }
    const script = 'import onnx, sys\nfor p in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(p), full_check=True)\nprint(len(sys.argv) - 1)';
    const run = spawnSync(python, ['-c', script, ...written], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(String(written.length));
    expect(written.length).toBeGreaterThan(45);
  });
});
