// Playwright runs the e2e specs in Debian's Chromium against the production build (`next build` runs before, in scripts/test.mjs).

import { defineConfig } from '@playwright/test';

// E2E_PORT: another port when something else (another checkout's server) already listens on 3100.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 1 : 2,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          // Playwright's own browser download does not work on these machines; use the system Chromium.
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          // Never --disable-software-rasterizer: it kills WebGL (SwiftShader) in headless mode.
          args: [
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `node scripts/server.mjs`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: '1', PORT: String(PORT) },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
