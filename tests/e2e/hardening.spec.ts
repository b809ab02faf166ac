// Hostile files and links through the page, as a person opens them (the Import button's file chooser, the address
// bar): no main-thread task over 200 ms while a big or pathological file is read, every notice bounded, any id the
// format accepts works on the canvas, positions out of range are refused or repaired, and an encoded link opens.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultChoice } from '../../engine/data/datasets';
import { exportGraph } from '../../engine/graph/format';
import { seedNetwork } from '../../engine/graph/seedExample';
import { encodeShareLink } from '../../engine/graph/shareLink';
import { handleGeometry } from '../../components/editor/networkToFlow';
import { DETAIL_MAX } from '../../components/editor/viewWindow';
import { CONNECTION_DETAIL_MAX } from '../../components/editor/connectionWindow';
import { bigNetworkDocument, neuron, neurons } from './canvas';

/** The longest main-thread task a page may take while a file is read (the bound). */
const LONG_TASK_LIMIT_MS = 200;
/** The longest notice text: the file name (100 characters at most) and the engine's sentence (300) in a sentence. */
const NOTICE_LIMIT = 560;

type Doc = { format: 'connex.graph'; version: 1; network: Record<string, unknown>; training?: Record<string, unknown> };

function doc(neuronsList: Record<string, unknown>[], edges: Record<string, unknown>[], inputs: string[], outputs: string[]): Doc {
  return { format: 'connex.graph', version: 1, network: { neurons: neuronsList, edges, inputs, outputs, hiddenActivation: 'tanh', outputTransform: 'identity' } };
}

/** A chain x -> n1 -> ... -> n(k-1), without positions unless `positioned`. */
function chain(k: number, positioned = false): Doc {
  const ids = Array.from({ length: k }, (_, i) => (i === 0 ? 'x' : `n${i}`));
  const list = ids.map((id, i) => ({ id, bias: 0, ...(positioned ? { position: { x: i * 180, y: 0 } } : {}) }));
  const edges = ids.slice(1).map((id, i) => ({ source: ids[i], target: id, weight: 0.5 }));
  return doc(list, edges, ['x'], [ids[k - 1]!]);
}

/** A ring of `k` neurons (every one in the cycle), with an input feeding it and an output reading it. */
function ring(k: number): Doc {
  const ids = Array.from({ length: k }, (_, i) => `r${i}`);
  const list = [{ id: 'x', bias: 0, position: { x: 0, y: 0 } }, ...ids.map((id, i) => ({ id, bias: 0, position: { x: 180 + i, y: 0 } })), { id: 'y', bias: 0, position: { x: 0, y: 90 } }];
  const edges = [{ source: 'x', target: 'r0', weight: 1 }, ...ids.map((id, i) => ({ source: id, target: ids[(i + 1) % k], weight: 1 })), { source: ids[k - 1], target: 'y', weight: 1 }];
  return doc(list, edges, ['x'], ['y']);
}

/** Opens the page recording main-thread long tasks and page errors; waits for the canvas. */
async function open(page: Page, url = '/'): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({
      type: 'longtask',
      buffered: true,
    });
  });
  await page.goto(url);
  await expect(neurons(page).first()).toBeVisible();
  return errors;
}

/** Counts every neuron element the canvas mounts from now on; the returned function reads the count. */
async function countMountedNeurons(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __mounted: number };
    w.__mounted = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of Array.from(r.addedNodes)) if (n instanceof Element && n.classList.contains('react-flow__node')) w.__mounted++;
    }).observe(document.body, { subtree: true, childList: true });
  });
  return () => page.evaluate(() => (window as unknown as { __mounted: number }).__mounted);
}

const now = (page: Page) => page.evaluate(() => performance.now());
const longTasksSince = (page: Page, since: number) =>
  page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= t).map((e) => Math.round(e.duration)), since);

/** Imports `content` through the Import button's file chooser. */
async function importThroughChooser(page: Page, content: Doc | string, name: string): Promise<void> {
  const file = path.join(os.tmpdir(), `hardening-${process.pid}-${name}`);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles(file);
}

