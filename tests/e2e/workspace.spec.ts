// The workspace as a first-time user meets it: at 1440x900 and 1280x720 the canvas, the run controls, the loss
// chart and the output view are on screen without scrolling, while training, for one-input and two-input data,
// and a click on a neuron shows its inspector beside the canvas. Screenshots of each size go to
// test-results/screenshots/ (not committed) for a reviewer to look at.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neuron } from './canvas';

const SHOTS = 'test-results/screenshots';
const training = (page: Page) => page.getByRole('region', { name: 'Training' });
const steps = async (page: Page) => Number(await page.getByTestId('step-count').textContent());

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
}

/** Fails unless the element's whole box lies inside the viewport (nothing scrolled, nothing cut off). */
async function expectOnScreen(page: Page, locator: Locator, what: string): Promise<void> {
  await expect(locator, what).toBeVisible();
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  const { x, y, width, height } = box!;
  expect({ what, left: x >= -0.5, top: y >= -0.5, right: x + width <= size.width + 0.5, bottom: y + height <= size.height + 0.5 }).toEqual({
    what,
    left: true,
    top: true,
    right: true,
    bottom: true,
  });
}

/** Nothing on the page scrolls: the document is no taller or wider than the window. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const { sh, sw, h, w } = await page.evaluate(() => ({
    sh: document.documentElement.scrollHeight,
    sw: document.documentElement.scrollWidth,
    h: window.innerHeight,
    w: window.innerWidth,
  }));
  expect(sh).toBeLessThanOrEqual(h);
  expect(sw).toBeLessThanOrEqual(w);
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** A two-input classification document: the XOR preset's network on the XOR data, as a file to import. */
function xorDocument(): string {
  const neurons = ['0', '1', '2', '3', '4'].map((id, i) => ({ id, bias: [0, 0, 0.1, -0.1, 0][i]! }));
  const weights = [0.9, -0.7, 0.6, 0.8, 1.1, -1.2];
  const pairs = [
    ['0', '2'],
    ['0', '3'],
    ['1', '2'],
    ['1', '3'],
    ['2', '4'],
    ['3', '4'],
  ];
  return JSON.stringify({
    format: 'connex.graph',
    version: 1,
    network: {
      neurons,
      edges: pairs.map(([source, target], i) => ({ source, target, weight: weights[i] })),
      inputs: ['0', '1'],
      outputs: ['4'],
      hiddenActivation: 'tanh',
      outputTransform: 'sigmoid',
    },
    training: {
      config: { loss: 'cross_entropy', learningRate: 0.1, optimizer: 'adam', batchSize: 'full' },
      step: 0,
      history: [],
      dataset: { id: 'xor', samples: 200, noise: 0, testFraction: 0.2, seed: 0 },
    },
  });
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('the essentials are on screen while training, for one and two inputs, and a click shows the inspector', async ({ page }) => {
      test.setTimeout(120_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto('/');
      await ready(page);

      // One input (the example on cos/sin): canvas, Pause, loss chart and fit chart after Train.
      await training(page).getByRole('button', { name: 'Train' }).click();
      await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(50);
      await expectOnScreen(page, page.getByTestId('network-canvas'), 'canvas');
      await expectOnScreen(page, training(page).getByRole('button', { name: 'Pause' }), 'Pause');
      await expectOnScreen(page, page.getByTestId('step-count'), 'step counter');
      await expectOnScreen(page, page.getByTestId('train-loss'), 'train loss');
      await expectOnScreen(page, page.getByTestId('loss-chart'), 'loss chart');
      await expectOnScreen(page, page.getByTestId('fit-chart'), 'fit chart');
      await expectNoPageScroll(page);
      // The canvas is the largest thing on the page.
      const canvas = (await page.getByTestId('network-canvas').boundingBox())!;
      const watch = (await page.getByRole('complementary', { name: 'Watch' }).boundingBox())!;
      const setup = (await page.getByRole('complementary', { name: 'Setup' }).boundingBox())!;
      expect(canvas.width * canvas.height).toBeGreaterThan(watch.width * watch.height);
      expect(canvas.width * canvas.height).toBeGreaterThan(setup.width * setup.height);
      await shot(page, `workspace-${size.width}x${size.height}-training`);
      await training(page).getByRole('button', { name: 'Pause' }).click();

      // A neuron's inspector: beside the canvas at once, with its role, activation, dropout and bias.
      await neuron(page, '4').click();
      // Its heading and controls (the Connect to… list under them may scroll inside the inspector).
      await expectOnScreen(page, page.getByTestId('neuron-inspector').locator('.inspector__heading'), 'neuron inspector heading');
      await expectOnScreen(page, page.getByTestId('inspector-label'), 'label');
      await expectOnScreen(page, page.getByTestId('inspector-role'), 'role');
      await expectOnScreen(page, page.getByTestId('inspector-activation'), 'activation');
      await expectOnScreen(page, page.getByTestId('inspector-dropout-number').or(page.getByTestId('inspector-dropout')).first(), 'dropout');
      await expectOnScreen(page, page.getByTestId('inspector-bias'), 'bias');
      await expectOnScreen(page, page.getByTestId('loss-chart'), 'loss chart with the inspector open');
      await expectNoPageScroll(page);
      await shot(page, `workspace-${size.width}x${size.height}-inspector`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('neuron-inspector')).toHaveCount(0);

      // Two inputs (an imported XOR document): the heatmap with its points, big enough to read.
      const file = join(tmpdir(), `xor-${size.width}.connex.json`);
      writeFileSync(file, xorDocument());
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
      await chooser.setFiles(file);
      await expect(page.getByTestId('data-description')).toContainText('XOR');
      await ready(page);
      await training(page).getByRole('button', { name: 'Train' }).click();
      await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(50);
      await expectOnScreen(page, page.getByTestId('heatmap'), 'heatmap');
      await expectOnScreen(page, page.getByTestId('loss-chart'), 'loss chart (two inputs)');
      await expectOnScreen(page, training(page).getByRole('button', { name: 'Pause' }), 'Pause (two inputs)');
      const plot = (await page.getByTestId('heatmap').locator('.heatmap__plot').boundingBox())!;
      expect(Math.min(plot.width, plot.height)).toBeGreaterThanOrEqual(236);
      await expectNoPageScroll(page);
      await shot(page, `workspace-${size.width}x${size.height}-heatmap`);
      await training(page).getByRole('button', { name: 'Pause' }).click();
      expect(errors).toEqual([]);
    });
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('canvas and charts stack, and Train is reachable', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    const train = training(page).getByRole('button', { name: 'Train' });
    await expectOnScreen(page, train, 'Train');
    await train.click();
    await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(20);
    const canvas = (await page.getByTestId('network-canvas').boundingBox())!;
    const loss = (await page.getByTestId('loss-chart').boundingBox())!;
    expect(loss.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
    expect(canvas.width).toBeGreaterThan(360);
    await shot(page, 'workspace-390x844-top');
    await page.getByTestId('loss-chart').scrollIntoViewIfNeeded();
    // The run bar stays at the top while the page scrolls.
    await expectOnScreen(page, training(page).getByRole('button', { name: 'Pause' }), 'Pause after scrolling');
    await shot(page, 'workspace-390x844-charts');
    await training(page).getByRole('button', { name: 'Pause' }).click();
  });
});

