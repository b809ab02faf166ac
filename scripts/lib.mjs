// Helpers shared by scripts/start.mjs and scripts/test.mjs: run a command, install when stale, build when stale.
// Plain Node, no dependencies: these run on a fresh clone before node_modules exists.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Inputs of the production build: if any is newer than .next/BUILD_ID, the build is stale. */
const BUILD_INPUTS = ['app', 'components', 'engine', 'public', 'next.config.js', 'proxy.ts', 'securityPolicy.js', 'package.json', 'tsconfig.json'];

const isWindows = process.platform === 'win32';

/** Runs a command with inherited stdio from the repo root; resolves with its exit code. */
export function run(command, args = [], options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...options.env },
      shell: isWindows,
    });
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

/** Path of a locally installed binary (node_modules/.bin). */
export function bin(name) {
  return path.join(ROOT, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);
}

/** Runs npm itself: the npm that launched us when there is one, else `npm` from PATH. */
export function npm(args) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /npm-cli\.js$/.test(npmCli)) return run(process.execPath, [npmCli, ...args]);
  return run('npm', args);
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
}

/** Newest modification time of a file or, recursively, of anything inside a folder. */
function newestMtime(target) {
  let newest = mtime(target);
  let entries;
  try {
    entries = readdirSync(target, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === '.next') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** Why dependencies need installing, or null when node_modules is up to date with the lockfile. */
export function installReason() {
  const modules = path.join(ROOT, 'node_modules');
  if (!existsSync(modules)) return 'node_modules is missing';
  const lock = path.join(ROOT, 'package-lock.json');
  const installedLock = path.join(modules, '.package-lock.json');
  if (existsSync(lock) && mtime(lock) > mtime(installedLock)) return 'package-lock.json is newer than node_modules';
  return null;
}

/**
 * Installs dependencies when stale (`npm ci` with a lockfile, `npm install` without), then rebuilds the
 * `connex` bin (bin/connex.cjs) when engine/ changed. Returns an exit code.
 */
export async function ensureInstalled() {
  const reason = installReason();
  if (reason) {
    const hasLock = existsSync(path.join(ROOT, 'package-lock.json'));
    console.log(`> ${reason}: running npm ${hasLock ? 'ci' : 'install'}`);
    const code = await npm([hasLock ? 'ci' : 'install']);
    if (code !== 0) return code;
  }
  return ensureCliBundle();
}

/** Rebuilds bin/connex.cjs from engine/ when it differs (scripts/buildCli.mjs; skipped without esbuild). */
export function ensureCliBundle() {
  return run(process.execPath, [path.join(ROOT, 'scripts', 'buildCli.mjs'), '--if-possible']);
}

/** Why the production build must be (re)made, or null when .next/BUILD_ID is newer than every input. */
export function buildReason() {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'no production build yet';
  const built = mtime(buildId);
  for (const input of BUILD_INPUTS) {
    if (newestMtime(path.join(ROOT, input)) > built) return `${input} changed since the last build`;
  }
  return null;
}

/** Runs `next build` when stale. Returns an exit code. */
export async function ensureBuilt() {
  const reason = buildReason();
  if (!reason) {
    console.log('> production build is up to date');
    return 0;
  }
  console.log(`> ${reason}: running next build`);
  return run(bin('next'), ['build']);
}

/** The Chromium that Playwright should drive. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Env shared by every script: no telemetry, no prompts. */
export function baseEnv() {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
}

/** Starts the production server (scripts/server.mjs) on `port`; `stdio` as for `spawn`. Returns its process. */
export function spawnServer(port, stdio) {
  return spawn(process.execPath, [path.join(ROOT, 'scripts', 'server.mjs')], {
    cwd: ROOT,
    stdio,
    env: { ...process.env, PORT: String(port) },
  });
}

/**
 * For the browser benchmarks and soak: builds if stale, starts the production server on `port`, and resolves once
 * it answers.
 * Exits the process when the build fails. Returns the base URL and the server process (kill it when done).
 */
export async function serveProductionBuild(port) {
  baseEnv();
  if ((await ensureBuilt()) !== 0) process.exit(1);
  const server = spawnServer(port, 'ignore');
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { url, server };
}
