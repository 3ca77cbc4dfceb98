import { defineConfig } from 'vitest/config';

const unit = ['test/unit/**/*.test.ts'];
// Files that replace modules or globals (vi.mock, vi.stubGlobal) keep a module registry of their own.
const mocking = ['test/unit/softphone-controller.test.ts', 'test/unit/i18n-languages.test.ts', 'test/unit/error-text.test.ts'];

export default defineConfig({
  test: {
    projects: [
      // One shared module registry per worker thread: the unit files are pure functions and fakes,
      // and this halves `npm run check` on two cores (35 s → 20 s).
      { test: { name: 'unit', include: unit, exclude: mocking, environment: 'node', pool: 'threads', isolate: false } },
      { test: { name: 'unit-mocking', include: mocking, environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Tests share one PostgreSQL server and two cores: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
