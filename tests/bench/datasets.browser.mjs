// `npm run bench:datasets:browser`: each dataset's shipped preset trained in headless Chromium (page, no worker)
// per backend: steps and seconds until test accuracy passes 0.9, or the test loss after 500 steps (regression).
// Bundles tests/bench/datasetsPage.ts with esbuild (vite's), serves it and the wasm binaries on a local port.
// Flags: --backends webgl,wasm,cpu (default), --json.
/* global window -- runs inside the page (page.evaluate) */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { ROOT, chromiumPath } from '../../scripts/lib.mjs';

const json = process.argv.includes('--json');
const at = process.argv.indexOf('--backends');
const backends = at > 0 ? process.argv[at + 1].split(',') : ['webgl', 'wasm', 'cpu'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connex-datasets-'));
await build({ entryPoints: [path.join(ROOT, 'tests/bench/datasetsPage.ts')], bundle: true, format: 'esm', platform: 'browser', outfile: path.join(dir, 'bench.js'), logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' } });
fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>');
const wasmDir = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const file = url.pathname.startsWith('/wasm/') ? path.join(wasmDir, path.basename(url.pathname)) : path.join(dir, url.pathname === '/' ? 'index.html' : path.basename(url.pathname));
  if (!fs.existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'text/html';
  res.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
});
await new Promise((resolve) => server.listen(0, resolve));
const port = server.address().port;

const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--disable-gpu', '--disable-quic'] });
try {
  if (!json) {
    console.log('| dataset | preset | backend | test accuracy > 0.9 | steps | seconds | test accuracy | test loss |');
    console.log('|---|---|---|---|---|---|---|---|');
  }
  for (const backend of backends) {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/`);
    await page.waitForFunction(() => typeof window.runAll === 'function');
    const rows = await page.evaluate(([b]) => window.runAll(b, 60, 500), [backend]);
    for (const r of rows) {
      if (json) console.log(JSON.stringify(r));
      else console.log(`| ${r.dataset} | ${r.preset} | ${r.backend} | ${r.accuracy === null ? '—' : r.reached ? 'yes' : 'no'} | ${r.steps} | ${r.seconds.toFixed(1)} | ${r.accuracy === null ? '—' : r.accuracy.toFixed(3)} | ${r.loss.toFixed(4)} |`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
