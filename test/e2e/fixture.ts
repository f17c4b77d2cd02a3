/**
 * The one fixture every browser test uses.
 *
 *   import { test, expect, hydrateAll, restores } from './fixture';
 *   test('…', async ({ open }) => {
 *     const page = await open('tensors/?mm.M=1');
 *     …
 *   });
 *
 * - `browser`: one Chromium per worker (launched once, shared by every file the worker runs).
 * - `open(path, options)`: a page in a fresh context, already at `path` (relative to the site's
 *   base URL, or an absolute URL). Everything it logs is watched: when the test ends, every page
 *   it opened is closed and the test fails on any console error or warning, page error, or
 *   request to another host.
 * - `hydrateAll(page)`: brings each island into view in turn and waits until it has hydrated.
 * - `restores(open, url, …)`: opens a link in a fresh context and reads the restored calculator.
 * - `open(path, { clipboard: true })` + `copied(page)`: what Copy Markdown/LaTeX wrote.
 */
import { expect, inject, test as base } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { hydrate, hydrateAll, launchBrowser, networkQuiet } from './browser';

export { hydrate, hydrateAll, networkQuiet };

export { expect };

export const baseUrl: string = inject('baseUrl');

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Record what the page copies (navigator.clipboard.writeText) instead of touching the system clipboard: read it with `copied(page)`. */
  clipboard?: boolean;
  /** When `open` returns: after the load event (default) or as soon as the DOM is parsed. */
  waitUntil?: 'load' | 'domcontentloaded';
  /** Console messages this test expects (matched against "type: text"); anything else still fails the test. */
  allowConsole?: RegExp;
  /** A script every document of the page runs before its own (page.addInitScript), e.g. a probe installed before the first paint. */
  initScript?: () => void;
  /** Runs on the new page before it navigates (e.g. measure.ts's `installProbes`, which must see the first request). */
  beforeGoto?: (page: Page) => Promise<unknown> | void;
}

/** What a watched page logged so far (live arrays). */
export interface Watch {
  consoleErrors: string[];
  offsiteRequests: string[];
  /** The response of the navigation `open` made. */
  response: Response | null;
}

export type Open = (path: string, options?: OpenOptions) => Promise<Page>;

const watches = new WeakMap<Page, Watch>();

/** The console errors, off-site requests and first response of a page opened by `open`. */
export function watchOf(page: Page): Watch {
  const w = watches.get(page);
  if (!w) throw new Error('watchOf: this page was not opened by the fixture');
  return w;
}

/** A URL on the site: paths are relative to the base URL; absolute URLs pass through. */
export function siteUrl(path: string): string {
  return /^[a-z]+:/.test(path) ? path : baseUrl + path.replace(/^\//, '');
}

/** A fresh context and page that records console errors/warnings, page errors and requests leaving the site's host. */
export async function watchedPage(browser: Browser, options: OpenOptions = {}): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const page = await context.newPage();
  const host = new URL(baseUrl).host;
  const watch: Watch = { consoleErrors: [], offsiteRequests: [], response: null };
  page.on('console', (msg) => {
    const type = msg.type();
    if (type !== 'error' && type !== 'warning') return;
    const line = `${type}: ${msg.text()}`;
    if (options.allowConsole?.test(line)) return;
    watch.consoleErrors.push(line);
  });
  page.on('pageerror', (err) => watch.consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== host) watch.offsiteRequests.push(req.url());
  });
  if (options.clipboard) await captureClipboard(page);
  if (options.initScript) await page.addInitScript(options.initScript);
  watches.set(page, watch);
  return { context, page, watch };
}

export const test = base.extend<{ $test: { open: Open }; $worker: { browser: Browser } }>({
  browser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await launchBrowser();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  open: async ({ browser }: { browser: Browser }, use: (open: Open) => Promise<void>) => {
    const opened: { context: BrowserContext; page: Page; watch: Watch; url: string }[] = [];
    await use(async (path: string, options: OpenOptions = {}) => {
      const { context, page, watch } = await watchedPage(browser, options);
      const url = siteUrl(path);
      opened.push({ context, page, watch, url });
      await options.beforeGoto?.(page);
      watch.response = await page.goto(url, { waitUntil: options.waitUntil ?? 'load' });
      return page;
    });
    // The test is over: close what it opened, then hold it to a clean console and no off-site request.
    await Promise.all(opened.map((o) => o.context.close().catch(() => undefined)));
    for (const o of opened) {
      expect({ consoleErrors: o.watch.consoleErrors, offsiteRequests: o.watch.offsiteRequests }, `what ${o.url} logged and requested`).toEqual({
        consoleErrors: [],
        offsiteRequests: [],
      });
    }
  },
});
export const it = test;

