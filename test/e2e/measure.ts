/**
 * Measures one built page in Chromium: JS shipped (gzip, after every island hydrated),
 * CLS, LCP and total blocking time. Shared by the budget test and scripts/bench.ts.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { hydrateAll, networkQuiet } from './browser';

export interface PageMeasurement {
  url: string;
  jsFiles: string[];
  jsRawBytes: number;
  jsGzipBytes: number;
  cls: number;
  lcpMs: number | null;
  totalBlockingTimeMs: number;
  islands: number;
}

const gzipCache = new Map<string, { raw: number; gzip: number }>();

async function sizeOf(url: string): Promise<{ raw: number; gzip: number }> {
  const cached = gzipCache.get(url);
  if (cached) return cached;
  const body = Buffer.from(await (await fetch(url)).arrayBuffer());
  const size = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  gzipCache.set(url, size);
  return size;
}

/**
 * Installs, before the page's own scripts, the observers a measurement reads (layout shifts, LCP,
 * long tasks), and starts counting requests in flight: call it on a page that has not navigated yet.
 */
export async function installProbes(page: Page): Promise<{ quiet: (quietMs?: number, timeout?: number) => Promise<void> }> {
  // Under tsx (scripts/bench.ts) functions passed to the page are wrapped in __name().
  await page.addInitScript('window.__name = (f) => f;');
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number; __lcp: number | null; __tbt: number };
    w.__cls = 0;
    w.__lcp = null;
    w.__tbt = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!e.hadRecentInput) w.__cls += e.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const last = entries[entries.length - 1];
      if (last) w.__lcp = last.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tbt += Math.max(0, e.duration - 50);
    }).observe({ type: 'longtask', buffered: true });
  });
  return networkQuiet(page);
}

/**
 * Measures a page loaded with `installProbes`: brings each island into view in turn and waits until
 * it has hydrated (client:visible, one at a time as a reader scrolls, so a shift it causes happens in
 * view and is counted; see hydrateAll), then until nothing is loading (every chunk an island pulls in on hydration
 * is counted). The page stays open (further checks may run on it).
 */
export async function measureLoaded(page: Page, network: { quiet: (quietMs?: number) => Promise<void> }): Promise<PageMeasurement> {
  const islands = await hydrateAll(page, { timeout: 20_000 });
  await network.quiet(200);
  // Two frames, so a layout shift caused by the last hydration is recorded.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const metrics = await page.evaluate(() => {
    const w = window as unknown as { __cls: number; __lcp: number | null; __tbt: number };
    const js = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => /\.m?js(\?|$)/.test(name));
    const inline = [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('');
    return { cls: w.__cls, lcp: w.__lcp, tbt: w.__tbt, js, inline };
  });
  const files = [...new Set(metrics.js)];
  let raw = Buffer.byteLength(metrics.inline);
  let gzip = metrics.inline ? gzipSync(metrics.inline, { level: 9 }).length : 0;
  for (const file of files) {
    const size = await sizeOf(file);
    raw += size.raw;
    gzip += size.gzip;
  }
  return {
    url: page.url(),
    jsFiles: files,
    jsRawBytes: raw,
    jsGzipBytes: gzip,
    cls: metrics.cls,
    lcpMs: metrics.lcp,
    totalBlockingTimeMs: metrics.tbt,
    islands,
  };
}

/** The viewport every measurement uses. */
export const MEASURE_VIEWPORT = { width: 1280, height: 900 };

/** Loads `url` in a fresh context and measures it (scripts/bench.ts). */
export async function measurePage(browser: Browser, url: string): Promise<PageMeasurement> {
  const context = await browser.newContext({ viewport: MEASURE_VIEWPORT });
  try {
    const page = await context.newPage();
    const network = await installProbes(page);
    await page.goto(url, { waitUntil: 'load' });
    return { ...(await measureLoaded(page, network)), url };
  } finally {
    await context.close();
  }
}
