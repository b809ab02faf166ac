// `node tests/bench/views.mjs`: the views' cost with a big canvas. A 100-hidden-neuron network on the circle
// dataset trains in headless Chromium (wasm): with no view on screen (baseline), with the heatmap on screen, and
// with the heatmap and every neuron's thumbnail: steps per second, view frames per second reaching the page,
// and the main-thread long tasks.
// Builds if stale, serves the production build on port 3217.
/* global window, document -- these run inside the page (page.evaluate / waitForFunction) */
import { chromium } from '@playwright/test';
import { chromiumPath, serveProductionBuild } from '../../scripts/lib.mjs';
import { importDocument, openTrainingPage } from './page.mjs';

const PORT = 3217;
const SECONDS = 8;

const { url, server } = await serveProductionBuild(PORT);

/** 2 inputs, `hidden` tanh neurons each reading both inputs and up to 4 earlier ones, 1 sigmoid output. */
function network(hidden) {
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ids = Array.from({ length: hidden }, (_, i) => `h${i}`);
  const neurons = [{ id: 'x1', bias: 0 }, { id: 'x2', bias: 0 }, ...ids.map((id) => ({ id, bias: 0 })), { id: 'y', bias: 0 }];
  const edges = [];
  const seen = new Set();
  const add = (s, t) => {
    if (seen.has(`${s}>${t}`)) return;
    seen.add(`${s}>${t}`);
    edges.push({ source: s, target: t, weight: (rand() - 0.5) * 0.8 });
  };
  ids.forEach((id, i) => {
    add('x1', id);
    add('x2', id);
    for (let k = 0; k < 4 && i > 0; k++) add(ids[Math.floor(rand() * i)], id);
  });
  ids.slice(-20).forEach((id) => add(id, 'y'));
  return {
    format: 'connex.graph',
    version: 1,
    network: { neurons, edges, inputs: ['x1', 'x2'], outputs: ['y'], hiddenActivation: 'tanh', outputTransform: 'sigmoid' },
    training: { config: { loss: 'cross_entropy', learningRate: 0.03 }, step: 0, history: [], dataset: { id: 'circle', samples: 500, noise: 0, testFraction: 0.2, seed: 0 } },
  };
}

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const rows = [];
try {
  const doc = network(100);
  const cases = [
    { views: false, thumbnails: false },
    { views: true, thumbnails: false },
    { views: true, thumbnails: true },
  ];
  for (const { views, thumbnails } of cases) {
    const { page, panel } = await openTrainingPage(browser, url, 'wasm');
    await importDocument(page, doc, 'connex-views-100.connex.json');
    const toggle = page.getByLabel(/Neuron views on the canvas/);
    if ((await toggle.isChecked()) !== thumbnails) await toggle.click();
    if (views) await page.getByTestId('heatmap').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid=ops-per-step]')?.textContent ?? ''), null, { timeout: 120_000 });
    await page.evaluate(() => {
      window.__views = 0;
      window.__connexTraining.subscribe((e) => {
        if (e.type === 'view') window.__views++;
      });
    });
    await panel.getByRole('button', { name: 'Train' }).click();
    await page.waitForTimeout(1000);
    // Again: the training panel grew (charts) since, pushing the Views panel down.
    if (views) await page.getByTestId('heatmap').scrollIntoViewIfNeeded();
    const since = await page.evaluate(() => ({ t: performance.now(), views: window.__views }));
    const readings = [];
    for (let i = 0; i < SECONDS * 2; i++) {
      await page.waitForTimeout(500);
      const v = Number(await panel.getByTestId('steps-per-second').textContent());
      if (Number.isFinite(v)) readings.push(v);
    }
    const after = await page.evaluate((s) => ({
      seconds: (performance.now() - s.t) / 1000,
      views: window.__views - s.views,
      longTasks: window.__longTasks.filter((e) => e.start >= s.t).map((e) => e.duration),
      drawn: document.querySelectorAll('canvas.neuron-view').length,
    }), since);
    await panel.getByRole('button', { name: 'Pause' }).click();
    readings.sort((a, b) => a - b);
    rows.push({
      views,
      thumbnails,
      drawn: after.drawn,
      stepsPerSecond: readings[Math.floor(readings.length / 2)] ?? 0,
      viewsPerSecond: after.views / after.seconds,
      longTasks: after.longTasks.length,
      worstLongTaskMs: Math.max(0, ...after.longTasks),
    });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(`100 hidden neurons, circle, wasm, ${SECONDS} s`);
console.log('heatmap  thumbnails  drawn  steps/s  views/s  long tasks  worst long task (ms)');
for (const r of rows) {
  console.log(`${String(r.views).padEnd(9)}${String(r.thumbnails).padEnd(12)}${String(r.drawn).padStart(5)}  ${String(Math.round(r.stepsPerSecond)).padStart(7)}  ${r.viewsPerSecond.toFixed(1).padStart(7)}  ${String(r.longTasks).padStart(10)}  ${r.worstLongTaskMs.toFixed(0).padStart(20)}`);
}