test('keyboard: Train is among the first Tab stops, Space toggles Train/Pause, focus is visible', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  let reached = -1;
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (name === 'Train') {
      reached = i + 1;
      break;
    }
  }
  expect(reached).toBeGreaterThan(0);
  expect(reached).toBeLessThanOrEqual(3);
  // Off the button, Space is Train/Pause (on a button it presses that button).
  await page.getByTestId('network-canvas').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Space');
  await expect(training(page).getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(10);
  await page.keyboard.press('Space');
  await expect(training(page).getByRole('button', { name: 'Train' })).toBeVisible();
  // A focused neuron shows an outline.
  await neuron(page, '4').click();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const outline = await page.evaluate(() => {
    const node = document.activeElement?.closest('.react-flow__node')?.querySelector('.neuron');
    return node ? getComputedStyle(node).outlineStyle : null;
  });
  expect(outline === null || outline === 'solid').toBe(true);
});

test('the speed control slows the step rate to what it says', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await training(page).getByTestId('speed').selectOption('20');
  await training(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => steps(page), { timeout: 10_000 }).toBeGreaterThan(0);
  const from = await steps(page);
  const t0 = Date.now();
  await page.waitForTimeout(3000);
  const to = await steps(page);
  const rate = ((to - from) * 1000) / (Date.now() - t0);
  // 20 steps a second, give or take the counter's 5-a-second refresh and timer slack.
  expect(rate).toBeGreaterThan(10);
  expect(rate).toBeLessThan(30);
  await training(page).getByTestId('speed').selectOption('max');
  const fastFrom = await steps(page);
  await page.waitForTimeout(1500);
  expect((await steps(page)) - fastFrom).toBeGreaterThan(200);
  await training(page).getByRole('button', { name: 'Pause' }).click();
});

const edge = (page: Page, source: string, target: string) => page.locator(`.react-flow__edge[aria-label="Connection ${source} to ${target}"]`);

