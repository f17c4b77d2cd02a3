/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';

// Components run in tests on what ships: Preact through preact/compat, with React Testing
// Library's API given over @testing-library/preact (test/support/testing-library.ts).
export default getViteConfig({
  resolve: {
    alias: [
      { find: /^@testing-library\/react$/, replacement: fileURLToPath(new URL('./test/support/testing-library.ts', import.meta.url)) },
      { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  test: {
    setupFiles: ['test/setup-dom.ts'],
    testTimeout: 20000,
    // Vitest's default is one worker fewer than the cores: on the 2-core CI machine that is one
    // worker, and the files (most of the time is importing them) ran one after another.
    maxWorkers: Number(process.env['UNIT_WORKERS'] ?? availableParallelism()),
    server: { deps: { inline: ['@testing-library/preact'] } },
    projects: [
      {
        // The core, CLI, content and lint tests hold no state between files (no mocks, no DOM): a
        // worker imports the core once for all of them instead of once per file (isolate: false),
        // about a third of the unit phase's time.
        extends: true,
        test: {
          name: 'core',
          include: ['test/core/**/*.test.ts', 'test/cases/**/*.test.ts', 'test/content/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/lint/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        // Components keep a fresh module graph per file: an island's lazily loaded catalogue must
        // not be already loaded by another file when a test checks what the first render shows.
        extends: true,
        test: { name: 'components', include: ['test/components/**/*.test.{ts,tsx}'] },
      },
    ],
  },
});
