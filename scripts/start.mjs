// `npm start`: install if needed, build if stale, then serve the production build.
// Works on a fresh clone with nothing but Node and npm.

import { baseEnv, ensureBuilt, ensureInstalled, spawnServer } from './lib.mjs';

baseEnv();
const port = process.env.PORT || '3000';
const url = `http://localhost:${port}`;

async function main() {
  const installed = await ensureInstalled();
  if (installed !== 0) {
    console.error('npm start: installing dependencies failed.');
    return installed;
  }
  const built = await ensureBuilt();
  if (built !== 0) {
    console.error('npm start: next build failed.');
    return built;
  }

  const child = spawnServer(port, 'inherit');
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  announceWhenReady(child);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`npm start: could not start the server: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
}

/** Prints the address once the server answers, so the line is true when it appears. */
async function announceWhenReady(child) {
  const deadline = Date.now() + 120_000;
  while (child.exitCode === null && Date.now() < deadline) {
    try {
      await fetch(url, { method: 'HEAD' });
      console.log(`\nConnex is running at ${url}\n`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

process.exitCode = await main();
