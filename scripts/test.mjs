// `npm test`: every check, in order, stopping at the first failure:
// install (if stale), typecheck, lint, PyTorch (for the export tests), unit tests, production build (if stale), Chromium,
// e2e tests.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { baseEnv, bin, chromiumPath, ensureBuilt, ensureInstalled, run } from './lib.mjs';

baseEnv();
process.env.CI ??= '1';
process.env.FORCE_COLOR ??= '0';

const CHROMIUM_HINT = 'install Chromium: sudo apt-get install -y chromium, or set CHROMIUM_PATH';

/** Finds Chromium, installing Debian's package when we are root and apt-get exists. Returns an exit code. */
async function ensureChromium() {
  const chromium = chromiumPath();
  if (existsSync(chromium)) {
    console.log(`> using Chromium at ${chromium}`);
    return 0;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get') && !process.env.CHROMIUM_PATH) {
    console.log('> Chromium is missing: running apt-get install -y chromium');
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if ((await run('apt-get', ['update'], { env })) === 0) {
      await run('apt-get', ['install', '-y', 'chromium'], { env });
    }
  }
  if (existsSync(chromium)) return 0;
  console.error(`Chromium not found at ${chromium}. ${CHROMIUM_HINT}`);
  return 1;
}

const TORCH_HINT = 'install PyTorch for /usr/bin/python3: sudo apt-get install -y python3-torch python3-onnx, or set CONNEX_PYTHON';

/** Can the export tests' Python import torch? */
function hasTorch(python) {
  return existsSync(python) && spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/**
 * Finds PyTorch for the export tests (tests/unit/export), installing Debian's python3-torch (and python3-onnx, whose
 * checker those tests also run) when we are root and apt-get exists. Returns an exit code.
 */
async function ensurePythonTorch() {
  const python = process.env.CONNEX_PYTHON || '/usr/bin/python3';
  if (hasTorch(python)) {
    console.log(`> using PyTorch from ${python}`);
    return 0;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get') && !process.env.CONNEX_PYTHON) {
    console.log('> PyTorch is missing: running apt-get install -y python3-torch python3-onnx');
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if ((await run('apt-get', ['update'], { env })) === 0) {
      await run('apt-get', ['install', '-y', 'python3-torch', 'python3-onnx'], { env });
    }
  }
  if (hasTorch(python)) return 0;
  console.error(`${python} cannot import torch. ${TORCH_HINT}`);
  return 1;
}

const stages = [
  ['install', ensureInstalled],
  ['typecheck', () => run(bin('tsc'), ['--noEmit'])],
  ['lint', () => run(bin('eslint'), ['.'])],
  ['pytorch', ensurePythonTorch],
  ['unit', () => run(bin('vitest'), ['run'])],
  ['build', ensureBuilt],
  ['chromium', ensureChromium],
  ['e2e', () => run(bin('playwright'), ['test'])],
];

const results = [];
let failed = null;
for (const [name, stage] of stages) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const code = await stage();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${name} ${code === 0 ? 'ok' : 'FAILED'} (${seconds}s)`);
  if (code !== 0) {
    failed = name;
    console.error(`\nnpm test: stage "${name}" failed (exit code ${code}).`);
    break;
  }
}

const skipped = stages.slice(results.length).map(([name]) => `${name} skipped`);
console.log(`\nnpm test summary: ${[...results, ...skipped].join(', ')}`);
console.log(failed ? `npm test: FAILED at ${failed}` : 'npm test: all stages passed');
process.exitCode = failed ? 1 : 0;
