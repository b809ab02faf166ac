// A 500-neuron, ~3,900-connection network on the canvas: its connections are drawn in one layer (of a few <svg>s), hover and click
// work there as on small networks, a typed weight restyles its connection, and training restyles them live.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { bigNetworkDocument } from './canvas';

const panel = (page: Page) => page.getByRole('region', { name: 'Training' });
const steps = async (page: Page) => Number(await panel(page).getByTestId('step-count').textContent());
const connections = (page: Page) => page.getByTestId('edge-layer').locator('g.connection');

/** A connection whose middle is not under a neuron, with that point in page pixels. */
async function uncoveredConnection(page: Page): Promise<{ id: string; source: string; target: string; x: number; y: number }> {
  const found = await page.evaluate(() => {
    for (const group of Array.from(document.querySelectorAll<SVGGElement>('g.connection'))) {
      const path = group.querySelector<SVGPathElement>('path.connection__hit')!;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      const x = p.x * m.a + p.y * m.c + m.e;
      const y = p.x * m.b + p.y * m.d + m.f;
      if (document.elementFromPoint(x, y)?.closest('g.connection') === group) {
        return { id: group.dataset.id!, source: group.dataset.source!, target: group.dataset.target!, x, y };
      }
    }
    return null;
  });
  if (!found) throw new Error('every connection is covered');
  return found;
}

test('a 500-neuron network: one connection layer in parts, hover, select, set a weight, live weights while training', async ({ page }, info) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/');
  // wasm: WebGL here is a software renderer that takes long to compile shaders for a network this size.
  await page.waitForFunction(() => ['webgl', 'wasm', 'cpu'].includes((document.querySelector('[data-testid=backend]') as HTMLSelectElement | null)?.value ?? ''), null, { timeout: 30_000 });
  await page.getByTestId('backend').selectOption('wasm');
  await expect(page.getByTestId('backend')).toHaveValue('wasm', { timeout: 60_000 });

  const doc = bigNetworkDocument(497) as { network: { edges: unknown[] } };
  const file = info.outputPath('big.connex.json');
  writeFileSync(file, JSON.stringify(doc));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles(file);
  await expect(connections(page)).toHaveCount(doc.network.edges.length, { timeout: 30_000 });
  // React Flow draws no edges of its own for a network this big: the layer's parts (EdgeLayer's PARTS <svg>s, each
  // repainted on its own) hold them all.
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await expect(page.getByTestId('edge-layer').locator('svg.edge-layer__part')).toHaveCount(8);
  const perPart = await page.getByTestId('edge-layer').locator('svg.edge-layer__part').evaluateAll((parts) => parts.map((p) => p.querySelectorAll('g.connection').length));
  expect(Math.min(...perPart)).toBeGreaterThan(doc.network.edges.length / 16);

  // Hover shows the live weight; a click selects the connection alone and opens its inspector.
  const target = await uncoveredConnection(page);
  await page.mouse.move(target.x, target.y);
  await expect(page.getByTestId('edge-tooltip')).toContainText(`${target.source} → ${target.target}: weight`);
  await page.mouse.click(target.x, target.y);
  await expect(page.getByTestId('connection-inspector')).toContainText(`Connection ${target.source} → ${target.target}`);
  await expect(page.locator('g.connection--selected')).toHaveCount(1);
  await page.getByTestId('inspector-weight').fill('-2.5');
  await page.getByTestId('inspector-weight').press('Enter');
  const chosen = page.locator(`g.connection[data-id='${target.id}']`);
  await expect(chosen).toHaveAttribute('aria-label', /weight about -2\.5$/);
  await expect(chosen.locator('path.connection__path')).toHaveCSS('stroke', 'rgb(234, 88, 12)');
  await expect(chosen.locator('text.connection__label')).toHaveText('-2.500');

  // Train: steps advance and connections restyle from the worker's snapshots.
  const labels = () => page.evaluate(() => Array.from(document.querySelectorAll('g.connection'), (g) => g.getAttribute('aria-label')).join('\n'));
  const before = await labels();
  // The cost model chooses the executor (typed arrays for this sparse DAG; tfjs has kernels to count).
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 90_000 });
  const since = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => steps(page), { timeout: 60_000 }).toBeGreaterThan(20);
  await expect.poll(labels, { timeout: 30_000 }).not.toBe(before);
  await panel(page).getByRole('button', { name: 'Pause' }).click();
  await expect(panel(page).getByRole('button', { name: 'Train' })).toBeVisible();
  const longTasks = await page.evaluate((from) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(from), since);
  // Reported, not asserted: timings on a shared 2-core machine with software rendering are not a test.
  console.log(`500 neurons while training: ${longTasks.length} long tasks, worst ${Math.round(Math.max(0, ...longTasks))} ms`);
  expect(errors).toEqual([]);
});
