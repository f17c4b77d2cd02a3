import { defineConfig } from 'vitest/config';

// Browser tests over the built site (dist/, or OUT_DIR): run `npm run build` first.
// Files run in two workers at once; each worker launches one Chromium and keeps it for every
// file it runs (isolate: false lets the worker-scoped `browser` fixture of test/e2e/fixture.ts
// outlive a file). Every test opens its pages in fresh browser contexts, so files share no state.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
    pool: 'forks',
    isolate: false,
    fileParallelism: true,
    maxWorkers: Number(process.env['E2E_WORKERS'] ?? 2),
  },
});
