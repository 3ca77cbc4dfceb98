import { defineConfig } from '@playwright/test';

// No webServer: each worker starts its own backend on a free port with a fresh data directory
// (test/e2e/fixtures.ts), so tests never share state with a developer's running instance.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  // Generous: the shared build machine often runs benchmarks and other browsers alongside.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1600, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
