// Watching it learn, as a person does: train the seed example, edit while it trains (markers on the chart),
// change settings mid-run, see why a network cannot train, and export the trained weights.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dragConnection, exportDocument, neuron } from './canvas';

const panel = (page: Page) => page.getByRole('region', { name: 'Training' });
const steps = async (page: Page) => Number(await panel(page).getByTestId('step-count').textContent());
const loss = async (page: Page) => Number(await panel(page).getByTestId('train-loss').textContent());
const points = async (page: Page) => Number(await page.getByTestId('loss-chart-points').textContent());
const marker = (page: Page, text: string) => page.getByTestId('loss-chart-marker-label').filter({ hasText: text });

/** Waits until the step count has grown by `n` from now (training is running). */
async function stepsGrowBy(page: Page, n: number): Promise<void> {
  const from = await steps(page);
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(from + n);
}

test('train the seed example, edit while it trains, change settings, export the trained weights', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
  await expect(panel(page).getByTestId('train-loss')).toHaveText(/^\d/);
  await expect(page.getByTestId('fit-chart')).toBeVisible();
  const before = await exportDocument(page, info.outputPath('before.connex.json')).then(() => JSON.parse(readFileSync(info.outputPath('before.connex.json'), 'utf8')));
  const startLoss = await loss(page);

  // Train: the step count and the chart advance and the loss falls.
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await stepsGrowBy(page, 150);
  await expect.poll(() => points(page)).toBeGreaterThan(3);
  await expect.poll(() => loss(page), { timeout: 30_000 }).toBeLessThan(startLoss * 0.5);

  // Add a connection while training: a marker appears at the step it took effect, and training goes on.
  await dragConnection(page, '1', '6');
  await expect(marker(page, '+ 1 -> 6')).toHaveCount(1);
  await stepsGrowBy(page, 20);

  // Delete a neuron while training.
  await neuron(page, '9').click();
  await page.keyboard.press('Delete');
  await expect(marker(page, '- neuron 9')).toHaveCount(1);
  await stepsGrowBy(page, 20);

  // Dropout on every hidden neuron while training.
  await page.keyboard.press('Escape');
  const all = page.getByTestId('settings-dropout-number');
  await all.fill('0.1');
  await all.press('Enter');
  await expect(marker(page, 'dropout')).toHaveCount(1);
  await stepsGrowBy(page, 20);

  // The learning rate, changed while training: no reset, the count keeps rising.
  const atChange = await steps(page);
  const lr = page.getByLabel('Learning rate');
  await lr.fill('0.01');
  await lr.press('Enter');
  await expect(marker(page, 'learning rate 0.01')).toHaveCount(1);
  await stepsGrowBy(page, 20);
  expect(await steps(page)).toBeGreaterThan(atChange);

  await panel(page).getByRole('button', { name: 'Pause' }).click();
  await expect(panel(page).getByRole('button', { name: 'Train' })).toBeVisible();

  // Hovering a connection shows its current weight.
  const mid = await page.evaluate(() => {
    const path = document.querySelector('.react-flow__edge[data-id=\'["0","3"]\'] path.react-flow__edge-path') as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  });
  await page.mouse.move(mid.x, mid.y);
  await expect(page.getByTestId('edge-tooltip')).toContainText(/0 → 3: weight -?\d\.\d{4}/);
  await page.mouse.move(5, 5);
  await expect(page.getByTestId('edge-tooltip')).toHaveCount(0);

  // Export after training: the trained (changed) weights and the settings are in the file.
  await exportDocument(page, info.outputPath('after.connex.json'));
  const after = JSON.parse(readFileSync(info.outputPath('after.connex.json'), 'utf8'));
  const weight = (doc: typeof before, s: string, t: string) => doc.network.edges.find((e: { source: string; target: string }) => e.source === s && e.target === t)?.weight;
  expect(weight(after, '0', '3')).not.toBe(weight(before, '0', '3'));
  expect(after.network.edges.some((e: { source: string; target: string }) => e.source === '1' && e.target === '6')).toBe(true);
  expect(after.network.neurons.map((n: { id: string }) => n.id)).not.toContain('9');
  expect(after.training.config.learningRate).toBe(0.01);
  expect(after.training.step).toBeGreaterThan(200);
  expect(after.training.history.length).toBeGreaterThan(3);
  await page.screenshot({ path: info.outputPath('learning.png') });
  expect(errors).toEqual([]);
});

test('a network with no output cannot train and says why; Match the dataset fixes it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
  await page.getByLabel('Open a preset').selectOption('empty');
  const train = panel(page).getByRole('button', { name: 'Train' });
  await expect(train).toBeDisabled();
  await expect(panel(page).getByRole('note')).toContainText('Cannot train: the network has no input neuron');
  await panel(page).getByRole('button', { name: 'Match the dataset' }).click();
  await expect(page.getByTestId('network-canvas').locator('.react-flow__node')).toHaveCount(3);
  // One input wired to two outputs, placed apart: it trains.
  await expect(page.getByTestId('network-canvas').locator('.react-flow__edge')).toHaveCount(2);
  const boxes = await Promise.all((await page.getByTestId('network-canvas').locator('.react-flow__node').all()).map((n) => n.boundingBox()));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
    }
  }
  await expect(train).toBeEnabled();
  await train.click();
  await stepsGrowBy(page, 10);
  await panel(page).getByRole('button', { name: 'Pause' }).click();
});
