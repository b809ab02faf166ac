// Faults in the real page: worker kills at random moments, WebGL missing or lost, divergence, storage full or blocked,
// and a panel that fails to render. Each time the work survives and the page says what happened.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { addNeuronAt, fillStorage, neuron, neurons, notice } from './canvas';

const SEED_FILE = path.join(__dirname, '..', 'fixtures', 'seed.graph.json');
const panel = (page: Page) => page.getByRole('region', { name: 'Training' });
const steps = async (page: Page) => Number(await panel(page).getByTestId('step-count').textContent());
type Handle = {
  __connexTraining: {
    killWorker(): void;
    loseWebglContext(): void;
    subscribe(f: (e: { type: string }) => void): void;
    currentNetwork(): { neurons: { id: string }[]; edges: { weight: number }[] } | null;
  };
  __recovered: number;
  __connexFaults: { breakPanel(name: string): void };
};

/** Counts the client's `recovered` notices in the page. */
async function countRecoveries(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Handle;
    w.__recovered = 0;
    w.__connexTraining.subscribe((e) => {
      if (e.type === 'recovered') w.__recovered++;
    });
  });
}
const recoveries = (page: Page) => page.evaluate(() => (window as unknown as Handle).__recovered);
const workerNeurons = (page: Page) => page.evaluate(() => (window as unknown as Handle).__connexTraining.currentNetwork()?.neurons.length ?? -1);

/** How far the step count moves in half a second. */
async function advance(page: Page): Promise<number> {
  const a = await steps(page);
  await page.waitForTimeout(500);
  return (await steps(page)) - a;
}

async function ready(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
}

test('8 worker kills at random moments while training, editing and importing: recovered each time, nothing lost', async ({ page }) => {
  test.setTimeout(420_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await ready(page);
  await countRecoveries(page);
  // What the client heard, printed if the test fails (a kill can land anywhere).
  const heard: string[] = [];
  page.on('console', (m) => m.text().startsWith('[client]') && heard.push(m.text()));
  await page.evaluate(() =>
    (window as unknown as Handle).__connexTraining.subscribe((e) => {
      if (e.type !== 'progress' && e.type !== 'params') console.log(`[client] ${performance.now().toFixed(0)} ${JSON.stringify(e).slice(0, 160)}`);
    }),
  );
  let seed = 20261129;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const deletable = ['9', '8', '10'];

  try {
  for (let trial = 0; trial < 8; trial++) {
    const scenario = (['training', 'editing', 'import'] as const)[trial % 3]!;
    if (scenario === 'import') {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
      await chooser.setFiles(SEED_FILE);
      await expect(notice(page)).toContainText('Imported “seed.graph.json”');
      await page.waitForTimeout(random() * 300);
    } else {
      // Really training (after an import the panel can show Pause until the new run reports): the count advances.
      await expect
        .poll(async () => {
          const train = panel(page).getByRole('button', { name: 'Train' });
          if (await train.isVisible()) await train.click();
          return advance(page);
        }, { timeout: 60_000 })
        .toBeGreaterThan(0);
      await page.waitForTimeout(200 + random() * 1500);
      if (scenario === 'editing') {
        const id = deletable.shift()!;
        await neuron(page, id).click();
        await page.keyboard.press('Delete');
        await expect(neuron(page, id)).toHaveCount(0);
        await page.waitForTimeout(random() * 50);
      }
    }
    const onCanvas = await neurons(page).count();
    await page.evaluate(() => (window as unknown as Handle).__connexTraining.killWorker());
    // A kill right after an edit waits out the compile grace (30 s: a WebGL compile may block the worker that long).
    await expect.poll(() => recoveries(page), { timeout: 75_000 }).toBe(trial + 1);
    await expect(panel(page).getByRole('status').or(panel(page).getByRole('alert'))).toContainText('restarted');
    // The new worker holds the network on the canvas (an edit in flight was replayed, an import was reloaded).
    await expect.poll(() => workerNeurons(page), { timeout: 30_000 }).toBe(onCanvas);
    await expect(neurons(page)).toHaveCount(onCanvas);
    if (scenario === 'training' || scenario === 'editing') {
      // Training resumed: the count advances between two readings (the new run may first show the old count).
      await expect.poll(() => advance(page), { timeout: 90_000 }).toBeGreaterThan(0);
    }
  }
  } catch (e) {
    console.log(`client events before the failure:\n${heard.join('\n')}`);
    throw e;
  }
  if (await panel(page).getByRole('button', { name: 'Pause' }).isVisible()) await panel(page).getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});

test('WebGL unavailable: training runs on wasm and the page says why', async ({ playwright }) => {
  const browser = await playwright.chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // No GPU and no software rasterizer: WebGL cannot start anywhere (CONVENTIONS.md warns about exactly this flag).
    args: ['--disable-gpu', '--disable-quic', '--disable-software-rasterizer'],
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await ready(page);
    await expect(page.getByTestId('backend')).toHaveValue('wasm');
    await expect(page.locator('.training-panel__reason')).toContainText(/Fell back: webgl could not start/);
    await panel(page).getByRole('button', { name: 'Train' }).click();
    await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(20);
    await panel(page).getByRole('button', { name: 'Pause' }).click();
  } finally {
    await browser.close();
  }
});

