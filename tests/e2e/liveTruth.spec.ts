// Live truth, as a person sees it: what the page draws and saves is the network the worker trains. The fit chart's
// drawn curve (read from its SVG through the axis ticks) equals the exported network's outputs and moves while
// training; a connection added while paused and a neuron brought back by undo keep one value on page and worker;
// a reload continues the run; autosave holds trained values while training; two tabs never drop work silently.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { divergingColor } from '../../components/views/colorScale';
import { inputRange } from '../../engine/data/datasets';
import { compileEvaluator } from '../../engine/graph/evaluate';
import { importGraph, type ConnexDocument } from '../../engine/graph/format';
import { dragConnection, exportDocument, fillStorage, neuron } from './canvas';

/**
 * The most one Adam step (lr 0.03, the example's) moves a parameter whose slots start fresh late in a run: with
 * m = (1 - b1) g and v = (1 - b2) g^2 and bias corrections near 1, |update| = lr (1 - b1) / sqrt(1 - b2) = 3.16 lr.
 * A fresh random draw (the bug) moves it by about 0.3-1.
 */
const ONE_ADAM_STEP = (0.03 * 0.1) / Math.sqrt(0.001) + 1e-4;

const panel = (page: Page) => page.getByRole('region', { name: 'Training' });
const steps = async (page: Page) => Number(await panel(page).getByTestId('step-count').textContent());
const points = async (page: Page) => Number(await page.getByTestId('loss-chart-points').textContent());

async function ready(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
  await expect(panel(page).getByTestId('train-loss')).toHaveText(/^\d/);
}

async function exported(page: Page, path: string): Promise<ConnexDocument> {
  await exportDocument(page, path);
  return importGraph(JSON.parse(readFileSync(path, 'utf8')));
}

async function pause(page: Page): Promise<void> {
  await panel(page).getByRole('button', { name: 'Pause' }).click();
  await expect(panel(page).getByRole('button', { name: 'Train' })).toBeVisible();
  // The counter stands still: the worker has stopped and its last snapshot is in.
  let last = -1;
  await expect.poll(async () => {
    const now = await steps(page);
    const still = now === last;
    last = now;
    return still;
  }, { intervals: [300, 300, 300] }).toBe(true);
}

/** The fit chart's output curves in data units: for each solid line, its vertices mapped through the axis ticks. */
async function drawnCurves(page: Page): Promise<{ x: number; y: number }[][]> {
  return page.getByTestId('fit-chart').evaluate((chart) => {
    // Each tick label sits at its value's pixel (x for the x axis, y for the y axis).
    const axisMap = (selector: string, coord: 'x' | 'y') => {
      const ticks = [...chart.querySelectorAll(`${selector}-tick-labels text.recharts-cartesian-axis-tick-value`)].map((text) => ({
        px: Number(text.getAttribute(coord)),
        value: Number(text.textContent!.replace('−', '-')),
      }));
      const [a, b] = [ticks[0]!, ticks[ticks.length - 1]!];
      return (px: number) => a.value + ((px - a.px) * (b.value - a.value)) / (b.px - a.px);
    };
    const toX = axisMap('.recharts-xAxis', 'x');
    const toY = axisMap('.recharts-yAxis', 'y');
    return [...chart.querySelectorAll('.recharts-line path.recharts-curve')]
      .filter((path) => !path.getAttribute('stroke-dasharray'))
      .map((path) =>
        [...path.getAttribute('d')!.matchAll(/[ML]\s*([-\d.e]+)[ ,]([-\d.e]+)/g)].map((m) => ({ x: toX(Number(m[1])), y: toY(Number(m[2])) })),
      );
  });
}

test('the fit chart draws the network the worker trains, and moves while it trains', async ({ page }, info) => {
  await ready(page);
  const untrained = await drawnCurves(page);
  expect(untrained.length).toBe(2);
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(3000);
  // While training, the drawn curve changes from one look to the next.
  const early = await drawnCurves(page);
  await expect.poll(async () => JSON.stringify(await drawnCurves(page)) !== JSON.stringify(early), { timeout: 10_000 }).toBe(true);
  await pause(page);
  // Let the chart catch up with the last snapshot (it redraws at most every 400 ms).
  await page.waitForTimeout(900);
  const doc = await exported(page, info.outputPath('trained.connex.json'));
  const evaluate = compileEvaluator(doc.network);
  const curves = await drawnCurves(page);
  expect(curves).toHaveLength(2);
  const truths = curves.map((curve, k) => curve.map((p) => evaluate([p.x])[k]!));
  const all = truths.flat();
  const range = Math.max(...all) - Math.min(...all);
  expect(range).toBeGreaterThan(0.1);
  curves.forEach((curve, k) => {
    const worst = Math.max(...curve.map((p, i) => Math.abs(p.y - truths[k]![i]!)));
    // Within 1% of the outputs' range (the SVG's coordinates are not rounded to pixels).
    expect(worst, `output y${k + 1}: worst distance ${worst} over a range of ${range}`).toBeLessThan(0.01 * range);
  });
  // And it is not the untrained network's curve any more.
  expect(JSON.stringify(curves)).not.toBe(JSON.stringify(untrained));
});

