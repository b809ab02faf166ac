// The CLI as a process, the way people run and pipe it: the bundled bin (built fresh from engine/ here, and the
// committed bin/connex.cjs checked to be that build), exit codes, one bounded stderr line per error, pure stdout,
// and hostile inputs (devices, endless pipes, huge files, control characters, megabyte ids, 100,000-neuron cycles)
// run under a small heap cap so that reading a file whole would crash instead of passing.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync, existsSync, closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const bundle = join(root, 'node_modules', '.cache', 'connex-cli', 'connex.cjs');
const dir = mkdtempSync(join(tmpdir(), 'connex-proc-'));
const MODEL = join(root, 'tests', 'fixtures', 'seed.graph.json');
/** The heap cap for every run (MB): a 200 MB file read whole, or 60 million `{}` parsed, would not fit. */
const HEAP_MB = 128;
/** The longest stderr line the CLI may print (MAX_ERROR_LINE in engine/cli/runCli.ts). */
const MAX_LINE = 1_200;

function connex(args: string[], options: { input?: string; shell?: string } = {}): SpawnSyncReturns<string> {
  const env = { ...process.env, NODE_OPTIONS: '' };
  if (options.shell !== undefined) {
    return spawnSync('sh', ['-c', `${options.shell} | "${process.execPath}" --max-old-space-size=${HEAP_MB} "${bundle}" ${args.map((a) => `'${a}'`).join(' ')}`], {
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
  }
  return spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bundle, ...args], {
    encoding: 'utf8',
    env,
    input: options.input,
    timeout: 60_000,
  });
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The contract: exit 2, stdout empty, stderr exactly one line `error: <code>: ...`, bounded, no control characters. */
function expectContract(r: SpawnSyncReturns<string>, code: RegExp): string {
  expect(r.error, 'the process ran and ended by itself').toBeUndefined();
  expect(r.status, r.stderr.slice(0, 500)).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  const line = r.stderr.slice(0, -1);
  // One line however a terminal splits it: no newline, CR, line/paragraph separator, ESC or other control.
  // eslint-disable-next-line no-control-regex
  expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  expect(line.length).toBeLessThanOrEqual(MAX_LINE);
  expect(line).toMatch(new RegExp(`^error: ${code.source}`));
  expect(line).not.toMatch(/\bat .*\.(ts|cjs|js):\d+/);
  return line;
}

/** A ring of `n` neurons (a cycle through all of them) after one input; ids from `id`. */
function ring(n: number, id: (i: number) => string = (i) => String(i + 2)): string {
  const neurons = [{ id: 'in', bias: 0 }, ...Array.from({ length: n }, (_, i) => ({ id: id(i), bias: 0 }))];
  const edges = Array.from({ length: n }, (_, i) => ({ source: id(i), target: id((i + 1) % n), weight: 1 }));
  return JSON.stringify({ format: 'connex.graph', version: 1, network: { neurons, edges, inputs: ['in'], outputs: [], hiddenActivation: 'relu', outputTransform: 'identity' } });
}

describe('connex as a process', () => {
  beforeAll(() => {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'buildCli.mjs'), '--out', bundle], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    file('x.json', '[[0], [1.5], [3]]');
  }, 60_000);

  it('the committed bin/connex.cjs is the current build of engine/ (run `npm run build:cli` when this fails)', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'buildCli.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  it('predict: stdout is pure JSON, stderr empty, exit 0; --version and --help exit 0 on stdout', () => {
    const ok = connex(['predict', MODEL, join(dir, 'x.json')]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as number[][]).length).toBe(3);
    const piped = connex(['predict', MODEL, '-'], { input: '[[0]]' });
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toHaveLength(1);
    const version = connex(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    for (const args of [['--help'], ['train', '--help'], ['predict', '-h']]) {
      const h = connex(args);
      expect(h.status).toBe(0);
      expect(h.stderr).toBe('');
      expect(h.stdout).toMatch(/usage: connex/);
    }
  });

  it('no arguments, a bad option value and an unknown option follow the contract', () => {
    expectContract(connex([]), /cli\/usage: no command given/);
    expectContract(connex(['train', MODEL, '--out', join(dir, 'o.json'), '--lr', '-1']), /cli\/usage: --lr must be a positive number, got "-1"$/);
    expectContract(connex(['validate', MODEL, '--fast']), /cli\/usage: unknown option --fast/);
    expect(existsSync(join(dir, 'o.json'))).toBe(false);
  });

  it('devices are refused before any byte is read: /dev/zero, /dev/urandom, as M.json, X.json or D.json', () => {
    expectContract(connex(['validate', '/dev/zero']), /cli\/file: \/dev\/zero is a device, not a file/);
    expectContract(connex(['validate', '/dev/urandom']), /cli\/file: \/dev\/urandom is a device/);
    expectContract(connex(['predict', MODEL, '/dev/zero']), /cli\/file: \/dev\/zero is a device/);
    expectContract(connex(['train', MODEL, '/dev/zero', '--out', join(dir, 'dev.json')]), /cli\/file: \/dev\/zero is a device/);
    expectContract(connex(['validate', dir]), /cli\/file: .* is a folder, not a file/);
    expectContract(connex(['export', '/dev/zero', '--out', join(dir, 'z.onnx')]), /cli\/file: \/dev\/zero is a device/);
    expect(existsSync(join(dir, 'z.onnx'))).toBe(false);
    expect(existsSync(join(dir, 'dev.json'))).toBe(false);
  });

  it('an endless pipe is read up to the cap and refused, within the heap cap', () => {
    const line = expectContract(connex(['validate', '-'], { shell: 'cat /dev/zero' }), /format\/too-large: standard input is larger than 200,000,000 bytes/);
    expect(line).toContain('200,000,000');
  }, 60_000);

  it('a file over the size cap is refused from its size alone (a 300 MB sparse file)', () => {
    const big = join(dir, 'big.json');
    closeSync(openSync(big, 'w'));
    truncateSync(big, 300_000_000);
    const started = Date.now();
    expectContract(connex(['validate', big]), /format\/too-large: .*big\.json is larger than 200,000,000 bytes/);
    expect(Date.now() - started).toBeLessThan(20_000); // generous: a shared machine; the check itself is one fstat
  });

  it('a file of millions of empty arrays or objects is refused by the cheap count, before JSON.parse', () => {
    const arrays = file('arrays.json', `{"format": "connex.graph", "version": 1, "network": {"neurons": [], "edges": [${'[],'.repeat(1_400_000)}[]]}}`);
    expectContract(connex(['validate', arrays]), /format\/too-large: .*arrays\.json: this file holds more than 1,310,000 objects and arrays/);
    const objects = file('objects.json', `{"format": "connex.graph", "version": 1, "network": {"neurons": [${'{},'.repeat(1_400_000)}{}]}}`);
    expectContract(connex(['validate', objects]), /format\/too-large: /);
    const rows = file('rows.json', `[${'[],'.repeat(2_100_000)}[]]`);
    expectContract(connex(['predict', MODEL, rows]), /format\/too-large: .*rows\.json holds more than 2,000,016 objects and arrays/);
  }, 60_000);

  it('ids with newline, CR, U+2028, ESC and quotes are escaped: the error stays one line and names them', () => {
    const ids = ['a\nerror: spoofed', 'b\r', 'c\u2028d', '\u001b[31mred', 'q"uote'];
    const line = expectContract(connex(['validate', file('ctl.json', ring(ids.length, (i) => ids[i]!))]), /graph\/cycle: /);
    expect(line).toContain('"a\\nerror: spoofed"');
    expect(line).toContain('"\\u001b[31mred"');
    expect(line).toContain('"c\\u2028d"');
    expect(line).toContain('"q\\"uote"');
  });

  it('a 1 MB id gives a short line, and so does a cycle through 100,000 neurons', () => {
    const huge = 'x'.repeat(1_000_000);
    const one = expectContract(connex(['validate', file('huge-id.json', ring(3, (i) => (i === 0 ? huge : `n${i}`)))]), /graph\/cycle: /);
    expect(one).toMatch(/\.\.\. \(999,940 more characters\)/);
    expect(one.length).toBeLessThan(600);
    const cycle = expectContract(connex(['validate', file('ring.json', ring(99_999))]), /graph\/cycle: the connections form the cycle 2 -> 3 -> /);
    expect(cycle).toMatch(/ -> \.\.\. \([\d,]+ more\) -> 2; remove one of them$/);
    expect(cycle.length).toBeLessThan(400);
  }, 60_000);

  it('a pretty-printed file with NaN gives one line with its line and column, no raw newline', () => {
    expectContract(connex(['validate', file('nan.json', '{\n  "format": "connex.graph",\n  "version": 1,\n  "x": NaN\n}\n')]), /format\/json: .*line 4, column 8: unexpected "N" after .*JSON has no NaN/);
  });

  it('train writes nothing when an option cannot be stored in the format', () => {
    const out = join(dir, 'never.json');
    expectContract(connex(['train', MODEL, '--out', out, '--seed', '1e20']), /cli\/usage: --seed must be a whole number/);
    expectContract(connex(['train', MODEL, '--out', out, '--batch-size', '1e20']), /cli\/usage: --batch-size must be a whole number/);
    expect(existsSync(out)).toBe(false);
  });
});
