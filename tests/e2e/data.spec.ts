// Data and insight, as a person does it: pick a dataset and a preset, train until the heatmap shows the two
// spiral arms; import a CSV (and a broken one); share a link and open it in a fresh browser; a classroom link's view
// across reloads; a garbage link.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { exportDocument, neurons } from './canvas';
import { defaultChoice } from '../../engine/data/datasets';
import { exportGraph } from '../../engine/graph/format';
import { seedNetwork } from '../../engine/graph/seedExample';
import { encodeShareLink } from '../../engine/graph/shareLink';

const training = (page: Page) => page.getByRole('region', { name: 'Training' });
const data = (page: Page) => page.getByRole('region', { name: 'Data' });
const steps = async (page: Page) => Number(await training(page).getByTestId('step-count').textContent());
const testAccuracy = async (page: Page) => Number((await page.getByTestId('test-accuracy').textContent()) ?? 'NaN') || 0;
const description = (page: Page) => page.getByTestId('data-description');

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });
}

async function stepsGrowBy(page: Page, n: number): Promise<void> {
  const from = await steps(page);
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(from + n);
}

test('spiral with skip connections: the heatmap splits into two regions and test accuracy passes 0.9', async ({ page }, info) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await ready(page);

  await data(page).getByLabel('Dataset', { exact: true }).selectOption('spiral');
  await expect(description(page)).toContainText('Spiral');
  // The seed network (1 input, 2 outputs) does not fit; its loss and output follow the dataset, and it says so.
  await expect(page.getByTestId('notice')).toContainText('cross-entropy with a sigmoid output');
  await expect(training(page).getByRole('note')).toContainText('Cannot train');

  await page.getByLabel('Open a preset').selectOption('spiral');
  await expect(description(page)).toContainText('Spiral');
  const train = training(page).getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled();
  const heatmap = page.getByTestId('heatmap');
  await expect(heatmap).toBeVisible();
  await train.click();
  await expect.poll(() => testAccuracy(page), { timeout: 90_000, intervals: [1000] }).toBeGreaterThan(0.9);
  await expect.poll(async () => Number(await heatmap.getAttribute('data-regions')), { timeout: 10_000 }).toBe(2);
  await training(page).getByRole('button', { name: 'Pause' }).click();

  // Every neuron shows its activation on the canvas; hovering one shows it large.
  const thumbnails = page.getByTestId('network-canvas').locator('canvas.neuron-view');
  await expect.poll(() => thumbnails.count()).toBeGreaterThan(3);
  const someHidden = page.getByTestId('network-canvas').locator('.neuron--hidden').first();
  await someHidden.hover();
  await expect(page.getByTestId('neuron-hover-view')).toBeVisible();
  await page.mouse.move(5, 5);
  await expect(page.getByTestId('confusion-matrix')).toContainText('Confusion matrix, test data');

  // Discretize: the plot keeps its two regions.
  await page.getByLabel('Discretize output').check();
  await expect.poll(async () => Number(await heatmap.getAttribute('data-regions'))).toBe(2);
  await page.screenshot({ path: info.outputPath('spiral.png') });
  expect(errors).toEqual([]);
});

test('your own CSV: columns chosen, trained on; a broken file is explained and the data kept', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await page.getByTestId('csv-input').setInputFiles('tests/fixtures/points.csv');
  const chooser = page.getByRole('group', { name: /points\.csv: 120 rows/ });
  await expect(chooser).toBeVisible();
  // The guess: the last column (classes) is the target, the numeric ones are inputs.
  await expect(chooser.getByLabel('kind is a target')).toBeChecked();
  await expect(chooser.getByLabel('z is an input')).toBeChecked();
  await chooser.getByLabel('z is an input').uncheck();
  await chooser.getByRole('button', { name: 'Use this data' }).click();
  await expect(description(page)).toContainText('points.csv: 96 train and 24 test points');
  await expect(page.getByTestId('notice')).toContainText('cross-entropy with a softmax output');

  // 2 inputs and 2 classes against the seed's 1 input: match, then train.
  await training(page).getByRole('button', { name: 'Match the dataset' }).click();
  const train = training(page).getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled();
  await train.click();
  await stepsGrowBy(page, 50);
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d\.\d{3}$/);
  await expect(page.getByTestId('heatmap')).toBeVisible(); // two numeric inputs: a plane to draw
  await expect(page.getByTestId('confusion-matrix')).toContainText('near');
  await training(page).getByRole('button', { name: 'Pause' }).click();

  await page.getByTestId('csv-input').setInputFiles('tests/fixtures/bad-cell.csv');
  await expect(page.getByTestId('csv-error')).toContainText('row 4, column "y": "abc" is not a number');
  await expect(page.getByTestId('csv-error')).toContainText('The data in use is unchanged');
  await expect(description(page)).toContainText('points.csv');
  await train.click();
  await stepsGrowBy(page, 10);
  await training(page).getByRole('button', { name: 'Pause' }).click();
});