test('a connection added while paused has one weight: Step moves it by at most one optimizer step', async ({ page }, info) => {
  await ready(page);
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(500);
  await pause(page);
  await dragConnection(page, '1', '5');
  const weightOf = (doc: ConnexDocument) => doc.network.edges.find((e) => e.source === '1' && e.target === '5')?.weight;
  const a = weightOf(await exported(page, info.outputPath('a.connex.json')));
  expect(a).toBeDefined();
  const before = await steps(page);
  await panel(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => steps(page)).toBe(before + 1);
  await page.waitForTimeout(300);
  const b = weightOf(await exported(page, info.outputPath('b.connex.json')));
  expect(Math.abs(b! - a!)).toBeLessThanOrEqual(ONE_ADAM_STEP);
  expect(b).not.toBe(a);
});

test('undo brings a deleted trained neuron back with its trained weights and bias', async ({ page }, info) => {
  await ready(page);
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(2000);
  await pause(page);
  const trained = await exported(page, info.outputPath('trained.connex.json'));
  const bias = trained.network.neurons.find((n) => n.id === '5')!.bias;
  const weights = trained.network.edges.filter((e) => e.source === '5' || e.target === '5');
  expect(weights.length).toBeGreaterThan(0);

  await neuron(page, '5').click();
  await page.keyboard.press('Delete');
  await expect(neuron(page, '5')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(neuron(page, '5')).toHaveCount(1);
  const before = await steps(page);
  await panel(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => steps(page)).toBe(before + 1);
  await page.waitForTimeout(300);
  const after = await exported(page, info.outputPath('after.connex.json'));
  expect(Math.abs(after.network.neurons.find((n) => n.id === '5')!.bias - bias)).toBeLessThanOrEqual(ONE_ADAM_STEP);
  for (const w of weights) {
    const now = after.network.edges.find((e) => e.source === w.source && e.target === w.target)!.weight;
    expect(Math.abs(now - w.weight), `${w.source} -> ${w.target}`).toBeLessThanOrEqual(ONE_ADAM_STEP);
  }
});

test('a reload continues where the person left off: step, loss chart and trained parameters', async ({ page }, info) => {
  await ready(page);
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => points(page), { timeout: 30_000 }).toBeGreaterThan(10);
  await pause(page);
  const step = await steps(page);
  const chart = await points(page);
  const before = await exported(page, info.outputPath('before.connex.json'));
  await page.waitForTimeout(700); // the autosave's quiet time
  await page.reload();
  await expect(panel(page).getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 30_000 });
  await expect.poll(() => steps(page)).toBe(step);
  expect(await points(page)).toBe(chart);
  const after = await exported(page, info.outputPath('after.connex.json'));
  expect(after.training?.step).toBe(step);
  after.network.edges.forEach((e, i) => expect(e.weight).toBeCloseTo(before.network.edges[i]!.weight, 6));
  after.network.neurons.forEach((n, i) => expect(n.bias).toBeCloseTo(before.network.neurons[i]!.bias, 6));
});

test('while training, the autosave holds trained parameters from the last few seconds', async ({ page }) => {
  await ready(page);
  const saved = () =>
    page.evaluate(() => {
      const text = localStorage.getItem('connex:autosave');
      return text ? (JSON.parse(text) as { document: { network: { edges: { weight: number }[] }; training?: { step: number } } }).document : null;
    });
  await page.waitForTimeout(700);
  const initial = (await saved())!;
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await page.waitForTimeout(6500);
  // What a crash of the tab would leave: read the storage now, while training runs.
  const now = await steps(page);
  const rate = Number(await panel(page).getByTestId('steps-per-second').textContent().then((t) => t!.replace(/[^\d.]/g, '')));
  const during = (await saved())!;
  expect(during.training!.step).toBeGreaterThan(0);
  expect(during.network.edges.map((e) => e.weight)).not.toEqual(initial.network.edges.map((e) => e.weight));
  // At most ~5 s of training lost (the checkpoint runs every 3 s, the autosave 0.4 s later).
  expect((now - during.training!.step) / Math.max(rate, 1)).toBeLessThan(5);
  await pause(page);
});

test('two tabs: editing in one, then the other, never drops work without a notice', async ({ context }) => {
  const a = await context.newPage();
  await ready(a);
  const b = await context.newPage();
  await ready(b);
  // A edits and saves.
  await neuron(a, '9').click();
  await a.keyboard.press('Delete');
  await expect(neuron(a, '9')).toHaveCount(0);
  await a.waitForTimeout(800);
  // B, which opened before A's save, is told before it writes over A's work.
  await expect(b.getByTestId('notice-choice')).toContainText('changed in another tab', { timeout: 5000 });
  await neuron(b, '8').click();
  await b.keyboard.press('Delete');
  await b.waitForTimeout(800);
  const stored = await b.evaluate(() => JSON.parse(localStorage.getItem('connex:autosave')!).document.network.neurons.map((n: { id: string }) => n.id));
  // Still A's work in storage: 9 gone, 8 there.
  expect(stored).not.toContain('9');
  expect(stored).toContain('8');
  // B chooses to open A's work.
  await b.getByRole('button', { name: 'Open the other tab’s' }).click();
  await expect(neuron(b, '9')).toHaveCount(0);
  await expect(neuron(b, '8')).toHaveCount(1);
});