const notice = (page: Page) => page.getByTestId('notice');

/** Imports `content`, waits for the notice matching `expected`, and returns it and the main-thread tasks meanwhile. */
async function timedImport(page: Page, content: Doc | string, name: string, expected: RegExp): Promise<{ text: string; tasks: number[] }> {
  const t0 = await now(page);
  await importThroughChooser(page, content, name);
  // Read in the page the moment it appears: an info notice gives way to the next one.
  const handle = await page.waitForFunction(
    (source) => {
      const text = document.querySelector('[data-testid=notice] .notice__text')?.textContent ?? '';
      return new RegExp(source).test(text) ? text : null;
    },
    expected.source,
    { timeout: 20_000, polling: 20 },
  );
  const text = (await handle.jsonValue()) as string;
  await page.waitForTimeout(300); // what the result sets off (the canvas, the worker's load) counts too
  return { text, tasks: await longTasksSince(page, t0) };
}

test('a 20,000-neuron ring: refused quickly, in a bounded notice, without blocking the page', async ({ page }) => {
  await open(page);
  const { text, tasks } = await timedImport(page, ring(20_000), 'ring.connex.json', /Could not import/);
  expect(text).toMatch(/cycle/);
  console.log(`20,000-neuron ring: notice ${text.length} characters, worst task ${Math.max(0, ...tasks)} ms`);
  expect(text.length).toBeLessThanOrEqual(NOTICE_LIMIT);
  expect(Math.max(0, ...tasks)).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
  await expect(neurons(page)).not.toHaveCount(0); // the work on screen is untouched
});

test('5,000 neurons without positions: read and laid out off the main thread, then opened with only what is in view mounted', async ({ page }) => {
  await open(page);
  const mountedSoFar = await countMountedNeurons(page);
  const t0 = await now(page);
  const { text, tasks } = await timedImport(page, chain(5000), 'chain.connex.json', /Imported/);
  expect(text).toMatch(/5000 neurons/);
  await expect(neurons(page).first()).toBeVisible();
  // Reading (parse, validate, tidy layout) ends at the `connex:import-read` mark: no long task until then (of the
  // task that holds the mark, the part before it).
  const read = await page.evaluate(() => performance.getEntriesByName('connex:import-read').at(-1)?.startTime ?? Infinity);
  const whileReading = (await page.evaluate(
    ([from, to]: [number, number]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= from && e.start < to).map((e) => Math.min(e.start + e.duration, to) - e.start),
    [t0, read] as [number, number],
  )) as number[];
  expect(Math.max(0, ...whileReading)).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
  await page.waitForTimeout(1000); // the fit of the view and what it brings into view
  // Only the neurons in view were ever mounted: nodes carry their handles' places, so React Flow does not mount all
  // 5,000 once to measure them, and the fit jumps instead of sweeping over the chain (which mounts what it passes).
  const mounted = await mountedSoFar();
  const inView = await neurons(page).count();
  expect(inView).toBeGreaterThan(0);
  expect(mounted).toBeLessThanOrEqual(inView * 3);
  // The places declared are where the handles are drawn (zoom 1 flow pixels, relative to the neuron's box).
  const hidden = page.locator('.react-flow__node:has(.neuron--hidden)').first();
  const drawn = await hidden.evaluate((node) => {
    const zoom = new DOMMatrix(getComputedStyle(node.closest('.react-flow__viewport')!).transform).a;
    const box = node.getBoundingClientRect();
    return Array.from(node.querySelectorAll('.react-flow__handle'), (h) => {
      const b = h.getBoundingClientRect();
      return { type: h.classList.contains('source') ? 'source' : 'target', x: (b.left - box.left) / zoom, y: (b.top - box.top) / zoom, width: b.width / zoom };
    });
  });
  for (const declared of handleGeometry('horizontal')) {
    const real = drawn.find((d) => d.type === declared.type)!;
    expect(Math.abs(real.x - declared.x), `${declared.type} x`).toBeLessThan(1);
    expect(Math.abs(real.y - declared.y), `${declared.type} y`).toBeLessThan(1);
    expect(Math.abs(real.width - declared.width!), `${declared.type} width`).toBeLessThan(1);
  }
  console.log(`5,000-neuron chain: ${mounted} neurons mounted (${inView} in view), worst task while reading ${Math.round(Math.max(0, ...whileReading))} ms, worst overall ${Math.max(0, ...tasks)} ms`);
});

