// The editor as a person uses it: mouse and keyboard on the production build, in real Chromium.
import { expect, test, type Page } from '@playwright/test';
import { addNeuronAt, centre, dragConnection, edges, exportDocument, neuron, neurons, notice } from './canvas';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const BAD_CYCLE = path.join(__dirname, '..', 'fixtures', 'bad', 'cycle.json');

test.beforeEach(async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
});

test('draw a network from an empty canvas, refuse a cycle, delete and undo, dropout on two, export/import, reload', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(neuron(page, '11')).toBeVisible();

  // Start from nothing.
  await page.getByLabel('Open a preset').selectOption('empty');
  await expect(neurons(page)).toHaveCount(0);
  await expect(page.getByTestId('empty-canvas-hint')).toBeVisible();

  // Four neurons by double-clicking the canvas (new neurons are hidden), one by the button.
  // One at a time: each double-click lands on the pane as it is after the previous neuron appeared.
  const spots = [[150, 200], [380, 120], [380, 300], [610, 200]] as const;
  for (const [i, [x, y]] of spots.entries()) {
    await addNeuronAt(page, x, y);
    await expect(neurons(page)).toHaveCount(i + 1);
  }
  await page.getByRole('button', { name: 'Add neuron', exact: true }).click();
  await expect(neurons(page)).toHaveCount(5);
  for (const id of ['0', '1', '2', '3', '4']) await expect(neuron(page, id)).toHaveAttribute('data-role', 'hidden');
  // The button's neuron lands mid-canvas; move it aside by dragging so it covers nothing.
  const added = await centre(neuron(page, '4'));
  const canvasBox = (await page.getByTestId('network-canvas').boundingBox())!;
  await page.mouse.move(added.x, added.y);
  await page.mouse.down();
  await page.mouse.move(canvasBox.x + 610, canvasBox.y + 380, { steps: 10 });
  await page.mouse.up();

  // Connect 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3, 1 -> 2 by dragging handle to handle.
  await dragConnection(page, '0', '1');
  await expect(edges(page)).toHaveCount(1);
  await dragConnection(page, '0', '2');
  await dragConnection(page, '1', '3');
  await dragConnection(page, '2', '3');
  await dragConnection(page, '1', '2');
  await expect(edges(page)).toHaveCount(5);
  await expect(page.getByTestId('summary-connections')).toHaveText('5');

  // A cycle is refused while dragging and, once dropped, with the engine's words; nothing changes.
  const start = await centre(page.locator('[data-id="3"] .react-flow__handle.source'));
  const end = await centre(page.locator('[data-id="1"] .react-flow__handle.target'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await expect(page.getByTestId('connection-refusal')).toHaveText('connecting 3 -> 1 would close the cycle 1 -> 3 -> 1');
  await expect(page.locator('[data-id="1"] .react-flow__handle.target')).toHaveClass(/connectingto/);
  await page.mouse.up();
  await expect(notice(page)).toContainText('connecting 3 -> 1 would close the cycle 1 -> 3 -> 1');
  await expect(edges(page)).toHaveCount(5);

  // Mark 0 as the input and 3 as the output with the inspector's role menu.
  await neuron(page, '0').click();
  await page.getByLabel('Role').selectOption('input');
  await expect(neuron(page, '0')).toHaveAttribute('data-role', 'input');
  await expect(page.getByTestId('neuron-badge-0')).toHaveText('x1');
  await neuron(page, '3').click();
  await page.getByLabel('Role').selectOption('output');
  await expect(page.getByTestId('neuron-badge-3')).toHaveText('y1');
  // A role its connections forbid is refused with the reason.
  await neuron(page, '1').click();
  await page.getByLabel('Role').selectOption('input');
  await expect(notice(page)).toContainText('cannot become an input: input neurons receive no connections');
  await expect(neuron(page, '1')).toHaveAttribute('data-role', 'hidden');
  await expect(page.getByLabel('Role')).toHaveValue('hidden');
  // Connecting into the input is refused too.
  await dragConnection(page, '2', '0');
  await expect(notice(page)).toContainText('input neurons receive no connections');
  await expect(edges(page)).toHaveCount(5);

  // Delete neuron 2: its three connections go; Ctrl+Z brings all of it back.
  await neuron(page, '2').click();
  await page.keyboard.press('Delete');
  await expect(neuron(page, '2')).toHaveCount(0);
  await expect(edges(page)).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(neuron(page, '2')).toBeVisible();
  await expect(edges(page)).toHaveCount(5);
  // Redo and undo again, by keyboard: the same two states.
  await page.keyboard.press('Control+Shift+z');
  await expect(edges(page)).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(edges(page)).toHaveCount(5);

  // Dropout on two neurons at once: click one, Shift-click the other, set it once.
  await neuron(page, '1').click();
  await neuron(page, '2').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('multi-inspector')).toContainText('2 neurons selected');
  const dropout = page.getByTestId('multi-dropout-number');
  await dropout.fill('0.3');
  await dropout.press('Enter');
  await expect(neuron(page, '1')).toHaveAttribute('data-dropout', '0.3');
  await expect(neuron(page, '2')).toHaveAttribute('data-dropout', '0.3');
  await expect(neuron(page, '4')).toHaveAttribute('data-dropout', '0');

  // A label is plain text, never markup.
  await neuron(page, '4').click();
  await page.getByTestId('inspector-label').fill('<b>h</b>');
  await page.getByTestId('inspector-label').press('Enter');
  await expect(neuron(page, '4').locator('.neuron__text')).toHaveText('<b>h</b>');
  await expect(neuron(page, '4').locator('b')).toHaveCount(0);

  await page.screenshot({ path: testInfo.outputPath('editor.png') });
  await page.screenshot({ path: 'test-results/editor-drawn-network.png' });

  // Export, clear, import the file: the same network comes back.
  const exported = testInfo.outputPath('exported.connex.json');
  expect(await exportDocument(page, exported)).toBe('empty.connex.json');
  const text = readFileSync(exported, 'utf8');
  const doc = JSON.parse(text);
  expect(doc.format).toBe('connex.graph');
  expect(doc.network.inputs).toEqual(['0']);
  expect(doc.network.outputs).toEqual(['3']);
  expect(doc.network.edges).toHaveLength(5);

  await page.getByLabel('Open a preset').selectOption('empty');
  await expect(neurons(page)).toHaveCount(0);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles(exported);
  await expect(neurons(page)).toHaveCount(5);
  await expect(edges(page)).toHaveCount(5);
  await expect(notice(page)).toContainText('Imported “exported.connex.json”');
  const again = testInfo.outputPath('again.connex.json');
  expect(await exportDocument(page, again)).toBe('exported.connex.json');
  expect(readFileSync(again, 'utf8')).toBe(text);

  // A broken file: the engine's error, and nothing lost.
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser2.setFiles(BAD_CYCLE);
  await expect(notice(page)).toContainText('Could not import “cycle.json”: the connections form the cycle 1 -> 3 -> 1');
  await expect(notice(page)).toHaveAttribute('data-tone', 'error');
  await expect(neurons(page)).toHaveCount(5);
  await expect(edges(page)).toHaveCount(5);

  // Reload: the work is still there, exactly.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(neurons(page)).toHaveCount(5);
  await expect(edges(page)).toHaveCount(5);
  await expect(page.getByTestId('neuron-badge-0')).toHaveText('x1');
  await expect(neuron(page, '2')).toHaveAttribute('data-dropout', '0.3');
  const reloaded = testInfo.outputPath('reloaded.connex.json');
  await exportDocument(page, reloaded);
  expect(readFileSync(reloaded, 'utf8')).toBe(text);

  expect((page as Page & { errors?: string[] }).errors).toEqual([]);
});