test('Copy link, open it in a fresh browser: the same network, parameters and dataset', async ({ page, browser }, info) => {
  await page.goto('/');
  await ready(page);
  // The XOR preset opens on its own data; then the person picks Moons for it.
  await page.getByLabel('Open a preset').selectOption('xor');
  await data(page).getByLabel('Dataset', { exact: true }).selectOption('moons');
  const samples = page.getByTestId('data-samples');
  await samples.fill('300');
  await samples.press('Enter');
  await expect(description(page)).toContainText('240 train and 60 test points');
  await training(page).getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => steps(page)).toBe(1);

  const share = page.getByRole('region', { name: 'Share' });
  await share.getByText('Classroom: hide controls in the link').click();
  await share.getByLabel('Training settings').check();
  await share.getByRole('button', { name: 'Copy link' }).click();
  const url = await share.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#connex=v1\./);
  await exportDocument(page, info.outputPath('here.connex.json'));
  const here = JSON.parse(readFileSync(info.outputPath('here.connex.json'), 'utf8'));

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  // Nothing saved in the fresh browser: the link opens without asking, and says so.
  await expect(other.getByTestId('notice')).toContainText('Opened the shared network (11 neurons');
  await ready(other);
  await expect(neurons(other)).toHaveCount(11);
  await expect(data(other).getByLabel('Dataset', { exact: true })).toHaveValue('moons');
  await expect(other.getByTestId('data-samples')).toHaveValue('300');
  await expect(other.getByTestId('data-description')).toContainText('240 train and 60 test points');
  // The classroom link hides the training settings.
  await expect(other.getByLabel('Learning rate')).toBeHidden();
  expect(other.url()).not.toContain('#connex=');
  await exportDocument(other, info.outputPath('there.connex.json'));
  const there = JSON.parse(readFileSync(info.outputPath('there.connex.json'), 'utf8'));
  expect(there.network).toEqual(here.network);
  expect(there.training.dataset).toEqual(here.training.dataset);
  await fresh.close();

  // Back in the first browser, with other work saved: the link asks before replacing it.
  await data(page).getByLabel('Dataset', { exact: true }).selectOption('circle');
  await expect(description(page)).toContainText('Circle');
  await page.waitForTimeout(1000); // autosave settles
  await page.goto(url);
  const ask = page.getByTestId('share-confirm');
  await expect(ask).toContainText('differs from the work saved in this browser');
  await ask.getByRole('button', { name: 'Keep my work' }).click();
  await expect(ask).toHaveCount(0);
  await expect(data(page).getByLabel('Dataset', { exact: true })).toHaveValue('circle');
  await page.goto(url);
  await page.getByTestId('share-confirm').getByRole('button', { name: 'Open the shared network' }).click();
  await expect(data(page).getByLabel('Dataset', { exact: true })).toHaveValue('moons');
  await expect(page.getByTestId('data-samples')).toHaveValue('300');
});

test('a classroom link keeps its hidden controls for that tab across reloads; a new tab shows them all', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fragment = encodeShareLink({ document: exportGraph(seedNetwork(4)), dataset: defaultChoice('cos-sin'), hidden: ['settings', 'editor-toolbar'] }, { parameters: true });
  await page.goto(`/#${fragment}`);
  await ready(page);
  await expect(page.getByTestId('notice')).toContainText('Opened the shared network');
  const hiddenHere = async (p: Page) => {
    await expect(p.getByLabel('Learning rate')).toBeHidden();
    await expect(p.getByRole('button', { name: 'Tidy layout' })).toBeHidden();
  };
  await hiddenHere(page);
  expect(page.url()).not.toContain('#connex=');
  await page.waitForTimeout(1000); // autosave settles
  // The reload opens the autosaved shared network, still in the classroom view (the fragment is long gone).
  await page.reload();
  await ready(page);
  await expect(neurons(page)).toHaveCount(12);
  await hiddenHere(page);
  await page.reload();
  await ready(page);
  await hiddenHere(page);
  // Another tab of the app is one's own: every control.
  const other = await context.newPage();
  await other.goto('/');
  await ready(other);
  await expect(other.getByLabel('Learning rate')).toBeVisible();
  await expect(other.getByRole('button', { name: 'Tidy layout' })).toBeVisible();
  // Opening one's own document in the classroom tab (a preset, from the Data panel's suggestion) shows them again, for good.
  await page.getByRole('region', { name: 'Data' }).getByRole('button', { name: /^Example DAG/ }).click();
  await expect(page.getByLabel('Learning rate')).toBeVisible();
  await page.reload();
  await ready(page);
  await expect(page.getByLabel('Learning rate')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tidy layout' })).toBeVisible();
  await context.close();
});

test('a garbage link is explained and the app opens normally', async ({ page }) => {
  await page.goto('/#connex=v1.this-is-not-a-network');
  await ready(page);
  await expect(page.getByTestId('notice')).toContainText('This link could not be opened');
  await expect(neurons(page)).toHaveCount(12);
  const train = training(page).getByRole('button', { name: 'Train' });
  await train.click();
  await stepsGrowBy(page, 10);
  await training(page).getByRole('button', { name: 'Pause' }).click();
});
