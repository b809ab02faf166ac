// The steps every browser benchmark (and the browser soak) takes in the page: open it with a long-task recorder,
// move training to a backend, import a network, read the long tasks back.
/* global window, document, PerformanceObserver -- these run inside the page (addInitScript / waitForFunction) */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A new page at `url` recording main-thread long tasks, with training moved to `backend` once the worker reported
 * its first one. Returns the page and its training panel.
 */
export async function openTrainingPage(browser, url, backend, { firstBackendTimeout = 30_000 } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  const panel = page.getByRole('region', { name: 'Training' });
  await page.waitForFunction(() => ['webgl', 'wasm', 'cpu'].includes(document.querySelector('[data-testid=backend]')?.value), null, { timeout: firstBackendTimeout });
  await page.getByTestId('backend').selectOption(backend); // in the Settings section, outside the run bar
  await page.waitForFunction((b) => document.querySelector('[data-testid=backend]')?.value === b, backend, { timeout: 120_000 });
  return { page, panel };
}

/** Imports `doc` (a connex.graph document) through the Import button, as a person would, and waits for the canvas. */
export async function importDocument(page, doc, fileName) {
  const file = path.join(os.tmpdir(), fileName);
  fs.writeFileSync(file, JSON.stringify(doc));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles(file);
  // The import is read off the main thread: wait for the document's own first neuron (the old one's are there till then).
  await page.locator(`.react-flow__node[data-id="${doc.network.neurons[0].id}"]`).first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(500);
}

/** Durations (ms) of the long tasks that started at or after `since` (a `performance.now()` of the page). */
export function longTasksSince(page, since) {
  return page.evaluate((t) => window.__longTasks.filter((e) => e.start >= t).map((e) => e.duration), since);
}
