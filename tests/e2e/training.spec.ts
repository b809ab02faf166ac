// Training in the worker, in real Chromium against the production build: the backend it reports, live
// progress, recovery from a killed worker, and a main thread that stays free while training runs.

import { expect, test, type Page } from '@playwright/test';

/** Long tasks (over 50 ms) on the main thread, recorded from the first script on. */
async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function stepCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('step-count').textContent());
}

test('training runs in the worker on WebGL, streams progress, and survives a killed worker', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await watchLongTasks(page);
  await page.goto('/');

  const training = page.getByRole('region', { name: 'Training' });
  await expect(page.getByTestId('backend')).toHaveValue('webgl', { timeout: 30_000 });
  await expect(page.getByTestId('executor')).toHaveText(/^typed arrays/, { timeout: 30_000 });

  const trainButton = training.getByRole('button', { name: 'Train' });
  await expect(trainButton).toBeEnabled();
  await expect(training.getByTestId('train-loss')).toHaveText(/^\d/);
  const startLoss = Number(await training.getByTestId('train-loss').textContent());
  const trainingStarted = await page.evaluate(() => performance.now());
  await trainButton.click();
  await expect(training.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(100);
  await expect(training.getByTestId('steps-per-second')).toHaveText(/^\d+$/);
  await page.waitForTimeout(3000);

  // Training runs off the main thread: the page stays free. Training on the main thread would fill the window with
  // work; here long tasks are rare chart redraws. (The 50 ms target is measured by `npm run bench:browser`, not
  // asserted: on this software-rendered, 2-core machine a redraw sometimes passes it, and timings flake under load.)
  const windowMs = (await page.evaluate(() => performance.now())) - trainingStarted;
  const longTasks = await page.evaluate(
    (since) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= since),
    trainingStarted,
  );
  const busy = longTasks.reduce((sum, t) => sum + t.duration, 0);
  console.log(`long tasks while training: ${longTasks.length}, worst ${Math.max(0, ...longTasks.map((t) => t.duration)).toFixed(0)} ms, ${busy.toFixed(0)} of ${windowMs.toFixed(0)} ms`);
  expect(busy, 'the main thread is mostly free while training').toBeLessThan(windowMs * 0.25);

  // Kill the worker mid-run: a new one takes over from the last snapshot and training goes on.
  const beforeKill = await stepCount(page);
  await page.evaluate(() => (window as unknown as { __connexTraining: { killWorker(): void } }).__connexTraining.killWorker());
  await expect(training.getByRole('status')).toContainText('restarted', { timeout: 15_000 });
  await expect(training.getByRole('status')).toContainText('training resumed');
  const resumedFrom = await stepCount(page);
  expect(resumedFrom).toBeGreaterThanOrEqual(beforeKill - 400); // at most about one snapshot interval lost
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(resumedFrom + 50);
  await expect(page.getByTestId('backend')).toHaveValue('webgl');

  await training.getByRole('button', { name: 'Pause' }).click();
  await expect(trainButton).toBeVisible();
  // The counter shows the last progress within ~200 ms (it refreshes at most 5 times a second): once it stands
  // still for 700 ms, training has stopped.
  await expect
    .poll(async () => {
      const a = await stepCount(page);
      await page.waitForTimeout(700);
      return (await stepCount(page)) - a;
    }, { timeout: 10_000 })
    .toBe(0);
  const endLoss = Number(await training.getByTestId('train-loss').textContent());
  expect(Number.isFinite(startLoss) && Number.isFinite(endLoss)).toBe(true);
  expect(errors).toEqual([]);
});

test('the backend can be switched to wasm and cpu while keeping the parameters', async ({ page }) => {
  await page.goto('/');
  const training = page.getByRole('region', { name: 'Training' });
  await expect(page.getByTestId('backend')).toHaveValue('webgl', { timeout: 30_000 });
  await training.getByRole('button', { name: 'Step' }).click();
  await expect(training.getByTestId('step-count')).toHaveText('1');
  const loss = await training.getByTestId('train-loss').textContent();
  for (const backend of ['wasm', 'cpu']) {
    await page.getByTestId('backend').selectOption(backend);
    await expect(page.getByTestId('backend')).toHaveValue(backend, { timeout: 20_000 });
    await training.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => stepCount(page)).toBe(backend === 'wasm' ? 2 : 3);
  }
  expect(loss).not.toBe('—');
});

test('a neuron deleted on the canvas while training is removed from the running network, and undo brings it back', async ({ page }) => {
  await page.goto('/');
  const training = page.getByRole('region', { name: 'Training' });
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
  // Record what the worker announces.
  await page.evaluate(() => {
    const w = window as unknown as { __edited: string[][]; __connexTraining: { subscribe(f: (e: { type: string; network?: { neurons: { id: string }[] } }) => void): void } };
    w.__edited = [];
    w.__connexTraining.subscribe((e) => {
      if (e.type === 'edited') w.__edited.push(e.network!.neurons.map((n) => n.id));
    });
  });
  await training.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBeGreaterThan(30);

  await page.locator('.react-flow__node[data-id="9"]').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node[data-id="9"]')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __edited: string[][] }).__edited.length)).toBe(1);
  const afterDelete = await page.evaluate(() => (window as unknown as { __edited: string[][] }).__edited[0]!);
  expect(afterDelete).not.toContain('9');
  expect(afterDelete).toHaveLength(11);
  const at = await stepCount(page);
  await expect.poll(() => stepCount(page)).toBeGreaterThan(at + 20); // training went on

  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node[data-id="9"]')).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __edited: string[][] }).__edited.length)).toBe(2);
  expect(await page.evaluate(() => (window as unknown as { __edited: string[][] }).__edited[1]!)).toContain('9');
  await expect(training.getByRole('button', { name: 'Pause' })).toBeVisible();
  await training.getByRole('button', { name: 'Pause' }).click();
});
