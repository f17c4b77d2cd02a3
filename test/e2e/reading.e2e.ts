/**
 * Reading the course as a new reader does (issue 13): a phone shows the chapter's title in its
 * first screen with the chapter list behind a menu; a wide screen uses its width (a wider measure
 * for cards and tables, "On this page" beside the text); the tables show their point at 1366 px;
 * search finds the same pages however "KV cache" is spelled and ranks the latency chapter first
 * for "time to first token"; static citations copy an absolute link. Every check is a measurement.
 */
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { expect, hydrate, siteUrl, test as it } from './fixture';
import { builtPages, idsIn } from './site';
import { CHAPTERS } from '../../src/core/chapters';

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1366, height: 900 };
const pages = builtPages();
const chapterPages = pages.filter((p) => CHAPTERS.some((c) => `${c.slug}/` === p.path));

// The first screen and the menu of every chapter at 390 px: phones.e2e.ts, on its one load per page.
describe('phones (390×844)', () => {
  it('the folded "On this page" list opens under the title and its links jump to their sections', async ({ open }) => {
    const page = await open('memory/', { viewport: PHONE });
    const inline = page.locator('details.toc-inline');
    await expect(inline.isVisible()).resolves.toBe(true);
    await expect(page.locator('.toc-aside').isVisible()).resolves.toBe(false);
    await inline.locator('summary').click();
    const link = inline.locator('a').nth(2);
    const target = (await link.getAttribute('href'))!;
    await link.click();
    await expect
      .poll(() => page.evaluate((id) => Math.round(document.getElementById(id.slice(1))!.getBoundingClientRect().top), target))
      .toBeLessThanOrEqual(120);
  });

  it('a wide table scrolls inside its own box and shows a shadow on the side with more columns', async ({ open }) => {
    const page = await open('gpu-peak/', { viewport: PHONE });
    await hydrate(page, '[data-testid="cmp-table"]');
    // The box that scrolls: the table itself on phones (display: block), else its wrapper.
    const box = await page.locator('[data-testid="cmp-table"]').evaluate((t) => {
      const scroller = [t, t.parentElement!].find((el) => el.scrollWidth > el.clientWidth) ?? t;
      return { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth, background: getComputedStyle(scroller).backgroundImage };
    });
    expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
    expect(box.background).toContain('radial-gradient');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('/models/ is one card per model: every value labelled, nothing wider than the screen', async ({ open }) => {
    const page = await open('models/', { viewport: PHONE });
    const cards = await page.locator('#models-table tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({
        right: r.getBoundingClientRect().right,
        labels: [...r.querySelectorAll('td')].filter((td) => getComputedStyle(td, '::before').content.length > 2).length,
        cells: r.querySelectorAll('td').length,
      })),
    );
    expect(cards.length).toBeGreaterThan(10);
    for (const c of cards) {
      expect(c.right).toBeLessThanOrEqual(PHONE.width);
      expect(c.labels).toBe(c.cells);
    }
  });
});

describe('home page', () => {
  it.for([PHONE, WIDE])('"Start the course" is in the first screen at %o and opens chapter 1', async (viewport, { open }) => {
    const page = await open('', { viewport });
    const cta = page.locator('a.cta');
    const bottom = await cta.evaluate((a) => a.getBoundingClientRect().bottom);
    expect(bottom).toBeLessThanOrEqual(viewport.height);
    await cta.click();
    await page.waitForURL(/\/tensors\/$/);
  });
});