test('role by the context menu and by the I / H / O keys', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await page.getByLabel('Open a preset').selectOption('empty');
  const box = (await page.getByTestId('network-canvas').boundingBox())!;
  await page.mouse.dblclick(box.x + 200, box.y + 250);
  await expect(neuron(page, '0')).toHaveAttribute('data-role', 'hidden');
  await neuron(page, '0').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Neuron 0' });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitemradio', { name: /Output/ }).click();
  await expect(neuron(page, '0')).toHaveAttribute('data-role', 'output');
  await expect(menu).toHaveCount(0);
  await neuron(page, '0').click();
  await page.keyboard.press('i');
  await expect(neuron(page, '0')).toHaveAttribute('data-role', 'input');
  await page.keyboard.press('h');
  await expect(neuron(page, '0')).toHaveAttribute('data-role', 'hidden');
  // One undo step each.
  await page.keyboard.press('Control+z');
  await expect(neuron(page, '0')).toHaveAttribute('data-role', 'input');
  // The empty canvas's menu adds a neuron where it was opened.
  await page.mouse.click(box.x + 420, box.y + 200, { button: 'right' });
  await page.getByRole('menu', { name: 'Canvas' }).getByRole('menuitem', { name: 'Add a neuron here' }).click();
  await expect(page.getByTestId('network-canvas').locator('.react-flow__node')).toHaveCount(2);
});

test('connect by keyboard only: a neuron selected with Enter, "Connect to…", type, Enter', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await page.locator('.react-flow__node[data-id="1"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('neuron-inspector')).toContainText('Neuron 1');
  const picker = page.getByTestId('connect-picker');
  for (let i = 0; i < 30 && !(await picker.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(picker).toBeFocused();
  // Inputs cannot take connections: listed with the engine's reason.
  await page.keyboard.type('0');
  await expect(page.getByTestId('connect-option-0')).toContainText('input');
  await expect(page.getByTestId('connect-option-0').getByRole('button')).toBeDisabled();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(edge(page, '1', '10')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(edge(page, '1', '10')).toHaveCount(0);
});

test('copy and paste keep the connections among the copied neurons; duplicate too', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const nodes = page.getByTestId('network-canvas').locator('.react-flow__node');
  await expect(nodes).toHaveCount(12);
  await neuron(page, '4').click();
  await neuron(page, '6').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(nodes).toHaveCount(14);
  await expect(edge(page, '12', '13')).toHaveCount(1); // the copy of 4 -> 6
  await expect(page.getByTestId('multi-inspector')).toContainText('2 neurons selected');
  await page.keyboard.press('Control+d');
  await expect(nodes).toHaveCount(16);
  await expect(edge(page, '14', '15')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(nodes).toHaveCount(12);
});

test('drag a connection’s end to another neuron to rewire it, one undo step', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  // 0 -> 3 is the only connection into y1: its end's anchor is not under another connection's.
  await expect(edge(page, '0', '3')).toHaveCount(1);
  await expect(edge(page, '0', '4')).toHaveCount(0);
  const anchor = page.locator('.react-flow__edge[aria-label="Connection 0 to 3"] .react-flow__edgeupdater-target');
  const from = await anchor.boundingBox();
  expect(from).not.toBeNull();
  const to = (await page.locator('[data-id="4"] .react-flow__handle.target').boundingBox())!;
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + 30, { steps: 8 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(edge(page, '0', '4')).toHaveCount(1);
  await expect(edge(page, '0', '3')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(edge(page, '0', '3')).toHaveCount(1);
  await expect(edge(page, '0', '4')).toHaveCount(0);
});

/** Mean luminance (0-255) of a screenshot, decoded in a blank page (the app's content policy rightly refuses data: URLs). */
async function luminance(page: Page, png: Buffer): Promise<number> {
  const blank = await page.context().newPage();
  await blank.goto('about:blank');
  return blank.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
    return sum / (data.length / 4);
  }, png.toString('base64'));
}

test.describe('dark mode', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('follows the switch (and the system), canvas and charts included', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await ready(page);
    const light = await page.screenshot();
    await page.getByTestId('theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('.react-flow')).toHaveClass(/dark/);
    const dark = await page.screenshot({ path: `${SHOTS}/workspace-1440x900-dark.png` });
    const [l, d] = [await luminance(page, light), await luminance(page, dark)];
    expect(l - d, `light ${l.toFixed(0)} vs dark ${d.toFixed(0)}`).toBeGreaterThan(80);
    // "System" follows prefers-color-scheme.
    await page.getByTestId('theme').selectOption('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });
});

test('every preset opens with data it trains on (no "Cannot train")', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await ready(page);
  const ids = await page.getByLabel('Open a preset').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v && v !== 'empty'));
  expect(ids.length).toBeGreaterThanOrEqual(9);
  for (const id of ids) {
    await page.getByLabel('Open a preset').selectOption(id);
    await expect(training(page).getByRole('note'), id).toHaveCount(0);
    await expect(training(page).getByRole('button', { name: 'Step' }), id).toBeEnabled();
    await expect.poll(() => steps(page), { message: `${id} reset its counter` }).toBe(0);
    await training(page).getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => steps(page), { message: id, timeout: 30_000 }).toBe(1);
    await expect(page.getByTestId('train-loss'), id).toHaveText(/^\d/);
    await page.waitForTimeout(400); // the fit-view animation
    await shot(page, `preset-${id}-1280x800`);
  }
});
