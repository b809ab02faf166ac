// `npm run soak:browser` (not in CI): a 500-neuron network training for 5 minutes in headless Chromium with the
// loss chart and the live weights on the canvas. Reports the page's JS heap (after a forced GC, through CDP), the
// worker's tfjs tensor count, and main-thread long tasks, at the start and the end. `-- 1` runs for 1 minute.
/* global self, document -- these run inside the page or the worker (evaluate / waitForFunction) */
import { chromium } from '@playwright/test';
import { bigNetwork } from '../tests/bench/bigNetwork.mjs';
import { importDocument, longTasksSince, openTrainingPage } from '../tests/bench/page.mjs';
import { chromiumPath, serveProductionBuild } from './lib.mjs';

const PORT = 3300;
const minutes = Number(process.argv[2] ?? 5);
const backend = process.argv[3] ?? 'wasm';


const { url, server } = await serveProductionBuild(PORT);

const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--no-first-run'] });
let failed = false;
try {
  const { page, panel } = await openTrainingPage(browser, url, backend, { firstBackendTimeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await importDocument(page, bigNetwork(497), 'connex-soak-500.connex.json');
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid=ops-per-step]')?.textContent ?? ''), null, { timeout: 180_000 });

  /** The page's heap after a full GC (MB), the worker's live tensors, the step count. */
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const worker = page.workers()[0];
    // tfjs keeps its engine on the global object (_tfengine): read the worker's live tensor count there.
    const tensors = worker ? await worker.evaluate(() => self._tfengine?.state?.numTensors ?? -1) : -1;
    const step = Number(await panel.getByTestId('step-count').textContent());
    return { heapMB: usedSize / 2 ** 20, tensors, step };
  };

  await panel.getByRole('button', { name: 'Train' }).click();
  await page.waitForTimeout(20_000); // warm-up: first compiles, chart filling, V8 optimising
  const start = await measure();
  const since = await page.evaluate(() => performance.now());
  const samples = [start];
  const end0 = Date.now() + minutes * 60_000;
  while (Date.now() < end0) {
    await page.waitForTimeout(Math.min(30_000, Math.max(0, end0 - Date.now())));
    const s = await measure();
    samples.push(s);
    console.log(`  +${((samples.length - 1) * 0.5).toFixed(1)} min: step ${s.step}, heap ${s.heapMB.toFixed(1)} MB, tensors ${s.tensors}`);
  }
  const end = samples.at(-1);
  const longTasks = await longTasksSince(page, since);
  await panel.getByRole('button', { name: 'Pause' }).click();
  const over100 = longTasks.filter((d) => d > 100);
  console.log(`soak:browser ${minutes} min, 500 neurons on ${backend}, chart and live weights on`);
  console.log(`steps: ${start.step} -> ${end.step}`);
  console.log(`heap (after GC): ${start.heapMB.toFixed(1)} MB -> ${end.heapMB.toFixed(1)} MB`);
  console.log(`worker tensors: ${start.tensors} -> ${end.tensors}`);
  console.log(`main-thread long tasks: ${longTasks.length}, worst ${Math.max(0, ...longTasks).toFixed(0)} ms, over 100 ms: ${over100.length}`);
  if (end.tensors !== start.tensors) failed = true;
  if (end.heapMB - start.heapMB > 10) failed = true;
} finally {
  await browser.close();
  server.kill();
}
if (failed) {
  console.error('soak:browser: tensor count or heap grew');
  process.exitCode = 1;
}