test('the heatmap paints the network the worker trains: pixels against its predictions', async ({ page }, info) => {
  const dataset = { id: 'circle' as const, samples: 200, noise: 0.05, testFraction: 0.5, seed: 1 };
  const hidden = ['h1', 'h2', 'h3', 'h4', 'h5'];
  let seed = 3;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
  const doc = {
    format: 'connex.graph',
    version: 1,
    network: {
      neurons: [{ id: 'x1', bias: 0 }, { id: 'x2', bias: 0 }, ...hidden.map((id) => ({ id, bias: rand() * 0.1 })), { id: 'y', bias: 0 }],
      edges: [
        ...hidden.flatMap((h) => ['x1', 'x2'].map((x) => ({ source: x, target: h, weight: rand() }))),
        ...hidden.map((h) => ({ source: h, target: 'y', weight: rand() })),
      ],
      inputs: ['x1', 'x2'],
      outputs: ['y'],
      hiddenActivation: 'tanh',
      outputTransform: 'sigmoid',
    },
    training: { config: { loss: 'cross_entropy', learningRate: 0.05 }, step: 0, history: [], dataset },
  };
  const file = info.outputPath('circle.connex.json');
  writeFileSync(file, JSON.stringify(doc));
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('heatmap')).toBeVisible({ timeout: 30_000 });
  await expect(panel(page).getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 30_000 });

  const pixels = () =>
    page.getByTestId('heatmap').evaluate((figure) => {
      const canvas = figure.querySelector('canvas.heatmap__layer--heat') as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return { n: canvas.width, rgba: Array.from(data) };
    });
  await expect.poll(async () => (await pixels()).n, { timeout: 10_000 }).toBeGreaterThan(4);
  const untrained = await pixels();
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(1500);
  // It moves while training.
  await expect.poll(async () => JSON.stringify((await pixels()).rgba) !== JSON.stringify(untrained.rgba), { timeout: 10_000 }).toBe(true);
  await pause(page);
  await page.waitForTimeout(1000); // the view refreshes a few times a second
  const trained = await exported(page, info.outputPath('trained.connex.json'));
  const evaluate = compileEvaluator(trained.network);
  const { n, rgba } = await pixels();
  const range = inputRange(dataset);
  const x2 = range.x2!;
  let checked = 0;
  for (const top of [0, Math.floor(n / 4), Math.floor(n / 2), Math.floor((3 * n) / 4), n - 1]) {
    for (const col of [0, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1]) {
      const row = n - 1 - top; // the image's top row is the grid's last (x2 grows upwards)
      const x = range.x1[0] + (col * (range.x1[1] - range.x1[0])) / (n - 1);
      const y = x2[0] + (row * (x2[1] - x2[0])) / (n - 1);
      const expected = divergingColor(evaluate([x, y])[0]!, 0, 1);
      const at = (top * n + col) * 4;
      const drawn = [rgba[at]!, rgba[at + 1]!, rgba[at + 2]!];
      // Within 1% of the output range: the scale spans about 225 levels over [0, 1], so ~2.3 levels, plus rounding.
      drawn.forEach((c, k) => expect(Math.abs(c - expected[k]!), `pixel (${col}, ${top}) channel ${k}`).toBeLessThanOrEqual(4));
      checked++;
    }
  }
  expect(checked).toBe(20);
});

test('storage full: leaving the page with unsaved work asks first', async ({ page }) => {
  await fillStorage(page);
  await ready(page);
  await neuron(page, '9').click();
  await page.keyboard.press('Delete');
  await expect(neuron(page, '9')).toHaveCount(0);
  await page.waitForTimeout(800); // the autosave tried, and failed
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => {
    resolve(dialog.type());
    void dialog.accept();
  }));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});

test('an imported trained document exported at once keeps its step and loss history', async ({ page }, info) => {
  await ready(page);
  const first = await exported(page, info.outputPath('seed.connex.json'));
  const history = Array.from({ length: 30 }, (_, i) => ({ step: (i + 1) * 5, loss: 1 / (i + 2) }));
  const doc = { ...first, training: { ...first.training!, step: 150, history } };
  const file = info.outputPath('trained.connex.json');
  writeFileSync(file, JSON.stringify(doc));
  await page.getByTestId('import-input').setInputFiles(file);
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBe(150);
  expect(await points(page)).toBe(30);
  const again = await exported(page, info.outputPath('again.connex.json'));
  expect(again.training?.step).toBe(150);
  expect(again.training?.history).toEqual(history);
});
