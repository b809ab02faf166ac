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

/**
 * A random DAG as a connex.graph document: 1 input, 2 outputs (the seed data's shape), `hidden` tanh neurons
 * each reading the input and up to 7 earlier ones, the last 40 feeding both outputs. Seeded: the same every run.
 */
export function bigNetworkDocument(hidden: number): object {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const ids = Array.from({ length: hidden }, (_, i) => `h${i}`);
  const neurons = [{ id: 'x', bias: 0 }, ...ids.map((id) => ({ id, bias: 0 })), { id: 'y1', bias: 0 }, { id: 'y2', bias: 0 }];
  const edges: { source: string; target: string; weight: number }[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string) => {
    if (seen.has(`${source}>${target}`)) return;
    seen.add(`${source}>${target}`);
    edges.push({ source, target, weight: (rand() - 0.5) * 0.6 });
  };
  ids.forEach((id, i) => {
    add('x', id);
    for (let k = 0; k < 7 && i > 0; k++) add(ids[Math.floor(rand() * i)]!, id);
  });
  ids.slice(-40).forEach((id) => {
    add(id, 'y1');
    add(id, 'y2');
  });
  return { format: 'connex.graph', version: 1, network: { neurons, edges, inputs: ['x'], outputs: ['y1', 'y2'], hiddenActivation: 'tanh', outputTransform: 'identity' } };
}

/** Makes the page's storage full from its first script on: any write longer than 200 characters (a document) fails. */
export async function fillStorage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (value.length > 200) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
}