describe('wide screens (1366×900)', () => {
  it.for(['light', 'dark'] as const)(
    'a chapter (%s): prose at its measure, cards at the wide one, "On this page" sticky beside them',
    async (colorScheme, { open }) => {
      const page = await open('memory/', { viewport: WIDE, colorScheme });
      const m = await page.evaluate(() => {
        const rect = (el: Element | null) => {
          const r = el!.getBoundingClientRect();
          return { left: r.left, right: r.right, width: r.width };
        };
        return {
          prose: rect(document.querySelector('.prose > p:not(.lede):not(.page-meta)')),
          card: rect(document.querySelector('.prose > .derivation')),
          toc: rect(document.querySelector('.toc-aside')),
          inlineShown: getComputedStyle(document.querySelector('details.toc-inline')!).display !== 'none',
        };
      });
      expect(m.inlineShown).toBe(false);
      // Derivation cards use at least 900 px of a 1366 px screen; prose keeps a readable 600–760 px.
      expect(m.card.width).toBeGreaterThanOrEqual(900);
      expect(m.prose.width).toBeGreaterThanOrEqual(600);
      expect(m.prose.width).toBeLessThanOrEqual(760);
      // The list sits right of the cards, inside the screen, and less than 300 px of empty screen lies beside the prose… to the list.
      expect(m.toc.left).toBeGreaterThan(m.card.right);
      expect(m.toc.right).toBeLessThanOrEqual(WIDE.width);
      expect(m.toc.left - m.prose.right).toBeLessThan(300 + 32 + 1);
      // Sticky: still in view after scrolling far down.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      const top = await page.locator('.toc-aside').evaluate((t) => t.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(120);
    },
  );

  it('/models/: every column header lies inside the viewport and the table does not scroll sideways', async ({ open }) => {
    const page = await open('models/', { viewport: WIDE });
    await hydrate(page, '#models-table');
    const m = await page.evaluate(() => {
      const table = document.querySelector('#models-table')!;
      const scroller = table.closest('.table-scroll')!;
      const heads = [...table.querySelectorAll('thead th')].map((th) => ({ text: th.textContent!.trim(), right: th.getBoundingClientRect().right }));
      return { heads, scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth };
    });
    expect(m.heads.map((h) => h.text)).toEqual(expect.arrayContaining(['Exact', 'Official', 'Match', 'Error', 'KV/token', 'Ledger']));
    for (const h of m.heads) expect(h.right, h.text).toBeLessThanOrEqual(WIDE.width);
    expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth);
  });

  it('/gpu-peak/: the GPU reference table shows Memory, Bandwidth, Interconnect and Ridge, and its caption is whole', async ({ open }) => {
    const page = await open('gpu-peak/', { viewport: WIDE });
    await hydrate(page, '[data-testid="cmp-table"]');
    const m = await page.locator('[data-testid="cmp-table"]').evaluate((t) => {
      const box = t.parentElement!.getBoundingClientRect();
      const caption = t.querySelector('caption')!;
      return {
        boxRight: box.right,
        heads: [...t.querySelectorAll('thead th')].map((th) => ({ text: th.textContent!.trim(), right: th.getBoundingClientRect().right })),
        caption: { scrollWidth: caption.scrollWidth, clientWidth: caption.clientWidth, right: caption.getBoundingClientRect().right },
      };
    });
    for (const name of ['Memory', 'Bandwidth', 'Interconnect', 'Ridge']) {
      const h = m.heads.find((x) => x.text.startsWith(name));
      expect(h, name).toBeDefined();
      expect(h!.right, name).toBeLessThanOrEqual(m.boxRight + 1);
    }
    expect(m.caption.scrollWidth).toBeLessThanOrEqual(m.caption.clientWidth);
    expect(m.caption.right).toBeLessThanOrEqual(m.boxRight + 1);
  });
});

