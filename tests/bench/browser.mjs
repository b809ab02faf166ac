// `npm run bench:browser`: the seed example and the scale case's 1,000-neuron DAG training in headless Chromium
// through the worker (the scale graph on wasm and cpu): ms per step from the steps per second the page reports,
// and the worst main-thread long task while training. Rows as in `npm run bench` (--json: one per line).
// Builds if stale, serves the production build on port 3200, drives the page with Playwright.
/* global document -- these run inside the page (waitForFunction) */
import { chromium } from '@playwright/test';
import { chromiumPath, serveProductionBuild } from '../../scripts/lib.mjs';
import { importDocument, longTasksSince, openTrainingPage } from './page.mjs';
import { randomDag } from './randomDag.ts';

const PORT = 3200;
const json = process.argv.includes('--json');
const seconds = process.argv.includes('--quick') ? 2 : 6;

const { url, server } = await serveProductionBuild(PORT);

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
/** The scale case's random DAG (fan-in 8, depth 20) in connex.graph form, shaped for the page's seed data (1 in, 2 out). */
function scaleDocument(neurons) {
  const network = randomDag({ neurons, inputs: 1, outputs: 2 });
  return { format: 'connex.graph', version: 1, network };
}

const rows = [];
try {
  // The seed example runs on the executor the page picks (typed arrays for a network this small), whatever the
  // backend; the scale graph is big enough for tfjs, so it runs on each backend (webgl is SwiftShader here: slow).
  const scaleNeurons = process.argv.includes('--quick') ? 120 : 1000;
  const cases = [
    { backend: 'wasm', name: 'seed', big: false },
    ...['wasm', 'cpu'].map((backend) => ({ backend, name: 'scale', big: true })),
  ];
  for (const { backend, name, big } of cases) {
    process.stderr.write(`browser: ${name} on ${backend}\n`);
    const { page, panel } = await openTrainingPage(browser, url, backend);
    // The big network comes in after the switch, so it compiles once, on the chosen backend.
    if (big) {
      await importDocument(page, scaleDocument(scaleNeurons), `connex-scale-${scaleNeurons}.connex.json`);
    }
    // Compiled: the panel names the executor that runs (typed arrays, or tfjs on a backend).
    await page.waitForFunction(() => /^(typed arrays|tfjs on (webgl|wasm|cpu))/.test(document.querySelector('[data-testid=executor]')?.textContent ?? ''), null, { timeout: 120_000 });
    const since = await page.evaluate(() => performance.now());
    await panel.getByRole('button', { name: 'Train' }).click();
    await page.waitForTimeout(1000);
    const readings = [];
    for (let i = 0; i < seconds * 2; i++) {
      await page.waitForTimeout(500);
      const v = Number(await panel.getByTestId('steps-per-second').textContent());
      if (Number.isFinite(v)) readings.push(v);
    }
    // A big canvas keeps the page busy: no waiting for the button to sit still between frames.
    await panel.getByRole('button', { name: 'Pause' }).click({ force: true, timeout: 120_000 });
    const longTasks = await longTasksSince(page, since);
    readings.sort((a, b) => a - b);
    const executor = (await page.getByTestId('executor').textContent()) ?? '';
    const system = executor.startsWith('typed arrays') ? 'connex typed-array (browser worker)' : 'connex tfjs (browser worker)';
    const stepsPerSecond = readings[Math.floor(readings.length / 2)] ?? 0;
    const n = big ? scaleNeurons : 12;
    const backendInUse = executor.startsWith('typed arrays') ? 'js' : backend;
    rows.push({ case: name, system, metric: 'ms_per_step', value: stepsPerSecond > 0 ? 1000 / stepsPerSecond : null, n, backend: backendInUse, ...(stepsPerSecond > 0 ? {} : { note: 'no steps reported' }) });
    rows.push({ case: name, system: 'main thread worst long task', metric: 'ms', value: Math.max(0, ...longTasks), n, backend: backendInUse, note: `${longTasks.length} long tasks while training` });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
if (json) rows.forEach((r) => console.log(JSON.stringify(r)));
else {
  console.log(`${'case'.padEnd(8)}${'system'.padEnd(38)}${'n'.padStart(6)}  ${'backend'.padEnd(8)}${'metric'.padEnd(13)}${'value'.padStart(9)}  note`);
  for (const r of rows) {
    const value = r.value === null ? '-' : r.value.toFixed(r.value >= 100 ? 0 : 2);
    console.log(`${r.case.padEnd(8)}${r.system.padEnd(38)}${String(r.n).padStart(6)}  ${r.backend.padEnd(8)}${r.metric.padEnd(13)}${value.padStart(9)}  ${r.note ?? ''}`);
  }
}
