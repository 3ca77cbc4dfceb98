import { defineConfig } from '@playwright/test';
import { CHROMIUM, SIP_CHROMIUM_ARGS } from './test/sip/harness/chromium';

// Real SIP calls (test/sip): run as a whole inside a loopback-only network namespace by
// scripts/test-sip.sh, never directly on a machine's real network. One worker: the tests start
// PBXs and relays and share two CPU cores.
export default defineConfig({
  testDir: 'test/sip',
  testMatch: /.*\.spec\.ts$/,
  // Set-up timings are a benchmark, not a pass/fail test: `FOLLOWUP_SIP_BENCH=1 scripts/test-sip.sh`.
  testIgnore: process.env.FOLLOWUP_SIP_BENCH === '1' ? [] : ['**/bench.spec.ts'],
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  // Generous for a loaded machine; on an idle one a test takes 5–20 s.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  // Not under test-results/: the e2e run empties that folder when it starts.
  outputDir: 'test-results-sip',
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: SIP_CHROMIUM_ARGS },
  },
});
