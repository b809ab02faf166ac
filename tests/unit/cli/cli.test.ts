import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../engine/cli/runCli';
import { importGraph } from '../../../engine/graph/format';

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

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('connex CLI', () => {
  beforeAll(() => {
    file('x.json', [[0], [1.5], [3]]);
  });

  it('validate prints one line with neurons, edges, levels and parameters', async () => {
    const r = await cli('validate', MODEL);
    expect(r).toEqual({ code: 0, out: ['valid: 12 neurons, 14 edges, 6 levels, 25 parameters'], err: [] });
  });

  it('train writes a connex.graph with its loss history, and continues from the saved step', async () => {
    const out = join(dir, 'trained.json');
    const r = await cli('train', MODEL, DATA, '--out', out, '--epochs', '30', '--lr', '0.02', '--seed', '3', '--batch-size', '50');
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/^wrote .*trained\.json/);
    expect(r.out.some((l) => /^epoch 30\/30 {2}loss \d/.test(l))).toBe(true);
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
    ['a model with no output neuron', () => ['validate', file('noout.json', { format: 'connex.graph', version: 1, network: { neurons: [{ id: 'a', bias: 0 }], edges: [], inputs: ['a'], outputs: [], hiddenActivation: 'relu', outputTransform: 'identity' } })], /^error: graph\/no-outputs: /],
    ['data of the wrong width', () => ['train', MODEL, file('d2.json', { inputs: [[1, 2]], targets: [[1, 2]] }), '--out', join(dir, 'o.json')], /^error: data\/shape: .*2 inputs but the network has 1 input neuron/],
    ['an unknown option', () => ['train', MODEL, DATA, '--out', join(dir, 'o.json'), '--speed', 'fast'], /^error: cli\/usage: /],
    ['a bad option value', () => ['train', MODEL, DATA, '--out', join(dir, 'o.json'), '--lr', 'fast'], /^error: cli\/usage: --lr must be a positive number, got "fast"/],
    ['a missing --out', () => ['train', MODEL, DATA], /^error: cli\/usage: missing --out/],
    ['an unknown command', () => ['fly', MODEL], /^error: cli\/usage: unknown command "fly"/],
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
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(pattern);
    });
  }

  it('as a process: exit code 2, one line on stderr, no stack trace; stdout clean on success', () => {
    const root = join(__dirname, '..', '..', '..');
    const res = spawnSync('npx', ['tsx', 'engine/cli.ts', 'validate', join(dir, 'nope.json')], { cwd: root, encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const ok = execFileSync('npx', ['tsx', 'engine/cli.ts', 'predict', MODEL, join(dir, 'x.json')], { cwd: root, encoding: 'utf8' });
    expect(() => JSON.parse(ok)).not.toThrow();
  });
});
