/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (no browser download). Records console errors and any request to another host.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  offsiteRequests: string[];
}

/** A fresh page that records console errors, page errors and requests leaving the site's host. */
export async function openPage(browser: Browser, siteUrl: string, opts: { colorScheme?: 'light' | 'dark' } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ colorScheme: opts.colorScheme ?? 'light' });
  const page = await context.newPage();
  const host = new URL(siteUrl).host;
  const consoleErrors: string[] = [];
  const offsiteRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') consoleErrors.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== host) offsiteRequests.push(req.url());
  });
  return { page, consoleErrors, offsiteRequests };
}

/** Scrolls an island into view and waits until it has hydrated. */
export async function hydrate(page: Page, selector: string): Promise<void> {
  const island = page.locator(selector).first();
  await island.scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    const host = el?.closest('astro-island');
    return !!el && (!host || !host.hasAttribute('ssr'));
  }, selector);
}
