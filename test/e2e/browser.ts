/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (no browser download), and what every test does with a page: wait for islands to hydrate,
 * wait for the network to go quiet. Tests use these through ./fixture.ts, which also watches
 * each page for console errors and requests to another host; scripts/bench.ts uses them directly.
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

/**
 * Brings every island into view and waits until each has hydrated — its `astro-island` has lost
 * its `ssr` attribute and, for a calculator, the section says `data-live="true"`. Returns the
 * number of islands.
 *
 * By default the islands are visited in one pass inside the page: each is scrolled into view and
 * the pass moves on as soon as the browser has seen it in the viewport (an IntersectionObserver
 * created after Astro's reports it intersecting; observers are notified in the order they were
 * created, so Astro's client:visible observer has fired and its hydration has started), then it
 * waits until all have hydrated. Every island is seen in the viewport exactly as when scrolling
 * to each in turn (scrolling past islands in a few milliseconds without this wait can leave one
 * that never intersected, so it never hydrates), but their hydrations overlap instead of costing
 * two round trips and a full hydration each.
 * `oneAtATime`: wait for each island to hydrate before scrolling to the next, as a reader would
 * (measurements: a layout shift an island causes when it hydrates happens while it is in view).
 */
export async function hydrateAll(page: Page, options: { timeout?: number; oneAtATime?: boolean } = {}): Promise<number> {
  if (options.oneAtATime) {
    const count = await page.locator('astro-island').count();
    for (let i = 0; i < count; i++) await hydrateIsland(page, i, options.timeout);
    return count;
  }
  const timeout = options.timeout ?? 15_000;
  const unseen = await page.evaluate(async (timeout) => {
    const missed: number[] = [];
    const islands = [...document.querySelectorAll('astro-island')];
    for (const [i, island] of islands.entries()) {
      if (!island.hasAttribute('ssr')) continue;
      // astro-island is display: contents: Astro observes its children; scroll its first child into view.
      const targets = island.children.length > 0 ? [...island.children] : [island];
      (targets[0] as Element).scrollIntoView({ block: 'center' });
      const seen = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          io.disconnect();
          resolve(false);
        }, timeout);
        const io = new IntersectionObserver((entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          clearTimeout(timer);
          io.disconnect();
          resolve(true);
        });
        for (const t of targets) io.observe(t);
      });
      if (!seen) missed.push(i);
    }
    return missed;
  }, timeout);
  if (unseen.length > 0) throw new Error(`hydrateAll: islands ${unseen.join(', ')} never came into view within ${timeout} ms`);
  const count = await page.locator('astro-island').count();
  try {
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('astro-island')].every(
          (island) => !island.hasAttribute('ssr') && [...island.querySelectorAll('section.calculator')].every((c) => c.getAttribute('data-live') === 'true'),
        ),
      undefined,
      // Each island had `timeout` to hydrate when visited one at a time; here they hydrate together.
      { timeout: timeout + 2_000 * count },
    );
  } catch (e) {
    const stuck = await page.evaluate(() =>
      [...document.querySelectorAll('astro-island')]
        .map((island, i) => ({ i, ssr: island.hasAttribute('ssr'), dead: [...island.querySelectorAll('section.calculator')].filter((c) => c.getAttribute('data-live') !== 'true').map((c) => c.id) }))
        .filter((x) => x.ssr || x.dead.length > 0)
        .map((x) => `island ${x.i}${x.ssr ? ' not hydrated' : ` calculators not live: ${x.dead.join(' ')}`}`),
    );
    throw new Error(`hydrateAll: ${stuck.join('; ')} (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
  return count;
}

async function hydrateIsland(page: Page, index: number, timeout = 15_000): Promise<void> {
  await page.evaluate((i) => {
    const island = document.querySelectorAll('astro-island')[i];
    // astro-island is display: contents: scroll its first child into view.
    if (island && island.hasAttribute('ssr')) (island.firstElementChild ?? island).scrollIntoView({ block: 'center' });
  }, index);
  await page.waitForFunction(
    (i) => {
      const island = document.querySelectorAll('astro-island')[i];
      if (!island) return true;
      if (island.hasAttribute('ssr')) return false;
      const calculators = island.querySelectorAll('section.calculator');
      return [...calculators].every((c) => c.getAttribute('data-live') === 'true');
    },
    index,
    { timeout },
  );
}

/**
 * Scrolls the island holding `selector` into view and waits until it has hydrated (and its
 * calculator is live). For one calculator of a page; `hydrateAll` for all of them.
 */
export async function hydrate(page: Page, selector: string, timeout = 15_000): Promise<void> {
  const index = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const host = el?.closest('astro-island');
    return host ? [...document.querySelectorAll('astro-island')].indexOf(host) : -1;
  }, selector);
  if (index >= 0) {
    await hydrateIsland(page, index, timeout);
  } else {
    // Not inside an island (a static page element): it only has to exist.
    await page.locator(selector).first().waitFor({ state: 'attached', timeout });
  }
}


/**
 * Counts the page's requests in flight from now on; `quiet()` resolves once none has been in
 * flight for `quietMs` (Playwright's networkidle waits a fixed 500 ms after the load event).
 */
export function networkQuiet(page: Page): { quiet: (quietMs?: number, timeout?: number) => Promise<void> } {
  let inFlight = 0;
  let last = Date.now();
  page.on('request', () => {
    inFlight += 1;
    last = Date.now();
  });
  const done = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    quiet: async (quietMs = 150, timeout = 10_000) => {
      const until = Date.now() + timeout;
      while (Date.now() < until) {
        if (inFlight === 0 && Date.now() - last >= quietMs) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`the network did not go quiet within ${timeout} ms (${inFlight} requests in flight)`);
    },
  };
}
