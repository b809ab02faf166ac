// The executor select in Settings, in real Chromium against the production build: Automatic says what the cost
// model picked and why; TensorFlow.js and Typed arrays move training there (the shown executor follows), and a
// Step still lands on each.

import { expect, test, type Page } from '@playwright/test';

function training(page: Page) {
  return page.getByRole('region', { name: 'Training' });
}

async function steps(page: Page): Promise<number> {
  return Number(await training(page).getByTestId('step-count').textContent());
}

/** Presses Step (with the mouse) until the step counter passes `before`: one press may race the move it follows. */
async function stepLands(page: Page, before: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await training(page).getByRole('button', { name: 'Step', exact: true }).click();
        return steps(page);
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toBeGreaterThan(before);
}

test('choosing TensorFlow.js, then Typed arrays, moves training there and a Step still lands; Automatic goes back to the pick', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const executor = page.getByTestId('executor');
  const choice = page.getByTestId('executor-choice');
  await expect(executor).toHaveText(/^typed arrays \(predicted faster than tfjs here\)$/, { timeout: 30_000 });
  await expect(choice).toHaveValue('auto');
  await expect(choice.locator('option[value="auto"]')).toHaveText(/^Automatic \(typed arrays: [\d.]+ ms\/step predicted, tfjs (at least )?[\d.]+\)$/);
  await stepLands(page, await steps(page));

  await choice.click();
  await choice.selectOption('tfjs');
  await expect(executor).toHaveText(/^tfjs on (webgl|wasm|cpu) \(chosen in Settings\)$/, { timeout: 60_000 });
  await expect(page.getByTestId('ops-per-step')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('backend-unused')).toHaveCount(0);
  await stepLands(page, await steps(page));
  // Looked at, not committed: the Settings section with the choice made, at both window sizes.
  for (const [width, height] of [[1440, 900], [1280, 720]] as const) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('training-settings').screenshot({ path: `test-results/executor-settings-${width}x${height}.png` });
  }

  await choice.click();
  await choice.selectOption('typed-array');
  await expect(executor).toHaveText('typed arrays (chosen in Settings)', { timeout: 30_000 });
  await expect(page.getByTestId('ops-per-step')).toHaveText('—');
  await stepLands(page, await steps(page));

  await choice.click();
  await choice.selectOption('auto');
  await expect(executor).toHaveText('typed arrays (predicted faster than tfjs here)', { timeout: 30_000 });
  await stepLands(page, await steps(page));
  expect(errors).toEqual([]);
});