test('12,000 neurons and 96,000 connections in view: an overview on one canvas, no element per neuron; zooming in brings editable neurons', async ({ page }) => {
  await open(page);
  const mountedSoFar = await countMountedNeurons(page);
  const doc = bigNetworkDocument(12_000) as Doc;
  const total = (doc.network.neurons as unknown[]).length;
  const { text, tasks } = await timedImport(page, doc, 'dag.connex.json', /Imported/);
  expect(text).toMatch(/12003 neurons/);
  const hint = page.getByTestId('overview-hint');
  await expect(hint).toBeVisible();
  const inView = Number((await hint.textContent())!.match(/Overview: ([\d,]+) neurons/)![1]!.replace(/,/g, ''));
  // The fitted view (at the least zoom) holds most of the tidy layout's tall columns.
  expect(inView).toBeGreaterThan(DETAIL_MAX);
  expect(inView).toBeLessThanOrEqual(total);
  // At most the few under the previous view before the fit jumps (before: 8,051 of them, in one task of 7.4 s).
  expect(await mountedSoFar()).toBeLessThan(100);
  expect(await neurons(page).count()).toBe(0);
  // The overview is drawn: the canvas holds the role colours (hidden grey dots, the input's green, the outputs' violet).
  const drawn = await page.getByTestId('overview-layer').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const style = getComputedStyle(canvas);
    const rgb = (name: string) => {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = style.getPropertyValue(name).trim();
      const hex = probe.fillStyle as string;
      return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    };
    const count = (c: number[]) => {
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 255 && Math.abs(data[i]! - c[0]!) < 3 && Math.abs(data[i + 1]! - c[1]!) < 3 && Math.abs(data[i + 2]! - c[2]!) < 3) n++;
      return n;
    };
    return { hidden: count(rgb('--hidden')), input: count(rgb('--input')), output: count(rgb('--output')) };
  });
  expect(drawn.hidden).toBeGreaterThan(1000);
  expect(drawn.input).toBeGreaterThan(0);
  expect(drawn.output).toBeGreaterThan(0);
  console.log(`12,000-neuron DAG: overview of ${inView} neurons, pixels ${JSON.stringify(drawn)}, long tasks ${JSON.stringify(tasks)}`);
  // Reading, the store, the canvas, the charts and the autosave each in tasks of their own: 123-162 ms at worst on
  // a quiet 2-core machine (7.4 s before); up to 260 ms late in a full e2e run. The bound leaves room for that and
  // still catches any task that handles every neuron or connection at once.
  expect(Math.max(0, ...tasks)).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS * 2);
  // Zooming in ends the overview: editable neurons, never more than the window's limit.
  for (let i = 0; i < 30 && (await neurons(page).count()) === 0; i++) {
    await hint.getByRole('button', { name: 'Zoom in to edit' }).click();
    await page.waitForTimeout(150);
  }
  const mounted = await neurons(page).count();
  expect(mounted).toBeGreaterThan(0);
  expect(mounted).toBeLessThanOrEqual(DETAIL_MAX);
  // Their connections are lines on the canvas while the window holds more than can be elements. This network's
  // middle is crossed by tens of thousands of them even at the closest zoom, and the line says so.
  const connections = page.locator('[data-testid=edge-layer] g.connection');
  const closer = hint.getByRole('button', { name: 'Zoom in to select them' });
  for (let i = 0; i < 30 && (await closer.count()) > 0; i++) {
    await expect(hint).toHaveText(/connections in view, drawn as lines/);
    expect(await connections.count()).toBe(0);
    await closer.click();
    await page.waitForTimeout(150);
  }
  await expect(hint).toHaveText(/connections in view, drawn as lines\..*Too many to draw one by one here, even at the closest zoom/);
  expect(await connections.count()).toBe(0);
  await expect(neurons(page).first()).toBeVisible();
});