describe('"On this page"', () => {
  const withToc = pages.filter((p) => p.html.includes('class="toc toc-aside"'));
  it('every chapter has one, and every entry links to an id on its page', () => {
    for (const c of chapterPages) expect(c.html, c.path).toContain('class="toc toc-aside"');
    expect(withToc.length).toBeGreaterThanOrEqual(chapterPages.length);
    for (const p of withToc) {
      const ids = idsIn(p.html);
      const aside = p.html.slice(p.html.indexOf('class="toc toc-aside"'));
      const targets = [...aside.slice(0, aside.indexOf('</nav>')).matchAll(/href="#([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
      expect(targets.length, p.path).toBeGreaterThanOrEqual(3);
      for (const t of targets) expect(ids.has(t), `${p.path}#${t}`).toBe(true);
    }
  });
});

/** The search page's results for a query: each result's page path and its section links. */
async function search(page: Page, query: string): Promise<{ path: string; sections: string[]; excerpt: string }[]> {
  await page.goto(siteUrl(`search/?q=${encodeURIComponent(query)}`));
  await page.waitForFunction(() => / found\.$/.test(document.getElementById('search-status')?.textContent ?? ''), undefined, { timeout: 20_000 });
  return page.$$eval('.search-results > li', (items) =>
    items.map((li) => ({
      path: new URL(li.querySelector('a')!.href).pathname,
      sections: [...li.querySelectorAll('ul a')].map((a) => (a as HTMLAnchorElement).href),
      excerpt: li.querySelector('p')?.textContent ?? '',
    })),
  );
}

/** Results of the English edition (the Chinese one has its own index once its pages say lang="zh"). */
const english = <T extends { path: string }>(results: T[]) => results.filter((r) => !/\/zh\//.test(r.path));

describe('search (Pagefind over the built site)', () => {
  it('"kv-cache", "KV cache" and "kv cache" find the same pages, in the same order', async ({ open }) => {
    const page = await open('search/');
    const a = await search(page, 'kv-cache');
    const b = await search(page, 'KV cache');
    const c = await search(page, 'kv cache');
    expect(a.length).toBeGreaterThanOrEqual(5);
    expect(b.map((r) => r.path)).toEqual(a.map((r) => r.path));
    expect(c.map((r) => r.path)).toEqual(a.map((r) => r.path));
    // The memory chapter, where the KV cache is derived, is among the first results, with a section link.
    const memory = english(a).findIndex((r) => r.path.endsWith('/memory/'));
    expect(memory).toBeGreaterThanOrEqual(0);
    expect(memory).toBeLessThan(3);
  });

  it.for(['time to first token', 'TTFT'])('"%s" ranks the latency chapter first, landing on its prefill section', async (query, { open }) => {
    const page = await open('search/');
    const results = english(await search(page, query));
    expect(results[0]?.path).toMatch(/\/mfu-and-latency\/$/);
    expect(results[0]?.sections[0]).toMatch(/#prefill-latency$/);
  });

  it('"inter-token latency" finds the decode step (TPOT) of the latency chapter', async ({ open }) => {
    const page = await open('search/');
    const results = english(await search(page, 'inter-token latency'));
    expect(results[0]?.path).toMatch(/\/mfu-and-latency\/$/);
    expect(results[0]?.sections).toEqual(expect.arrayContaining([expect.stringMatching(/#decode-latency$/)]));
  });

  it('excerpts hold prose, never button text or a formula written three times', async ({ open }) => {
    const page = await open('search/');
    for (const q of ['kv cache', 'arithmetic intensity', 'free memory', 'copy markdown']) {
      for (const r of await search(page, q)) {
        expect(r.excerpt, `${q}: ${r.path}`).not.toMatch(/Copy (LaTeX|Markdown|link)/);
        // KaTeX's three renderings side by side read "M_{\text{KV}}…MKV…": TeX source never reaches an excerpt.
        expect(r.excerpt, `${q}: ${r.path}`).not.toMatch(/\\text\{|\\frac|_\{/);
      }
    }
  });
});

describe('static "Cite this derivation" blocks', () => {
  it('on a page with calculators: Copy buttons, and the Markdown link made absolute with this page’s origin', async ({ open }) => {
    const page = await open('tensors/', { clipboard: true });
    const cite = page.locator('.derivation details.cite').first();
    await cite.locator('summary').click();
    const button = cite.locator('button', { hasText: 'Copy Markdown' });
    await expect(button.isVisible()).resolves.toBe(true);
    await button.click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __copied?: string[] }).__copied?.at(-1) ?? '')).toContain('](');
    const copied = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1)!);
    const link = /\]\(([^)]+)\)/.exec(copied)![1]!;
    expect(link).not.toContain('.example');
    expect(new URL(link).origin).toBe(new URL(page.url()).origin);
    expect(new URL(link).pathname).toMatch(/\/tensors\/$/);
  });

  it('no built page names a placeholder host', () => {
    for (const p of pages) expect(p.html, p.path).not.toContain('.example/');
  });
});
