// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkHeadingIds } from './src/lib/remark-heading-ids.mjs';
import { browserData } from './astro.config.browser.mjs';

// SITE_BASE lets the built site live under a sub-path (e.g. /tbn/); see README.
const base = process.env.SITE_BASE ?? '/';

// SITE_URL is the one place the canonical address is configured (README: "Hosting"). Unset, the build
// names no host: canonical and og:url tags are left out, citations and the sitemap use root-relative
// paths, and copied citations take the origin of the page they were copied from.
const site = process.env.SITE_URL || undefined;

export default defineConfig({
  // exactOptionalPropertyTypes: leave `site` out rather than set it to undefined.
  ...(site ? { site } : {}),
  base,
  // OUT_DIR / ASTRO_CACHE_DIR let several builds run side by side (e.g. one per worktree).
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'always',
  // Two editions (issue 15): English at /x/, Chinese at /zh/x/ (src/pages/zh/, content/zh/). Astro then
  // knows each page's locale (Astro.currentLocale, read by src/lib/lang.ts); the English pages keep
  // their addresses (no /en/ prefix).
  i18n: {
    locales: ['en', 'zh'],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: false },
  },
  // Islands are written against the React API and run on Preact through preact/compat:
  // about 10 KB of runtime instead of React DOM's 67 KB (the JS budget in README).
  integrations: [preact({ compat: true }), mdx()],
  markdown: {
    remarkPlugins: [remarkMath, remarkHeadingIds],
    rehypePlugins: [rehypeKatex],
  },
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  vite: {
    // The browser gets the data modules without what no island reads (astro.config.browser.mjs).
    // Not under Vitest (vitest.config.ts loads this file): tests read the modules whole.
    plugins: process.env.VITEST ? [] : [browserData(import.meta.url)],
    // JSON modules (the presets' config.json files) as JSON.parse("…"): the same objects, about
    // half the gzip weight of one const per key (Vite's default below 10 kB).
    json: { namedExports: false, stringify: true },
    build: {
      // SOURCEMAP=1 writes hidden source maps (no sourceMappingURL comment, so the shipped bytes are
      // unchanged): they say which modules each chunk carries when a page is over its JS budget.
      sourcemap: process.env.SOURCEMAP ? 'hidden' : false,
      rollupOptions: {
        output: {
          // Preact's runtime (core, hooks, JSX, compat) and Vite's preload helper are loaded by every
          // page with an island: one file instead of five gzips about 1 KB smaller.
          manualChunks(id) {
            if (/\/node_modules\/preact\/(dist|hooks\/dist|jsx-runtime\/dist|compat\/dist)\//.test(id) || id === '\0vite/preload-helper.js') return 'preact';
            return undefined;
          },
        },
        // defineFormula only builds an object: a formula no island uses (its LaTeX, title, notes)
        // is left out of the browser's chunks instead of riding along with its module.
        treeshake: { manualPureFunctions: ['defineFormula'] },
        onwarn(warning, warn) {
          // zod 4 ships annotations Rollup cannot place; harmless (toolchain.md pitfall 8).
          if (warning.code === 'INVALID_ANNOTATION') return;
          warn(warning);
        },
      },
    },
  },
});