/** The value an input, select or textarea holds once it equals `value` (fails after `timeout`). */
export async function waitForValue(page: Page, selector: string, value: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(([sel, v]) => (document.querySelector(sel) as HTMLInputElement | null)?.value === v, [selector, value] as const, { timeout });
}

/**
 * The page's URL once it holds every fragment (calculators write their state to the URL in an
 * effect, a moment after the result shows): fails after `timeout`.
 */
export async function urlWith(page: Page, ...fragments: string[]): Promise<string> {
  for (const fragment of fragments) await expect.poll(() => page.url(), { message: `the URL holds ${fragment}`, timeout: 10_000 }).toContain(fragment);
  return page.url();
}

/** The text of a result row: all of it, or (`headline`) only its first text node, the number without its detail line. */
export function textOf(page: Page, testId: string, part: 'all' | 'headline' = 'all'): Promise<string> {
  const el = page.getByTestId(testId).first();
  return part === 'headline' ? el.evaluate((e) => e.firstChild?.textContent ?? '') : el.textContent().then((t) => t ?? '');
}

/** Polls until the result row shows exactly `expected` (islands re-render asynchronously), then checks it. */
export async function expectText(page: Page, testId: string, expected: string, part: 'all' | 'headline' = 'all'): Promise<void> {
  await expect.poll(() => textOf(page, testId, part), { message: testId, timeout: 10_000 }).toBe(expected);
}

export interface Restored {
  page: Page;
  /** The text of each requested result row, read once the fields hold their values. */
  results: Record<string, string>;
}

/**
 * A link restores its numbers: opens `url` in a fresh, watched context, waits until the calculator
 * owning the first field is live and every field (URL key `ns.name` → `#ns-name`) holds its value,
 * then reads the named result rows. `expected` (test id → text it must contain, or a RegExp it
 * must match) is polled until it holds; the rows are returned for further checks.
 */
export async function restores(
  open: Open,
  url: string,
  fields: Record<string, string>,
  expected: Record<string, string | RegExp> = {},
  options: { part?: 'all' | 'headline' } = {},
): Promise<Restored> {
  const page = await open(url);
  const selectors = Object.keys(fields).map((key) => `#${key.replace('.', '-')}`);
  expect(selectors.length, 'restores: name at least one field').toBeGreaterThan(0);
  await hydrate(page, selectors[0]!);
  for (const [i, value] of Object.values(fields).entries()) await waitForValue(page, selectors[i]!, value);
  const results: Record<string, string> = {};
  for (const [testId, want] of Object.entries(expected)) {
    const read = () => textOf(page, testId, options.part);
    if (typeof want === 'string') await expect.poll(read, { message: `${testId} restored from ${url}`, timeout: 10_000 }).toContain(want);
    else await expect.poll(read, { message: `${testId} restored from ${url}`, timeout: 10_000 }).toMatch(want);
    results[testId] = await read();
  }
  return { page, results };
}

/** Records what the page copies instead of touching the system clipboard (before the page loads). */
export async function captureClipboard(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const copied: string[] = [];
    (window as unknown as { __copied: string[] }).__copied = copied;
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void copied.push(t) }, configurable: true });
  });
}

/** The last text the page copied (pages opened with `{ clipboard: true }`). */
export function copied(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __copied?: string[] }).__copied?.at(-1) ?? '');
}

/** Clicks a calculator's first "Copy Markdown" button and returns what it copied. */
export async function copyMarkdown(page: Page, calculator: string): Promise<string> {
  const count = () => page.evaluate(() => (window as unknown as { __copied?: string[] }).__copied?.length ?? 0);
  const before = await count();
  await page.locator(`${calculator} button`, { hasText: 'Copy Markdown' }).first().click();
  await expect.poll(count, { message: `Copy Markdown in ${calculator} copied something` }).toBeGreaterThan(before);
  return copied(page);
}

/** The link of a copied Markdown derivation: `([derivation](…))`. */
export const linkOf = (markdown: string): string => /\(\[derivation\]\(([^)\s]+)\)\)/.exec(markdown)?.[1] ?? '';

/** SVG attributes inside `selector` that hold something other than a finite number or a path. */
export function badSvgAttributes(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll(`${sel} svg *`)) {
      for (const attr of ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'd', 'transform', 'points']) {
        const v = el.getAttribute(attr);
        if (v !== null && /NaN|Infinity/.test(v)) bad.push(`${el.tagName} ${attr}=${v}`);
      }
    }
    return bad;
  }, selector);
}

/** Text of a chart's tick labels that spill out of its SVG's box horizontally. */
export function clippedChartText(page: Page, selector: string): Promise<(string | null)[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll(`${sel} svg.chart`)].flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((t) => (t.textContent ?? '') !== '')
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return r.left < box.left - 0.5 || r.right > box.right + 0.5;
          })
          .map((t) => t.textContent);
      }),
    selector,
  );
}
