import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../engine/cli/runCli';
import { exportGraph, importGraph, serializeGraph } from '../../../engine/graph/format';
import { seedNetwork } from '../../../engine/graph/seedExample';

const dir = mkdtempSync(join(tmpdir(), 'connex-cli-'));
const fixture = (name: string) => join(__dirname, '..', '..', 'fixtures', name);
const MODEL = fixture('seed.graph.json');
const DATA = fixture('seed.data.json');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** The seed network with every weight and bias at 1e38: float32 values overflow to Infinity after a level or two. */
function hugeWeights(): string {
  const net = seedNetwork();
  return serializeGraph(exportGraph({ ...net, edges: net.edges.map((e) => ({ ...e, weight: 3e38 })), neurons: net.neurons.map((n) => ({ ...n, bias: 3e38 })) }));
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('connex CLI', () => {
  beforeAll(() => {
    file('x.json', [[0], [1.5], [3]]);
  });

  it('train --executor trains where it is told (the same rule as the page), auto by the cost model', async () => {
    const run = (...extra: string[]) => cli('train', MODEL, DATA, '--out', join(dir, 'executor.json'), '--epochs', '1', ...extra);
    expect((await run('--executor', 'tfjs')).err[0]).toMatch(/^training 12 neurons, 25 parameters on TensorFlow\.js \(wasm\)/);
    expect((await run('--executor', 'typed-array', '--backend', 'cpu')).err[0]).toMatch(/ on typed arrays: /);
    expect((await run()).err[0]).toMatch(/ on typed arrays: /);
    const bad = await run('--executor', 'gpu');
    expect(bad.code).not.toBe(0);
    expect(bad.err.join('\n')).toMatch(/--executor must be one of auto, tfjs, typed-array, got "gpu"/);
  });

  it('validate prints one line with neurons, edges, levels and parameters', async () => {
    const r = await cli('validate', MODEL);
    expect(r).toEqual({ code: 0, out: ['valid: 12 neurons, 14 edges, 6 levels, 25 parameters'], err: [] });
  });

  it('train writes a connex.graph with its loss history, and continues from the saved step', async () => {
    const out = join(dir, 'trained.json');
    const r = await cli('train', MODEL, DATA, '--out', out, '--epochs', '30', '--lr', '0.02', '--seed', '3', '--batch-size', '50');
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/^wrote .*trained\.json: 30 epochs, step 150, loss \d/);
    // Progress is on stderr: a header, then plain lines (no terminal here), the last one for epoch 30.
    expect(r.err[0]).toMatch(/^training 12 neurons, 25 parameters on (typed arrays|TensorFlow\.js \(wasm\)): 30 epochs of 5 steps/);
    expect(r.err.some((l) => /^epoch 30\/30 {2}loss \d.* steps\/s {2}ETA /.test(l))).toBe(true);
    const doc = importGraph(readFileSync(out, 'utf8'));
    expect(doc.training?.step).toBe(30 * 5);
    expect(doc.training?.history).toHaveLength(30);
    expect(doc.training?.config).toMatchObject({ learningRate: 0.02, seed: 3, batchSize: 50 });
    const before = importGraph(readFileSync(MODEL, 'utf8')).network;
    expect(doc.network.edges.map((e) => e.weight)).not.toEqual(before.edges.map((e) => e.weight));

    const again = join(dir, 'again.json');
    expect((await cli('train', out, DATA, '--out', again, '--epochs', '2')).code).toBe(0);
    const doc2 = importGraph(readFileSync(again, 'utf8'));
    expect(doc2.training?.step).toBe(30 * 5 + 2 * 5);
    expect(doc2.training?.epoch).toBe(32);
    expect(doc2.training?.history).toHaveLength(32);
  });

  it('predict prints one output row per input row, matching on cpu and wasm', async () => {
    const cpu = await cli('predict', MODEL, join(dir, 'x.json'));
    expect(cpu.code).toBe(0);
    const rows = JSON.parse(cpu.out[0]!) as number[][];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.length === 2)).toBe(true);
    const wasm = await cli('predict', MODEL, join(dir, 'x.json'), '--backend', 'wasm');
    (JSON.parse(wasm.out[0]!) as number[][]).forEach((r, i) => r.forEach((v, k) => expect(v).toBeCloseTo(rows[i]![k]!, 5)));
  });

  it('edit applies operations and keeps every other parameter', async () => {
    const ops = file('ops.json', [
      { op: 'addConnections', connections: [['1', '6']] },
      { op: 'removeNeurons', ids: ['9'] },
      { op: 'setDropout', p: 0.1 },
      { op: 'setDropout', neurons: { '4': 0.2 } },
    ]);
    const out = join(dir, 'edited.json');
    const r = await cli('edit', MODEL, ops, '--out', out, '--seed', '5');
    expect(r.code).toBe(0);
    const before = importGraph(readFileSync(MODEL, 'utf8')).network;
    const after = importGraph(readFileSync(out, 'utf8')).network;
    expect(after.neurons.map((n) => n.id)).not.toContain('9');
    expect(after.edges.some((e) => e.source === '1' && e.target === '6')).toBe(true);
    expect(after.neurons.find((n) => n.id === '4')!.dropout).toBe(0.2);
    expect(after.neurons.find((n) => n.id === '5')!.dropout).toBe(0.1);
    for (const e of after.edges) {
      const old = before.edges.find((f) => f.source === e.source && f.target === e.target);
      if (old) expect(e.weight).toBe(old.weight);
    }
  });

  const bad: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['validate', join(dir, 'nope.json')], /^error: cli\/file: .*nope\.json does not exist$/],
    ['a file that is not JSON', () => ['validate', file('broken.json', '{"format": ')], /^error: format\/json: /],
    ['a wrong format version', () => ['validate', file('v2.json', { format: 'connex.graph', version: 2, network: {} })], /^error: format\/version: /],
    ['a cycle in the model', () => ['validate', file('cyc.json', { format: 'connex.graph', version: 1, network: { neurons: [{ id: 'a', bias: 0 }, { id: 'b', bias: 0 }, { id: 'c', bias: 0 }], edges: [{ source: 'b', target: 'c', weight: 1 }, { source: 'c', target: 'b', weight: 1 }], inputs: ['a'], outputs: [], hiddenActivation: 'relu', outputTransform: 'identity' } })], /^error: graph\/cycle: .*b -> c -> b/],
    ['predict with a model with no output neuron', () => ['predict', file('noout.json', { format: 'connex.graph', version: 1, network: { neurons: [{ id: 'a', bias: 0 }], edges: [], inputs: ['a'], outputs: [], hiddenActivation: 'relu', outputTransform: 'identity' } }), join(dir, 'x.json')], /^error: graph\/no-outputs: /],
    ['data of the wrong width', () => ['train', MODEL, file('d2.json', { inputs: [[1, 2]], targets: [[1, 2]] }), '--out', join(dir, 'o.json')], /^error: data\/shape: .*2 inputs but the network has 1 input neuron/],
    ['an unknown option', () => ['train', MODEL, DATA, '--out', join(dir, 'o.json'), '--speed', 'fast'], /^error: cli\/usage: /],
    ['a bad option value', () => ['train', MODEL, DATA, '--out', join(dir, 'o.json'), '--lr', 'fast'], /^error: cli\/usage: --lr must be a positive number, got "fast"/],
    ['a missing --out', () => ['train', MODEL, DATA], /^error: cli\/usage: missing --out/],
    ['a negative option value', () => ['train', MODEL, DATA, '--out', join(dir, 'o.json'), '--lr', '-1'], /^error: cli\/usage: --lr must be a positive number, got "-1"$/],
    ['a seed the format cannot store', () => ['train', MODEL, DATA, '--out', join(dir, 'o.json'), '--seed', '1e20'], /^error: cli\/usage: --seed must be a whole number from 0 to 9,007,199,254,740,991/],
    ['a batch size the format cannot store', () => ['train', MODEL, DATA, '--out', join(dir, 'o.json'), '--batch-size', '1e20'], /^error: cli\/usage: --batch-size must be a whole number from 1 /],
    ['an option without its value', () => ['train', MODEL, DATA, '--out'], /^error: cli\/usage: --out needs a value/],
    ['no command at all', () => [], /^error: cli\/usage: no command given; use one of validate, predict, train, edit, export/],
    ['D.json and --data together', () => ['train', MODEL, DATA, '--data', 'x.csv', '--out', join(dir, 'o.json')], /^error: cli\/usage: give the data once/],
    ['--data without columns', () => ['train', MODEL, '--data', fixture('points.csv'), '--out', join(dir, 'o.json')], /^error: cli\/usage: --data needs --inputs and --targets naming columns; .* has /],
    ['a pretty-printed file with NaN', () => ['validate', file('nan.json', '{\n  "format": "connex.graph",\n  "version": NaN\n}\n')], /^error: format\/json: .* at line 3, column 14: unexpected "N" after .*; JSON has no NaN or Infinity/],
    ['a data file with a comment', () => ['train', MODEL, file('comment.json', '{\n  // rows\n  "inputs": []\n}'), '--out', join(dir, 'o.json')], /^error: format\/json: .*comment\.json is not valid JSON at line 2, column 3: .*JSON allows no comments$/],
    ['a number written .5', () => ['predict', MODEL, file('dot5.json', '[[.5]]')], /^error: format\/json: .*a digit before its point/],
    ['outputs that overflow', () => ['predict', file('huge.json', hugeWeights()), join(dir, 'x.json')], /^error: predict\/non-finite: row \d+, output \d+ \(neuron \d+\) is (Infinity|-Infinity|NaN): the network.s values overflow/],
    ['an unknown command', () => ['fly', MODEL], /^error: cli\/usage: unknown command fly; use one of validate, predict, train, edit, export$/],
    ['an edit that closes a cycle', () => ['edit', MODEL, file('cyc-op.json', [{ op: 'addConnections', connections: [['6', '2']] }]), '--out', join(dir, 'o.json')], /^error: graph\/cycle: .*would close the cycle 2 -> 4 -> 6 -> 2/],
    ['a malformed edit list', () => ['edit', MODEL, file('bad-op.json', [{ op: 'addConnections', connections: [['6']] }]), '--out', join(dir, 'o.json')], /^error: edit\/bad-op: /],
    ['predict rows of the wrong width', () => ['predict', MODEL, file('x2.json', [[1, 2]])], /^error: data\/shape: /],
    ['cross_entropy with an identity output', () => ['train', MODEL, DATA, '--out', join(dir, 'o.json'), '--loss', 'cross_entropy'], /^error: train\/loss-transform: /],
    ['a diverging run', () => ['train', MODEL, DATA, '--out', join(dir, 'div.json'), '--lr', '1e30', '--optimizer', 'sgd', '--epochs', '20'], /^error: train\/diverged: .*lower the learning rate/],
  ];
  for (const [what, args, pattern] of bad) {
    it(`exits 2 with one error line for ${what}`, async () => {
      const r = await cli(...args());
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      // Only a run that fails mid-training has progress lines before its error line.
      if (!what.includes('diverging')) expect(r.err).toHaveLength(1);
      expect(r.err.filter((l) => l.startsWith('error:'))).toHaveLength(1);
      expect(r.err.at(-1)).toMatch(pattern);
    });
  }


  it('--help and -h print usage on stdout with exit 0, for the CLI and after any command', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await cli(...argv);
      expect(r.code).toBe(0);
      expect(r.err).toEqual([]);
      expect(r.out.join('\n')).toMatch(/usage: connex <command>/);
    }
    for (const name of ['validate', 'predict', 'train', 'edit', 'export']) {
      for (const argv of [[name, '--help'], [name, MODEL, '-h'], ['help', name]]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.err).toEqual([]);
        expect(r.out.join('\n')).toMatch(new RegExp(`^usage: connex ${name}`));
      }
    }
    const v = await cli('--version');
    expect(v).toEqual({ code: 0, out: [expect.stringMatching(/^\d+\.\d+\.\d+/)], err: [] });
  });

  it('train without D.json trains on the dataset the document names, with its test split, and keeps it', async () => {
    const spiral = exportGraph(seedNetwork(), { config: {}, step: 0, history: [], dataset: { id: 'cos-sin', samples: 100, noise: 0, testFraction: 0.3, seed: 4 } });
    const m = file('named.json', serializeGraph(spiral));
    const out = join(dir, 'named-out.json');
    const r = await cli('train', m, '--out', out, '--epochs', '3', '--json');
    expect(r.code).toBe(0);
    // --json: stdout is exactly one JSON object per epoch; the summary goes to stderr.
    expect(r.out).toHaveLength(3);
    const reports = r.out.map((l) => JSON.parse(l) as Record<string, number>);
    expect(reports.map((x) => x.epoch)).toEqual([1, 2, 3]);
    for (const x of reports) {
      expect(x).toMatchObject({ epochs: 3, loss: expect.any(Number), testLoss: expect.any(Number), stepsPerSecond: expect.any(Number) });
    }
    expect(r.err[0]).toMatch(/on the document's dataset cos-sin \(70 train, 30 test rows\)/);
    expect(r.err.at(-1)).toMatch(/^wrote .* test loss /);
    const doc = importGraph(readFileSync(out, 'utf8'));
    expect(doc.training?.dataset).toEqual({ id: 'cos-sin', samples: 100, noise: 0, testFraction: 0.3, seed: 4 });
    expect(doc.training?.history.map((p) => p.testLoss)).toEqual(reports.map((x) => x.testLoss));
  });

  it('train --data reads a CSV through the app parser and reports test accuracy for a class column', async () => {
    const net = exportGraph({ ...seedNetwork(), inputs: [], outputs: [] });
    // A 3-input, 2-class network: kind is a class column with two values (far, near) -> two outputs, softmax.
    const ops = file('csv-ops.json', [
      { op: 'addNeurons', neurons: [{ id: 'x', role: 'input' }, { id: 'y', role: 'input' }, { id: 'z', role: 'input' }, { id: 'a', role: 'output' }, { id: 'b', role: 'output' }] },
      { op: 'addConnections', connections: [['x', 'a'], ['y', 'a'], ['z', 'a'], ['x', 'b'], ['y', 'b'], ['z', 'b']] },
      { op: 'setOutputTransform', transform: 'softmax' },
    ]);
    const base = file('csv-base.json', serializeGraph(net));
    const m = join(dir, 'csv-model.json');
    expect((await cli('edit', base, ops, '--out', m)).code).toBe(0);
    const out = join(dir, 'csv-out.json');
    const r = await cli('train', m, '--data', fixture('points.csv'), '--inputs', 'x,y,z', '--targets', 'kind', '--loss', 'cross_entropy', '--epochs', '5', '--test-fraction', '0.25', '--out', out);
    expect(r.err.filter((l) => l.startsWith('error'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/accuracy \d+(\.\d)?%, test loss [\d.]+, test accuracy \d+(\.\d)?%$/);
    expect(importGraph(readFileSync(out, 'utf8')).training?.dataset).toBeUndefined();
    const bad = await cli('train', m, '--data', fixture('points.csv'), '--inputs', 'x,y,w', '--targets', 'kind', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/^error: csv\/columns: there is no column "w"/);
  });

  it('accepts a UTF-8 byte order mark in every JSON file: model, D.json, X.json, OPS.json', async () => {
    const bom = '\ufeff';
    const m = file('bom-model.json', bom + readFileSync(MODEL, 'utf8'));
    const d = file('bom-data.json', bom + readFileSync(DATA, 'utf8'));
    const x = file('bom-x.json', bom + '[[0], [1]]');
    const ops = file('bom-ops.json', bom + '[{"op": "setDropout", "p": 0.1}]');
    expect((await cli('validate', m)).code).toBe(0);
    expect((await cli('predict', m, x)).code).toBe(0);
    expect((await cli('train', m, d, '--out', join(dir, 'bom-out.json'), '--epochs', '1')).code).toBe(0);
    expect((await cli('edit', m, ops, '--out', join(dir, 'bom-edit.json'))).code).toBe(0);
  });

  it('edit may write an untrainable document (a legal editing state): it warns, validate says so with exit 0, train refuses', async () => {
    const out = join(dir, 'no-input.json');
    const r = await cli('edit', MODEL, file('rm-input.json', [{ op: 'setRole', id: '0', role: 'hidden' }]), '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([expect.stringMatching(/^warning: graph\/no-inputs: .*no-input\.json cannot train yet: the network has no input neuron/)]);
    const v = await cli('validate', out);
    expect(v.code).toBe(0);
    expect(v.out[0]).toMatch(/^valid, not trainable: graph\/no-inputs: the network has no input neuron; .* \(12 neurons, \d+ edges\)$/);
    const t = await cli('train', out, DATA, '--out', join(dir, 'never.json'));
    expect(t.code).toBe(2);
    expect(t.err[0]).toMatch(/^error: graph\/no-inputs: /);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('refuses, before training and writing anything, a run whose step count would pass the largest safe integer', async () => {
    const doc = exportGraph(seedNetwork(), { config: {}, step: Number.MAX_SAFE_INTEGER - 1, history: [] });
    const out = join(dir, 'too-many.json');
    const r = await cli('train', file('late.json', serializeGraph(doc)), DATA, '--out', out, '--epochs', '3');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/^error: cli\/usage: --epochs 3 would take the step count past 9,007,199,254,740,991/)]);
    expect(existsSync(out)).toBe(false);
  });

  it('a trained file imports and exports to the same document (step and history kept)', async () => {
    const out = join(dir, 'rt.json');
    expect((await cli('train', MODEL, DATA, '--out', out, '--epochs', '30', '--batch-size', '50')).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const doc = importGraph(text);
    expect(doc.training?.step).toBe(150);
    expect(doc.training?.history).toHaveLength(30);
    expect(serializeGraph(exportGraph(doc.network, doc.training))).toBe(text);
  });

  it('on a terminal, progress is one line rewritten in place (status), not a line per report', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const status: string[] = [];
    const code = await runCli(['train', MODEL, DATA, '--out', join(dir, 'tty.json'), '--epochs', '5'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      status: (t) => status.push(t),
    });
    expect(code).toBe(0);
    expect(err).toHaveLength(1); // the header; epochs went to status
    expect(status.at(-2)).toMatch(/^epoch 5\/5 {2}loss [\d.]+ {2}[\d,]+ steps\/s {2}ETA \d+s$/);
    expect(status.at(-1)).toBe(''); // cleared before the summary
    expect(out).toEqual([expect.stringMatching(/^wrote .*tty\.json: 5 epochs, step \d+, loss /)]);
  });
});
