// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkHeadingIds } from './src/lib/remark-heading-ids.mjs';

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
    build: {
      rollupOptions: {
        onwarn(warning, warn) {
          // zod 4 ships annotations Rollup cannot place; harmless (toolchain.md pitfall 8).
          if (warning.code === 'INVALID_ANNOTATION') return;
          warn(warning);
        },
      },
    },
  },
});
