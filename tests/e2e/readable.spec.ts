// What a person reads at 1440x900 and 1280x720: loss-chart marker labels that stay inside the chart and apart when
// many edits come close together, presets after Tidy layout drawn in columns at a readable size, and the network that
// Match the dataset leaves (every neuron wired, none stacked). Screenshots go to test-results/screenshots/ (not committed).
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { exportDocument, neurons } from './canvas';

const SHOTS = 'test-results/screenshots';
const SIZES = [
  [1440, 900],
  [1280, 720],
] as const;

const runBar = (page: Page) => page.getByRole('region', { name: 'Training' });
const steps = async (page: Page) => Number(await runBar(page).getByTestId('step-count').textContent());

async function ready(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto('/');
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
}

type Box = { x: number; y: number; width: number; height: number };
const apart = (a: Box, b: Box) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
const inside = (a: Box, outer: Box) => a.x >= outer.x - 0.5 && a.y >= outer.y - 0.5 && a.x + a.width <= outer.x + outer.width + 0.5 && a.y + a.height <= outer.y + outer.height + 0.5;

for (const [width, height] of SIZES) {
  const size = `${width}x${height}`;

  test(`${size}: every Settings field stays inside its frame and the column`, async ({ page }) => {
    await ready(page, width, height);
    await page.getByRole('button', { name: 'Settings', exact: true }).first().click();
    const frame = page.locator('.training-settings').first();
    await expect(frame).toBeVisible();
    const outer = (await frame.boundingBox())!;
    // The column's own box, inside its scroll bar: what is past it is cut off.
    const column = await page.getByRole('complementary', { name: 'Setup' }).evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.left + e.clientWidth };
    });
    expect(outer.x + outer.width, 'the settings frame ends past the column').toBeLessThanOrEqual(column.right + 0.5);
    const fields = frame.locator('select, input');
    expect(await fields.count()).toBeGreaterThan(4);
    for (const field of await fields.all()) {
      const box = (await field.boundingBox())!;
      expect(box.x + box.width, `${await field.evaluate((e) => e.outerHTML.slice(0, 80))} ends past the frame`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    }
  });

  test(`${size}: many marker labels close together and one at the right edge stay inside the chart, none overlapping`, async ({ page }) => {
    test.setTimeout(120_000);
    await ready(page, width, height);
    await runBar(page).getByTestId('speed').selectOption('100'); // slow enough that the edits land a few steps apart
    const train = runBar(page).getByRole('button', { name: 'Train' });
    await train.click();
    await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(60);
    // A burst of edits while it trains: settings and dropout, a few steps apart.
    const lr = page.getByLabel('Learning rate');
    const dropout = page.getByTestId('settings-dropout-number');
    for (const [v, p] of [
      ['0.02', '0.05'],
      ['0.01', '0.1'],
      ['0.03', '0'],
    ] as const) {
      await lr.fill(v);
      await lr.press('Enter');
      await dropout.fill(p);
      await dropout.press('Enter');
    }
    await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan((await steps(page)) + 40);
    await runBar(page).getByRole('button', { name: 'Pause' }).click();
    // Edits at the last step: their line is the plot's right edge.
    await lr.fill('0.05');
    await lr.press('Enter');
    await page.getByRole('button', { name: 'Tidy layout', exact: true }).click();
    const list = page.getByTestId('loss-chart-markers');
    await expect.poll(async () => Number(await list.getAttribute('data-count'))).toBeGreaterThanOrEqual(8);
    await page.waitForTimeout(600); // the chart redraws at most every 400 ms
    const count = Number(await list.getAttribute('data-count'));

    await page.getByTestId('loss-chart').screenshot({ path: `${SHOTS}/markers-${size}-chart.png` });
    await page.screenshot({ path: `${SHOTS}/markers-${size}.png` });
    const svg = page.getByTestId('loss-chart').locator('svg.recharts-surface').first();
    const chart = (await svg.boundingBox())!;
    const labels = page.getByTestId('loss-chart-marker-label');
    const boxes: Box[] = [];
    let labelled = 0;
    for (const label of await labels.all()) {
      boxes.push((await label.locator('text').boundingBox())!);
      labelled += Number(await label.getAttribute('data-count'));
    }
    expect(labelled).toBe(count); // every marker is in exactly one label (its own or a shared "3 edits")
    for (const b of boxes) expect(inside(b, chart), `label at ${JSON.stringify(b)} leaves the chart ${JSON.stringify(chart)}`).toBe(true);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(apart(boxes[i]!, boxes[j]!), `labels ${JSON.stringify(boxes[i])} and ${JSON.stringify(boxes[j])} overlap`).toBe(true);
    // The shared labels say how many, and their tooltip names each edit.
    const shared = labels.filter({ hasText: / edits$/ });
    if ((await shared.count()) > 0) await expect(shared.first().locator('title')).toContainText('step ');
  });

  test(`${size}: presets after Tidy layout are drawn in columns, every neuron at least 28 px wide and on screen`, async ({ page }) => {
    test.setTimeout(120_000);
    await ready(page, width, height);
    for (const preset of ['spiral', 'three-spirals', 'regression-2d', 'function-1d']) {
      await page.getByLabel('Open a preset').selectOption(preset);
      await page.getByRole('button', { name: 'Tidy layout', exact: true }).click();
      await page.waitForTimeout(600); // the fit-view animation
      const canvas = (await page.getByTestId('network-canvas').boundingBox())!;
      for (const n of await neurons(page).all()) {
        const box = (await n.boundingBox())!;
        expect(box.width, `${preset}: a neuron ${box.width.toFixed(1)} px wide`).toBeGreaterThanOrEqual(28);
        expect(inside(box, canvas), `${preset}: a neuron off the canvas`).toBe(true);
      }
      await page.screenshot({ path: `${SHOTS}/tidy-${preset}-${size}.png` });
    }
  });

  test(`${size}: Match the dataset on 2-input, 3-class data leaves every neuron wired and none stacked`, async ({ page }, info) => {
    await ready(page, width, height);
    await page.getByRole('region', { name: 'Data' }).getByLabel('Dataset', { exact: true }).selectOption('three-spirals');
    await expect(runBar(page).getByRole('note')).toContainText('Cannot train');
    await runBar(page).getByRole('button', { name: 'Match the dataset' }).click();
    await expect(neurons(page)).toHaveCount(14);
    const train = runBar(page).getByRole('button', { name: 'Train' });
    await expect(train).toBeEnabled();
    // No two neurons on one spot.
    const boxes: Box[] = [];
    for (const n of await neurons(page).all()) boxes.push((await n.boundingBox())!);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(apart(boxes[i]!, boxes[j]!), `neurons ${i} and ${j} overlap`).toBe(true);
    // The new input feeds what x1 feeds, the new output reads what feeds y1 and y2: nothing stranded.
    await exportDocument(page, info.outputPath('matched.connex.json'));
    const { network } = JSON.parse(readFileSync(info.outputPath('matched.connex.json'), 'utf8')) as {
      network: { inputs: string[]; outputs: string[]; neurons: { id: string }[]; edges: { source: string; target: string }[] };
    };
    expect(network.inputs).toHaveLength(2);
    expect(network.outputs).toHaveLength(3);
    for (const { id } of network.neurons) {
      if (!network.inputs.includes(id)) expect(network.edges.some((e) => e.target === id), `${id} has no source`).toBe(true);
      if (!network.outputs.includes(id)) expect(network.edges.some((e) => e.source === id), `${id} feeds nothing`).toBe(true);
    }
    await page.screenshot({ path: `${SHOTS}/match-${size}.png` });
    await train.click();
    await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(20);
    await runBar(page).getByRole('button', { name: 'Pause' }).click();
  });
}