test('100,000 neurons placed in a grid: opened as the overview, the page never blocked for long', async ({ page }) => {
  await open(page);
  const ids = Array.from({ length: 100_000 }, (_, i) => (i === 0 ? 'x' : `n${i}`));
  const list = ids.map((id, i) => ({ id, bias: 0, position: { x: (i % 200) * 180, y: Math.floor(i / 200) * 90 } }));
  const edges = ids.slice(1).map((id, i) => ({ source: ids[i], target: id, weight: 0.5 }));
  const { text, tasks } = await timedImport(page, doc(list, edges, ['x'], [ids[ids.length - 1]!]), 'grid.connex.json', /Imported/);
  expect(text).toMatch(/100000 neurons/);
  const hint = page.getByTestId('overview-hint');
  await expect(hint).toBeVisible();
  await expect(neurons(page)).toHaveCount(0);
  console.log(`100,000-neuron grid: long tasks ${JSON.stringify(tasks)}`);
  // Zoomed in: neurons and their connections as elements, a few hundred of each.
  for (let i = 0; i < 30 && (await hint.isVisible()); i++) {
    await hint.getByRole('button').click();
    await page.waitForTimeout(150);
  }
  await expect(hint).toBeHidden();
  const mounted = await neurons(page).count();
  expect(mounted).toBeGreaterThan(0);
  expect(mounted).toBeLessThanOrEqual(DETAIL_MAX);
  const drawn = await page.locator('[data-testid=edge-layer] g.connection').count();
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThanOrEqual(CONNECTION_DETAIL_MAX);
  // 7,993 ms before the canvas drew big networks by window; 150-190 ms on a quiet 2-core machine now, up to 330 ms
  // late in a full e2e run. The bound leaves room for that and still catches a task that handles all at once.
  expect(Math.max(0, ...tasks)).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS * 2);
});

test('a 1,000-level chain without positions lays out in the worker (dagre would overflow its stack)', async ({ page }) => {
  await open(page);
  const { text } = await timedImport(page, chain(1000), 'deep.connex.json', /Imported|Could not import/);
  expect(text).toMatch(/^Imported .*1000 neurons/);
});

test('a history of a million points: imported (thinned, and said) without a long task', async ({ page }) => {
  await open(page);
  const big = chain(4, true);
  big.training = { config: {}, step: 1_000_000, history: Array.from({ length: 1_000_000 }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1) })) };
  const { text, tasks } = await timedImport(page, big, 'history.connex.json', /Imported/);
  expect(text).toMatch(/history/);
  console.log(`million-point history: worst task ${Math.max(0, ...tasks)} ms`);
  expect(Math.max(0, ...tasks)).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
});

test('a huge file name and a huge id in an error: the notice stays bounded', async ({ page }) => {
  await open(page);
  const long = 'n'.repeat(1_000_000);
  const bad = doc([{ id: 'x', bias: 0 }, { id: long, bias: 0 }], [{ source: 'x', target: long, weight: 1 }, { source: long, target: 'ghost', weight: 1 }], ['x'], [long]);
  const { text } = await timedImport(page, bad, `${'f'.repeat(200)}.connex.json`, /Could not import/);
  console.log(`1 MB id, 213-character file name: notice ${text.length} characters`);
  expect(text.length).toBeLessThanOrEqual(NOTICE_LIMIT);
  expect(text).toMatch(/more characters/);
});

