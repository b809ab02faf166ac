// The locked-down page, in real Chromium against the production server: its security headers, no CSP violation
// while training on webgl, wasm and cpu and while importing a file, and no request that leaves the app's origin.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';

const SEED_FILE = path.join(__dirname, '..', 'fixtures', 'seed.graph.json');
const panel = (page: Page) => page.getByRole('region', { name: 'Training' });
const steps = async (page: Page) => Number(await panel(page).getByTestId('step-count').textContent());

/** Records CSP violations the page reports (document events) and every console line that mentions the policy. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  return seen;
}

test('the page and its assets carry the security headers', async ({ request }) => {
  const page = await request.get('/');
  const csp = page.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'wasm-unsafe-eval'(;|$)/);
  for (const directive of ["connect-src 'self'", "worker-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-eval\'' + ' ');
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
  expect(page.headers()['referrer-policy']).toBe('no-referrer');
  // Every inline script carries this response's nonce; none runs without it.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const html = await page.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A second response gets another nonce.
  const again = (await request.get('/')).headers()['content-security-policy']!;
  expect(/'nonce-([^']+)'/.exec(again)![1]).not.toBe(nonce);

  const wasm = await request.get('/tfjs-wasm/tfjs-backend-wasm.wasm');
  expect(wasm.ok()).toBe(true);
  expect(wasm.headers()['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
  expect(wasm.headers()['x-content-type-options']).toBe('nosniff');
});

test('TRACE gets 405 with the security headers, not a server error', async ({ request }) => {
  for (const path of ['/', '/connex.graph.json', '/_next/static/x.js']) {
    const response = await request.fetch(path, { method: 'TRACE' });
    expect(response.status(), path).toBe(405);
    expect(response.headers()['allow']).toBe('GET, HEAD, POST, OPTIONS');
    expect(response.headers()['x-frame-options']).toBe('DENY');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
  }
  // The server still serves the page after them.
  expect((await request.get('/')).status()).toBe(200);
});

test('training on webgl, wasm and cpu and importing a file: no CSP violation, no request off the origin', async ({ page, baseURL }) => {
  const violations = await watchViolations(page);
  const requests: string[] = [];
  page.context().on('request', (r) => requests.push(r.url()));
  page.on('worker', (w) => requests.push(w.url()));
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveValue('webgl', { timeout: 30_000 });
  await expect(page.getByTestId('executor')).toHaveText(/^(typed arrays|tfjs on)/, { timeout: 30_000 });

  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(50);
  await panel(page).getByRole('button', { name: 'Pause' }).click();
  await expect(panel(page).getByRole('button', { name: 'Train' })).toBeVisible();
  // The last progress of the run lands after the click: wait until the count stands still.
  await expect
    .poll(async () => {
      const a = await steps(page);
      await page.waitForTimeout(700);
      return (await steps(page)) - a;
    }, { timeout: 20_000 })
    .toBe(0);
  for (const backend of ['wasm', 'cpu']) {
    const before = await steps(page);
    await page.getByTestId('backend').selectOption(backend);
    await expect(page.getByTestId('backend')).toHaveValue(backend, { timeout: 30_000 });
    await panel(page).getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => steps(page), { timeout: 30_000 }).toBe(before + 1);
  }
  await expect(page.locator('.training-panel__reason')).toHaveCount(0); // no fallback: wasm compiled under the policy

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles(SEED_FILE);
  await expect(page.getByTestId('notice')).toContainText('Imported “seed.graph.json”');
  await panel(page).getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThan(0);

  const reported = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  expect([...reported, ...violations]).toEqual([]);
  const origin = new URL(baseURL!).origin;
  const offOrigin = requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.some((url) => url.includes('/tfjs-wasm/'))).toBe(true); // the worker's wasm fetch was seen
  expect(offOrigin).toEqual([]);
});

test('the policy is enforced: an injected inline script does not run', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/');
  await expect(page.getByTestId('backend')).not.toHaveValue('', { timeout: 30_000 });
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.length)).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(violations.some((v) => v.includes('Content Security Policy'))).toBe(true);
});

test('labels with HTML and script from an imported file render as text, never as elements', async ({ page }, info) => {
  const violations = await watchViolations(page);
  const hostile = [
    '<img id="injected-img" src="x" onerror="window.__pwned=1">',
    '<script id="injected-script">window.__pwned=2</script>',
    '"><b id="injected-b">bold</b>',
    '<svg id="injected-svg" onload="window.__pwned=3"></svg>',
  ];
  const doc = {
    format: 'connex.graph',
    version: 1,
    network: {
      neurons: [
        { id: 'a', label: hostile[0], bias: 0 },
        { id: 'b', label: hostile[1], bias: 0 },
        { id: 'c', label: hostile[2], bias: 0 },
        { id: 'd', label: hostile[3], bias: 0 },
      ],
      edges: [
        { source: 'a', target: 'b', weight: 0.5 },
        { source: 'b', target: 'c', weight: 0.5 },
        { source: 'b', target: 'd', weight: 0.5 },
      ],
      inputs: ['a'],
      outputs: ['c', 'd'],
      hiddenActivation: 'tanh',
      outputTransform: 'identity',
    },
  };
  const file = info.outputPath('hostile-labels.connex.json');
  (await import('node:fs')).writeFileSync(file, JSON.stringify(doc));
  await page.goto('/');
  await expect(page.getByTestId('backend')).not.toHaveValue('', { timeout: 30_000 });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles(file);
  await expect(page.getByTestId('notice')).toContainText('Imported “hostile-labels.connex.json”');
  await expect(page.getByTestId('network-canvas').locator('.react-flow__node')).toHaveCount(4);
  // Select each neuron so the inspector shows its label too.
  for (const id of ['a', 'b', 'c', 'd']) await page.locator(`.react-flow__node[data-id="${id}"]`).click();
  await page.waitForTimeout(500);
  for (const id of ['injected-img', 'injected-script', 'injected-b', 'injected-svg']) await expect(page.locator(`#${id}`)).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // The text is on the page verbatim, as text.
  const text = await page.locator('body').innerText();
  expect(text).toContain('<b id="injected-b">bold</b>');
  expect(violations).toEqual([]);
});
