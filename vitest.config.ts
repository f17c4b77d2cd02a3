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
    include: [
      'test/core/**/*.test.ts',
      'test/cases/**/*.test.ts',
      'test/content/**/*.test.ts',
      'test/components/**/*.test.{ts,tsx}',
      'test/cli/**/*.test.ts',
      'test/lint/**/*.test.ts',
    ],
    setupFiles: ['test/setup-dom.ts'],
    testTimeout: 20000,
    // Vitest's default is one worker fewer than the cores: on the 2-core CI machine that is one
    // worker, and the files (most of the time is importing them) ran one after another.
    maxWorkers: Number(process.env['UNIT_WORKERS'] ?? availableParallelism()),
    server: { deps: { inline: ['@testing-library/preact'] } },
  },
});
