// PyTorch export checked by real PyTorch (Debian's python3-torch at /usr/bin/python3, or CONNEX_PYTHON): the module
// predicts what the engine predicts, 25 full-batch Adam steps land where the engine's land, and the document it
// writes imports. Python starts twice in all (torch takes seconds to import): one driver for the batch, one CLI run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { predict } from '../../../engine/compile/predict';
import { exportPytorch } from '../../../engine/export/pytorch';
import { importGraph } from '../../../engine/graph/format';
import { createRng, f32, normal, type Rng } from '../../../engine/graph/init';
import { presetById } from '../../../engine/graph/presets';
import type { LossName } from '../../../engine/graph/trainConfig';
import { ACTIVATIONS, OUTPUT_TRANSFORMS, listedAlike, type Network } from '../../../engine/graph/types';
import { createExecutor } from '../../../engine/train/createExecutor';
import type { ExecutorKind } from '../../../engine/train/Executor';
import { makeNetwork, randomDag } from '../../helpers/factories';

const PYTHON = process.env.CONNEX_PYTHON ?? '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'connex-torch-'));

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function python(args: string[]): string {
  const run = spawnSync(PYTHON, args, { encoding: 'utf8', cwd: dir, maxBuffer: 64 << 20 });
  if (run.error || /No module named .?torch/.test(run.stderr)) {
    throw new Error(`${PYTHON} cannot run PyTorch (${run.error?.message ?? 'no torch module'}): apt-get install -y python3-torch, or set CONNEX_PYTHON`);
  }
  if (run.status !== 0) throw new Error(`python ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

function rows(rng: Rng, n: number, width: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: width }, () => f32(normal(rng))));
}

/** Targets that suit the output transform: one-hot for softmax, 0/1 for sigmoid, values in (-1, 1) otherwise. */
function targets(rng: Rng, n: number, network: Network): number[][] {
  const k = network.outputs.length;
  return Array.from({ length: n }, () => {
    if (network.outputTransform === 'softmax') {
      const hot = Math.floor(rng.next() * k);
      return Array.from({ length: k }, (_, i) => (i === hot ? 1 : 0));
    }
    if (network.outputTransform === 'sigmoid') return Array.from({ length: k }, () => (rng.next() < 0.5 ? 1 : 0));
    return Array.from({ length: k }, () => f32(0.9 * (2 * rng.next() - 1)));
  });
}

function withoutDropout(network: Network): Network {
  return { ...network, neurons: network.neurons.map(({ dropout: _dropout, ...n }) => n) };
}

function worstDifference(got: readonly number[], want: readonly number[], floor: number): number {
  expect(got.length).toBe(want.length);
  return got.reduce((worst, v, i) => Math.max(worst, Math.abs(v - want[i]!) / Math.max(floor, Math.abs(want[i]!))), 0);
}

/** The engine's parameters after `steps` full-batch Adam steps, as weights (edge order) and biases (neuron order). */
function engineSteps(network: Network, data: { inputs: number[][]; targets: number[][] }, lr: number, loss: LossName, steps: number, kind: ExecutorKind) {
  const ex = createExecutor(network, { train: data }, { optimizer: 'adam', learningRate: lr, loss, batchSize: 'full' }, kind);
  try {
    ex.run(steps);
    const trained = ex.getNetwork();
    return { weights: trained.edges.map((e) => e.weight), biases: trained.neurons.map((n) => n.bias) };
  } finally {
    ex.dispose();
  }
}

// One Python process for every case: import each module, predict, train 25 steps with its own train(), call its
// command line in-process, and sample dropout.
const DRIVER = String.raw`
import contextlib, importlib.util, io, json, sys
import torch
jobs = json.load(open(sys.argv[1]))
results = []
for k, job in enumerate(jobs):
    spec = importlib.util.spec_from_file_location("m%d" % k, job["module"])
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    net = m.ConnexNet()
    out = {"predict": net.predict(torch.tensor(job["x"], dtype=torch.float32)).tolist()}
    if "train" in job:
        t = job["train"]
        m.train(net, torch.tensor(t["inputs"]), torch.tensor(t["targets"]), t["epochs"], t["lr"], t["loss"], "full")
        out["weights"] = net.weight.tolist()
        out["biases"] = net.bias.tolist()
    if "minibatch" in job:
        t = job["train"]
        fresh = m.ConnexNet()
        history = m.train(fresh, torch.tensor(t["inputs"]), torch.tensor(t["targets"]), 5, t["lr"], t["loss"], job["minibatch"], seed=3)
        out["minibatch_losses"] = [loss for _, loss in history]
    if "cli_predict" in job:
        text = io.StringIO()
        with contextlib.redirect_stdout(text):
            m.main(["predict", job["cli_predict"]])
        out["cli_predict"] = json.loads(text.getvalue())
    if "dropout_rows" in job:
        net.train()
        y = net(torch.tensor(job["dropout_rows"], dtype=torch.float32))
        out["dropout_values"] = y[:, 0].tolist()
    results.append(out)
print(json.dumps(results))
`;

interface Job {
  network: Network;
  x: number[][];
  train?: { inputs: number[][]; targets: number[][]; epochs: number; lr: number; loss: LossName };
  cliPredict?: boolean;
  dropoutRows?: number[][];
  /** Also train a fresh copy 5 epochs with mini-batches of this size. */
  minibatch?: number;
}

function runJobs(jobs: Job[]) {
  const spec = jobs.map((job, k) => {
    const module = join(dir, `net${k}.py`);
    writeFileSync(module, exportPytorch(job.network));
    const entry: Record<string, unknown> = { module, x: job.x };
    if (job.train) entry.train = job.train;
    if (job.cliPredict) {
      const path = join(dir, `x${k}.json`);
      writeFileSync(path, JSON.stringify(job.x));
      entry.cli_predict = path;
    }
    if (job.dropoutRows) entry.dropout_rows = job.dropoutRows;
    if (job.minibatch) entry.minibatch = job.minibatch;
    return entry;
  });
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify(spec));
  writeFileSync(join(dir, 'driver.py'), DRIVER);
  return JSON.parse(python(['driver.py', 'jobs.json'])) as {
    predict: number[][];
    weights?: number[];
    biases?: number[];
    cli_predict?: number[][];
    dropout_values?: number[];
    minibatch_losses?: number[];
  }[];
}

/** The batch for the driver: every activation, random DAGs, the spiral preset, and a dropout sampler (last). */
function buildJobs(): Job[] {
  const jobs: Job[] = [];
  // Every activation as the default, each with a per-neuron other one, skips, a neuron without inputs.
  ACTIVATIONS.forEach((activation, a) => {
    jobs.push({
      network: makeNetwork({
        inputs: ['a', 'b'],
        outputs: ['y1', 'y2'],
        edges: [['a', 'h1'], ['b', 'h1'], ['a', 'h2'], ['h1', 'h3'], ['h2', 'h3'], ['h3', 'y1'], ['a', 'y1'], ['lonely', 'y2'], ['h1', 'y2']],
        hidden: ['lonely'],
        activations: { h2: ACTIVATIONS[(a + 4) % ACTIVATIONS.length]! },
        hiddenActivation: activation,
        outputTransform: OUTPUT_TRANSFORMS[a % OUTPUT_TRANSFORMS.length]!,
        seed: a,
      }),
      x: [],
    });
  });
  for (let seed = 1; seed <= 8; seed++) {
    jobs.push({
      network: randomDag(createRng(seed), {
        inputs: 1 + (seed % 3),
        outputs: 1 + (seed % 3),
        hidden: 3 + seed * 2,
        edgeProb: 0.35,
        activations: true,
        dropout: true,
        decorations: true,
        awkwardIds: seed % 2 === 0,
      }),
      x: [],
    });
  }
  jobs.push({ network: presetById('spiral').build(), x: [], cliPredict: true, minibatch: 8 });
  const rng = createRng(42);
  jobs.forEach((job, k) => {
    const net = job.network;
    job.x = rows(rng, 6, net.inputs.length);
    const classifier = net.outputTransform === 'softmax' || net.outputTransform === 'sigmoid';
    const loss: LossName = classifier && k % 3 !== 2 ? 'cross_entropy' : 'mse';
    job.train = { inputs: rows(rng, 24, net.inputs.length), targets: targets(rng, 24, net), epochs: 25, lr: 0.02, loss };
    // Dropout masks are drawn differently on each side: the step comparison runs without dropout.
    job.network = withoutDropout(net);
  });
  // a -> y with weight 1 and dropout 0.25 on a: y is 0 or 1 / 0.75 in training, 1 when predicting.
  const dropped = makeNetwork({ inputs: ['a'], outputs: ['y'], edges: [['a', 'y', 1]], biases: { y: 0 }, dropout: { a: 0.25 } });
  jobs.push({ network: dropped, x: [[1]], dropoutRows: Array.from({ length: 4000 }, () => [1]) });
  return jobs;
}

describe('PyTorch export, run by PyTorch', () => {
  let jobs: Job[] = [];
  let results: ReturnType<typeof runJobs> = [];
  beforeAll(() => {
    jobs = buildJobs();
    results = runJobs(jobs);
  }, 120_000);

  it('predicts as the engine does (1e-5), and 25 full-batch Adam steps land where the engine lands (1e-4)', () => {
    let worstPredict = 0;
    let worstTrain = 0;
    const losses = new Set<string>();
    jobs.forEach((job, k) => {
      const r = results[k]!;
      const want = predict(job.network, job.x);
      worstPredict = Math.max(worstPredict, worstDifference(r.predict.flat(), want.flat(), 1));
      if (job.cliPredict) expect(worstDifference(r.cli_predict!.flat(), want.flat(), 1)).toBeLessThanOrEqual(1e-5);
      const t = job.train;
      if (!t) return;
      losses.add(t.loss);
      for (const kind of ['typed-array', 'tfjs'] as const) {
        const ours = engineSteps(job.network, t, t.lr, t.loss, t.epochs, kind);
        // Relative to the parameter, with a floor of 0.1 for parameters near zero (Adam moves each by ~lr a step).
        worstTrain = Math.max(worstTrain, worstDifference([...r.weights!, ...r.biases!], [...ours.weights, ...ours.biases], 0.1));
      }
    });
    console.log(`PyTorch vs engine over ${jobs.length - 1} networks: predict worst ${worstPredict.toExponential(2)}, 25 Adam steps worst ${worstTrain.toExponential(2)} (relative)`);
    expect(worstPredict).toBeLessThanOrEqual(1e-5);
    expect(worstTrain).toBeLessThanOrEqual(1e-4);
    expect(losses).toEqual(new Set(['mse', 'cross_entropy']));
  });

  it('trains with mini-batches (8 of 24 rows a step): finite, the loss going down over 5 epochs', () => {
    const losses = results[jobs.findIndex((j) => j.minibatch)]!.minibatch_losses!;
    expect(losses).toHaveLength(5);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[4]!).toBeLessThan(losses[0]!);
  });

  it('applies inverted dropout per sample in training, none when predicting', () => {
    const r = results[results.length - 1]!;
    expect(r.predict).toEqual([[1]]);
    const values = r.dropout_values!;
    const zeros = values.filter((v) => v === 0).length / values.length;
    expect(zeros).toBeGreaterThan(0.2);
    expect(zeros).toBeLessThan(0.3);
    for (const v of values) expect([0, 1 / 0.75].some((w) => Math.abs(v - w) < 1e-6)).toBe(true);
  });

  it('python3 M.py train writes a connex.graph document that imports, with the trained parameters', () => {
    const preset = presetById('spiral');
    const network = preset.build();
    const rng = createRng(3);
    const data = { inputs: rows(rng, 40, 2), targets: targets(rng, 40, network) };
    writeFileSync(join(dir, 'M.py'), exportPytorch(network, { config: { ...preset.training!.config }, step: 7, history: [{ step: 7, loss: 0.7 }], ...(preset.dataset ? { dataset: preset.dataset } : {}) }));
    writeFileSync(join(dir, 'D.json'), JSON.stringify(data));
    const stdout = python(['M.py', 'train', 'D.json', '--epochs', '25', '--lr', '0.03', '--loss', 'cross_entropy', '--batch-size', 'full', '--out', 'OUT.json']);
    expect(stdout).toContain('wrote OUT.json');
    const doc = importGraph(readFileSync(join(dir, 'OUT.json'), 'utf8'));
    expect(listedAlike(doc.network, network)).toBe(true);
    expect(doc.network.neurons.map((n) => [n.label, n.position, n.activation])).toEqual(network.neurons.map((n) => [n.label, n.position, n.activation]));
    expect(doc.training?.step).toBe(7 + 25);
    expect(doc.training?.history).toHaveLength(1 + 25);
    expect(doc.training?.config).toMatchObject({ optimizer: 'adam', learningRate: 0.03, loss: 'cross_entropy', batchSize: 'full' });
    expect(doc.training?.dataset).toEqual(preset.dataset);
    const ours = engineSteps(network, data, 0.03, 'cross_entropy', 25, 'typed-array');
    const got = [...doc.network.edges.map((e) => e.weight), ...doc.network.neurons.map((n) => n.bias)];
    expect(worstDifference(got, [...ours.weights, ...ours.biases], 0.1)).toBeLessThanOrEqual(1e-4);
  });
});