test('a broken file dropped on the canvas is refused with the field and reason', async ({ page }) => {
  await page.goto('/');
  await expect(neurons(page)).toHaveCount(12);
  const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'bad', 'infinite-weight.json'), 'utf8');
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'infinite.connex.json', { type: 'application/json' }));
    return dt;
  }, text);
  const canvas = page.getByTestId('network-canvas');
  await canvas.dispatchEvent('dragover', { dataTransfer: transfer });
  await canvas.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(notice(page)).toContainText('network.edges[0].weight: expected a finite number, got Infinity');
  await expect(neurons(page)).toHaveCount(12);

  // A good file dropped the same way opens.
  const good = readFileSync(path.join(__dirname, '..', 'fixtures', 'seed.graph.json'), 'utf8').replace('"outputs": [\n      "3",\n      "11"\n    ]', '"outputs": ["11", "3"]');
  const transfer2 = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'swapped.connex.json', { type: 'application/json' }));
    return dt;
  }, good);
  await canvas.dispatchEvent('drop', { dataTransfer: transfer2 });
  await expect(notice(page)).toContainText('Imported “swapped.connex.json”');
});

test('select all, box select, delete by button, and the keyboard undo/redo', async ({ page }) => {
  await page.goto('/');
  await expect(neurons(page)).toHaveCount(12);
  await page.getByTestId('network-canvas').locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('multi-inspector')).toContainText('12 neurons selected');
  await page.keyboard.press('Escape');

  // Shift-drag a box around neurons 8, 9 and 10 (the fourth level).
  const a = await centre(neuron(page, '8'));
  const b = await centre(neuron(page, '10'));
  const [top, bottom] = [Math.min(a.y, b.y) - 45, Math.max(a.y, b.y) + 45];
  await page.keyboard.down('Shift');
  await page.mouse.move(a.x - 45, top);
  await page.mouse.down();
  await page.mouse.move(a.x + 45, bottom, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('multi-inspector')).toContainText('3 neurons selected');

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(neurons(page)).toHaveCount(9);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(neurons(page)).toHaveCount(12);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(neurons(page)).toHaveCount(9);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();

  // Tidy layout and the network-wide settings.
  await page.getByRole('button', { name: 'Tidy layout', exact: true }).click();
  await page.getByTestId('settings-hidden-activation').selectOption('tanh');
  await expect(page.getByTestId('summary-activation')).toHaveText('tanh');
  await page.getByTestId('settings-dropout-number').fill('0.1');
  await page.getByTestId('settings-dropout-number').press('Enter');
  await expect(neuron(page, '4')).toHaveAttribute('data-dropout', '0.1');
  await expect(neuron(page, '0')).toHaveAttribute('data-dropout', '0');
  // Outputs can be reordered: y1 <-> y2.
  await page.getByTestId('order-outputs').getByRole('button', { name: 'Move y1 down' }).click();
  await expect(page.getByTestId('neuron-badge-11')).toHaveText('y1');
  await expect(page.getByTestId('neuron-badge-3')).toHaveText('y2');
  // A connection's weight can be read and set.
  await page.getByTestId('network-canvas').locator('.react-flow__edge').first().click({ force: true });
  await expect(page.getByTestId('connection-inspector')).toBeVisible();
  await page.getByTestId('inspector-weight').fill('-1.5');
  await page.getByTestId('inspector-weight').press('Enter');
  const firstEdge = page.getByTestId('network-canvas').locator('.react-flow__edge').first();
  await expect(firstEdge.locator('[role=img]')).toHaveAttribute('aria-label', /weight about -1\.5\b/);
  await expect(firstEdge.locator('path.react-flow__edge-path')).toHaveCSS('stroke', 'rgb(234, 88, 12)');
});

test('a corrupt saved state is reported and set aside, and the page still works', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('connex:autosave', '{"kind": "connex.autosave", "version": 1, "document": {"format": "connex.graph"');
    }
  });
  await page.goto('/');
  await expect(notice(page)).toContainText('The saved work could not be restored: it is not valid JSON');
  await expect(notice(page)).toContainText('connex:autosave:unreadable:');
  await expect(neurons(page)).toHaveCount(12);
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('connex:autosave:unreadable:')));
  expect(keys).toHaveLength(1);
  const kept = await page.evaluate((k) => localStorage.getItem(k), keys[0] as string);
  expect(kept).toContain('"kind": "connex.autosave"');
});
