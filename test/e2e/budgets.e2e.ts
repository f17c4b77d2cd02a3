/**
 * Page weight and layout stability, measured in Chromium over the built site:
 * - pages without islands ship 0 bytes of JavaScript;
 * - a page ships at most 150 KB (gzip) of JavaScript once every island has hydrated;
 * - hydrating islands shifts nothing: CLS ≤ 0.02.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { builtPages } from './site';
import { measurePage } from './measure';

export const JS_BUDGET_GZIP_BYTES = 150 * 1000;
export const CLS_BUDGET = 0.02;

const baseUrl = inject('baseUrl');
const pages = builtPages();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('weight and layout budgets', () => {
  it.each(pages.map((p) => [p.path || '/', p] as const))('%s stays within its JS budget and CLS ≤ 0.02', async (_label, built) => {
    const m = await measurePage(browser, baseUrl + built.path);
    const hasIslands = built.html.includes('<astro-island');
    if (!hasIslands) expect(m.jsGzipBytes, 'a page without islands ships no JS').toBe(0);
    expect(m.jsGzipBytes, `JS gzip bytes of ${built.path}`).toBeLessThanOrEqual(JS_BUDGET_GZIP_BYTES);
    expect(m.cls, `CLS of ${built.path}`).toBeLessThanOrEqual(CLS_BUDGET);
  });
});
