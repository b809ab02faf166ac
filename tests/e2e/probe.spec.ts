import { expect, test } from '@playwright/test';
test('probe', async ({ page }, info) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('/');
  await expect(page.getByTestId('ops-per-step')).toHaveText(/^\d+$/, { timeout: 30_000 });
  await page.getByLabel('Dataset', { exact: true }).selectOption('circle');
  await page.getByLabel('Open a preset').selectOption('dense-mlp');
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Train' }).click();
  await page.waitForTimeout(20_000);
  await page.getByRole('region', { name: 'Views' }).scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: info.outputPath('probe.png') });
  await page.getByRole('region', { name: 'Views' }).screenshot({ path: info.outputPath('views.png') });
  console.log('regions', await page.getByTestId('heatmap').getAttribute('data-regions'), 'acc', await page.getByTestId('test-accuracy').textContent(), 'steps', await page.getByTestId('step-count').textContent());
  console.log(errors.join('\n'));
});