test('a neuron id with a quote works on the canvas: drag it and connect to it, no page error', async ({ page }) => {
  const errors = await open(page);
  const odd = 'a"b\\c]';
  const small = doc(
    [
      { id: 'x', bias: 0, position: { x: 0, y: 0 } },
      { id: odd, bias: 0, position: { x: 250, y: 0 } },
      { id: 'h', bias: 0, position: { x: 250, y: 150 } },
      { id: 'y', bias: 0, position: { x: 500, y: 0 } },
    ],
    [{ source: 'x', target: odd, weight: 1 }, { source: odd, target: 'y', weight: 1 }, { source: 'h', target: 'y', weight: 1 }],
    ['x'],
    ['y'],
  );
  await importThroughChooser(page, small, 'quote.connex.json');
  await expect(notice(page)).toContainText('Imported');
  const node = neuron(page, odd);
  await expect(node).toBeVisible();
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 30, { steps: 6 });
  await page.mouse.up();
  // Connect x -> h by dragging between their handles.
  const from = (await page.locator('.react-flow__node', { has: page.getByTestId('neuron-x') }).locator('.react-flow__handle.source').boundingBox())!;
  const to = (await page.locator('.react-flow__node', { has: page.getByTestId('neuron-h') }).locator('.react-flow__handle.target').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  const moved = (await node.boundingBox())!;
  expect(moved.x).toBeGreaterThan(box.x + 20);
  expect(errors).toEqual([]);
});

test('positions of 1e308: repaired on import with a message; Add neuron and Tidy layout work', async ({ page }) => {
  await open(page);
  const far = chain(3, true);
  (far.network.neurons as { position: { x: number; y: number } }[])[1]!.position = { x: 1e308, y: -1e308 };
  await importThroughChooser(page, far, 'far.connex.json');
  await expect(notice(page)).toContainText(/out of range/);
  await expect(neurons(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Add neuron' }).click();
  await expect(neurons(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Tidy layout' }).click();
  await expect(neurons(page)).toHaveCount(4);
  for (const n of await neurons(page).all()) await expect(n).toBeInViewport();
});

test('a percent-encoded share link (#connex%3Dv1.…) opens', async ({ page }) => {
  await open(page);
  const fragment = encodeShareLink({ document: exportGraph(seedNetwork(4)), dataset: defaultChoice('xor') }, { parameters: true });
  // A mail client encoded its '=' on the way.
  await page.goto(`/#${fragment.replace('connex=', 'connex%3D')}`);
  await expect(notice(page)).toContainText(/Opened the shared network/);
});

test('storage full at load: the saved work is restored, and the page says changes cannot be saved', async ({ page }) => {
  const saved = JSON.stringify({ kind: 'connex.autosave', version: 1, name: 'mine', document: exportGraph(chain(7, true).network as never) });
  await page.addInitScript((text) => {
    localStorage.setItem('connex:autosave', text);
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  }, saved);
  await page.goto('/');
  await expect(neurons(page)).toHaveCount(7);
  await expect(notice(page)).toContainText(/Your saved work was restored, but changes cannot be saved in this browser: the browser’s storage for this site is full/);
});

test('a deep 403-neuron network does not wait on a slow WebGL compile: it trains at once on the executor the cost model picks', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('backend')).toHaveValue('webgl', { timeout: 30_000 });
  await importThroughChooser(page, bigNetworkDocument(400) as Doc, 'deep403.connex.json');
  // Typed arrays for this sparse DAG (no shader to compile), or tfjs moved off webgl (engine/runtime/session.ts);
  // the move itself, and the fallback after a compile timeout, are covered by the unit tests.
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on wasm|tfjs on cpu)/, { timeout: 30_000 });
  // It trains: a Step takes effect within seconds (a Step pressed before the imported network reached the worker
  // belongs to the run before it, so press again until one lands).
  const training = page.getByRole('region', { name: 'Training' });
  await expect
    .poll(
      async () => {
        await training.getByRole('button', { name: 'Step', exact: true }).click();
        return Number(await training.getByTestId('step-count').textContent());
      },
      { timeout: 30_000, intervals: [1000, 2000, 3000] },
    )
    .toBeGreaterThan(0);
});
