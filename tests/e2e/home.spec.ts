// The home page, as built for production: the seed network drawn, its summary, and nothing fetched from elsewhere.

import { expect, test } from '@playwright/test';

// The seed DAG: 0->1,2,3; 1->4; 2->4,5; 4->6; 5->7; 6->8,9; 7->10; 8->11; 9->11; 10->11 (14 connections).
const NEURON_IDS = Array.from({ length: 12 }, (_, i) => String(i));
const CONNECTIONS = 14;

test('home page draws the seed network with its summary, offline and without errors', async ({ page }) => {
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) consoleErrors.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (!local && !['data:', 'blob:'].includes(url.protocol)) foreignRequests.push(request.url());
  });

  await page.goto('/');
  await expect(page).toHaveTitle('Connex');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connex — draw a network, watch it learn');

  const canvas = page.getByTestId('network-canvas');
  await expect(canvas).toBeVisible();
  for (const id of NEURON_IDS) {
    await expect(canvas.getByTestId(`neuron-${id}`)).toBeVisible();
  }
  await expect(canvas.locator('[data-testid^="neuron-"][data-role]')).toHaveCount(NEURON_IDS.length);
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(CONNECTIONS);

  // Roles and order badges: one input x1, outputs y1 (neuron 3) and y2 (neuron 11).
  await expect(canvas.getByTestId('neuron-0')).toHaveAttribute('data-role', 'input');
  await expect(canvas.getByTestId('neuron-badge-0')).toHaveText('x1');
  await expect(canvas.getByTestId('neuron-badge-3')).toHaveText('y1');
  await expect(canvas.getByTestId('neuron-badge-11')).toHaveText('y2');
  await expect(canvas.getByTestId('neuron-4')).toHaveAttribute('data-role', 'hidden');

  await expect(page.getByTestId('summary-neurons')).toHaveText('12');
  await expect(page.getByTestId('summary-connections')).toHaveText(String(CONNECTIONS));
  // Levels: [0], [1, 2, 3], [4, 5], [6, 7], [8, 9, 10], [11].
  await expect(page.getByTestId('summary-levels')).toHaveText('6');
  // Parameters: one weight per connection plus a bias for each of the 11 non-input neurons.
  await expect(page.getByTestId('summary-parameters')).toHaveText(String(CONNECTIONS + 11));
  await expect(page.getByTestId('legend')).toBeVisible();

  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});
