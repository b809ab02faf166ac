// What the e2e specs do on the canvas, as a person would: find neurons and connections, drag handles, export.
import type { Locator, Page } from '@playwright/test';

/** The centre of an element, in page pixels. */
export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from neuron `from`'s output handle to neuron `to`'s input handle, like a person, in small steps. */
export async function dragConnection(page: Page, from: string, to: string): Promise<void> {
  const start = await centre(page.locator(`[data-id="${from}"] .react-flow__handle.source`));
  const end = await centre(page.locator(`[data-id="${to}"] .react-flow__handle.target`));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

/** Double-clicks the empty canvas at (x, y) relative to its top-left corner. */
export async function addNeuronAt(page: Page, x: number, y: number): Promise<void> {
  const box = await page.getByTestId('network-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.dblclick(box.x + x, box.y + y);
}

export const neuron = (page: Page, id: string) => page.getByTestId('network-canvas').getByTestId(`neuron-${id}`);
export const neurons = (page: Page) => page.getByTestId('network-canvas').locator('.react-flow__node');
export const edges = (page: Page) => page.getByTestId('network-canvas').locator('.react-flow__edge');
export const notice = (page: Page) => page.getByTestId('notice');

export async function exportDocument(page: Page, savePath: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  await download.saveAs(savePath);
  return download.suggestedFilename();
}