test('WebGL context lost mid-training: training continues on wasm from the last snapshot, said on screen', async ({ page }) => {
  await ready(page);
  await expect(page.getByTestId('backend')).toHaveValue('webgl');
  await countRecoveries(page);
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(50);
  const before = await steps(page);
  await page.evaluate(() => (window as unknown as Handle).__connexTraining.loseWebglContext());
  await expect.poll(() => recoveries(page), { timeout: 20_000 }).toBe(1);
  await expect(page.getByTestId('backend')).toHaveValue('wasm', { timeout: 20_000 });
  await expect(panel(page).getByRole('status').or(panel(page).getByRole('alert'))).toContainText('WebGL context was lost');
  await expect(page.getByTestId('loss-chart-marker-label').filter({ hasText: 'worker restarted' })).toHaveCount(1);
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(before + 20);
  await panel(page).getByRole('button', { name: 'Pause' }).click();
});

test('divergence at learning rate 100: paused, parameters restored, said on screen and on the chart', async ({ page }) => {
  await ready(page);
  await page.getByLabel('Optimizer').selectOption('sgd');
  const lr = page.getByLabel('Learning rate');
  await lr.fill('100');
  await lr.press('Enter');
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect(panel(page).getByRole('alert')).toContainText(/the loss became (NaN|infinite) by step \d+; training paused and parameters restored to step \d+/, { timeout: 30_000 });
  await expect(panel(page).getByRole('button', { name: 'Train' })).toBeVisible();
  await expect(page.getByTestId('loss-chart-marker-label').filter({ hasText: 'diverged' })).toHaveCount(1);
  const restored = Number(/restored to step (\d+)/.exec((await panel(page).getByRole('alert').textContent())!)![1]);
  await expect.poll(() => steps(page)).toBe(restored);
  // Every parameter the page holds is finite: the last finite ones came back, on the canvas too.
  const weights = await page.evaluate(() => (window as unknown as Handle).__connexTraining.currentNetwork()!.edges.map((e) => e.weight));
  expect(weights.length).toBeGreaterThan(10);
  expect(weights.every(Number.isFinite)).toBe(true);
  await expect(page.getByTestId('network-canvas').locator('.react-flow__edge[aria-label*="NaN"]')).toHaveCount(0);
  // The restored parameters are ones whose loss was seen finite, so the panel shows a number, not Infinity.
  await expect(panel(page).getByTestId('train-loss')).toHaveText(/^\d/);
});

test('storage full: autosave warns, the work on the page is untouched', async ({ page }) => {
  await fillStorage(page);
  await ready(page);
  await addNeuronAt(page, 60, 60);
  await expect(neurons(page)).toHaveCount(13);
  await expect(notice(page)).toContainText('Autosave failed: the browser’s storage for this site is full. Nothing on the page is lost');
  await expect(neurons(page)).toHaveCount(13);
  await panel(page).getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => steps(page)).toBe(1);
});

test('storage blocked (private mode): the page says so and works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await ready(page);
  await expect(notice(page)).toContainText('This browser blocks storage for this page');
  await addNeuronAt(page, 60, 60);
  await expect(neurons(page)).toHaveCount(13);
});

test('a panel that fails to render is caught: canvas and document live on, "Reload panel" brings it back', async ({ page }) => {
  await ready(page);
  await page.evaluate(() => (window as unknown as Handle).__connexFaults.breakPanel('Training'));
  const failed = page.getByRole('alert', { name: 'Training (failed)' });
  await expect(failed).toContainText('deliberate render fault in the Training panel');
  await expect(failed.getByRole('button', { name: 'Reload panel' })).toBeVisible();
  await expect(panel(page)).toHaveCount(0);
  // The rest of the page works: the canvas edits the document, the other panels follow.
  await expect(neurons(page)).toHaveCount(12);
  await addNeuronAt(page, 60, 60);
  await expect(neurons(page)).toHaveCount(13);
  await expect(page.getByTestId('summary-neurons').or(page.getByRole('region', { name: /summary/i })).first()).toBeVisible();
  await failed.getByRole('button', { name: 'Reload panel' }).click();
  await expect(failed).toHaveCount(0);
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
  await panel(page).getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(0);
});
