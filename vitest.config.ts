/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/cases/**/*.test.ts', 'test/content/**/*.test.ts', 'test/components/**/*.test.{ts,tsx}', 'test/cli/**/*.test.ts', 'test/lint/**/*.test.ts'],
    setupFiles: ['test/setup-dom.ts'],
    testTimeout: 20000,
  },
});
