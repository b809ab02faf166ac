// Runs a TypeScript entry (default tests/bench/run.ts) the way the app ships it: bundled by esbuild into one
// module, then run by plain node. Under tsx every module is compiled on its own and each use of an imported
// function goes through CommonJS interop (a getter call per use), which costs as much as a small network's whole
// step; the browser gets bundled code, where a call into another module is a plain call.
// npm packages stay external (loaded from node_modules as usual): tfjs, its wasm backend and the peers.
// Usage: node tests/bench/bundled.mjs [--node=<node flag>]... [entry.ts] [args passed to the entry...]
//   e.g. npm run bench -- --json --case=seed
//        node tests/bench/bundled.mjs --node=--cpu-prof --node=--cpu-prof-dir=tmp/prof scripts/seedJobTiming.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const nodeArgs = [];
while (argv[0]?.startsWith('--node=')) nodeArgs.push(argv.shift().slice('--node='.length));
const entry = argv[0]?.endsWith('.ts') ? argv.shift() : 'tests/bench/run.ts';

const outdir = join(root, 'node_modules/.cache/connex-bench');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, `${basename(entry, '.ts')}.cjs`);
await build({
  entryPoints: [resolve(root, entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
const child = spawnSync(process.execPath, [...nodeArgs, outfile, ...argv], { stdio: 'inherit', cwd: root });
if (child.error) throw child.error;
process.exitCode = child.status ?? 1;
