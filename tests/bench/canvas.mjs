// `npm run bench:canvas`: how the page itself fares while training (issue 5): the seed example (steps per second
// as the page reports them, charts live) and a 500-neuron, ~3,900-connection random DAG on the canvas with live
// weights; for each, the main-thread long tasks while training (count and worst). Builds if stale, serves the
// production build on port 3202, drives the page with Playwright in headless Chromium.
/* global document -- these run inside the page (waitForFunction) */
import { chromium } from '@playwright/test';
import { chromiumPath, serveProductionBuild } from '../../scripts/lib.mjs';
import { importDocument, longTasksSince, openTrainingPage } from './page.mjs';
import { bigNetwork } from './bigNetwork.mjs';

const PORT = 3202;
const json = process.argv.includes('--json');
const seconds = process.argv.includes('--quick') ? 2 : 6;

const { url, server } = await serveProductionBuild(PORT);

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const rows = [];
try {
  const cases = [
    // The seed example runs on typed arrays whatever the backend; the big DAG on tfjs (wasm: WebGL is SwiftShader here).
    { backend: 'wasm', name: 'seed example (charts live)', big: false },
    ...(process.argv.includes('--quick') ? [] : [{ backend: 'wasm', name: '500 neurons on the canvas (live weights)', big: true }]),
  ];
  for (const { backend, name, big } of cases) {
    const { page, panel } = await openTrainingPage(browser, url, backend);
    // The big network comes in after the switch, so it compiles once, on the chosen backend.
    if (big) {
      await importDocument(page, bigNetwork(497), 'connex-500.connex.json');
    }
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
    await panel.getByRole('button', { name: 'Pause' }).click({ timeout: 60_000 });
    const longTasks = await longTasksSince(page, since);
    readings.sort((a, b) => a - b);
    const executor = (await page.getByTestId('executor').textContent()) ?? '';
    const n = big ? 500 : 12;
    rows.push({ case: name, system: 'connex', metric: 'steps_per_second', value: readings[Math.floor(readings.length / 2)] ?? 0, n, backend, note: executor });
    rows.push({ case: name, system: 'main thread worst long task', metric: 'ms', value: Math.max(0, ...longTasks), n, backend, note: `${longTasks.length} long tasks in ${seconds + 1} s of training` });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
if (json) rows.forEach((r) => console.log(JSON.stringify(r)));
else {
  console.log(`${'case'.padEnd(42)}${'system'.padEnd(30)}${'metric'.padEnd(18)}${'value'.padStart(8)}  note`);
  for (const r of rows) console.log(`${r.case.padEnd(42)}${r.system.padEnd(30)}${r.metric.padEnd(18)}${String(Math.round(r.value)).padStart(8)}  ${r.note}`);
}
