/**
 * The course figures (issue 13), checked on a page a visit already loaded: present, named for
 * assistive technology (in the page's language), no text below 11 px, nothing wider than its box,
 * no two labels on top of each other; at a phone's width, no axe violation on the figure in
 * either theme. Run by the per-page visits: at a laptop's width on the desktop load of
 * pages.e2e.ts and zh.e2e.ts (whose axe covers the wide layout, the only one shown there, on the
 * whole page), at 390 px on the phone load of phones.e2e.ts (where the narrow layout is the one
 * shown, so axe runs on the figure there).
 */
import type { Page } from 'playwright-core';
import { expect } from './fixture';
import { axeViolations } from './pageChecks';

export const FIGURE_PAGES = [
  { path: 'gpu-peak/', id: 'fig-roofline' },
  { path: 'anatomy/', id: 'fig-decoder-block' },
  { path: 'attention-ffn/', id: 'fig-multi-head' },
  { path: 'parallelism/', id: 'fig-parallel-splits' },
  { path: 'variants/', id: 'fig-kv-layouts' },
] as const;
/** Each figure on its English page and on its Chinese twin, with how its caption starts. */
export const FIGURES = FIGURE_PAGES.flatMap(({ path, id }) => [
  { path, id, caption: 'Figure:' },
  { path: `zh/${path}`, id, caption: '图：' },
]);
const THEMES = ['light', 'dark'] as const;
/** Smallest rendered text, CSS px. */
const MIN_TEXT_PX = 11;

interface Measured {
  visibleSvgs: number;
  variant: string | null;
  role: string | null;
  title: string;
  desc: string;
  caption: string;
  texts: number;
  smallest: number;
  tooSmall: string[];
  outside: string[];
  overlaps: string[];
  figureOverflow: number;
  pageOverflow: number;
}

/** Measures one figure in the page as rendered. */
function measure(page: Page, id: string): Promise<Measured> {
  return page.evaluate(
    ({ id, min }) => {
      const fig = document.getElementById(id)!;
      const svgs = [...fig.querySelectorAll('svg')].filter(
        (s) =>
          getComputedStyle(s).display !== 'none' &&
          s.getBoundingClientRect().width > 0 &&
          s.closest('[class^="fig-"]') &&
          getComputedStyle(s.closest('[class^="fig-"]')!).display !== 'none',
      );
      const svg = svgs[0]!;
      const box = svg.getBoundingClientRect();
      const scale = box.width / svg.viewBox.baseVal.width;
      const text = (ref: string | null) =>
        ref
          ? ref
              .split(/\s+/)
              .map((r) => document.getElementById(r)?.textContent ?? '')
              .join(' ')
              .trim()
          : '';
      let smallest = Infinity;
      const tooSmall: string[] = [];
      const outside: string[] = [];
      const els = [...svg.querySelectorAll('text, tspan')] as SVGGraphicsElement[];
      const labels: { text: string; r: DOMRect }[] = [];
      for (const el of els) {
        if (!el.textContent?.trim()) continue;
        const px = parseFloat(getComputedStyle(el).fontSize) * scale;
        smallest = Math.min(smallest, px);
        if (px < min - 0.01) tooSmall.push(`${el.textContent.trim()} (${px.toFixed(2)} px)`);
        if (el.tagName === 'text') {
          const r = el.getBoundingClientRect();
          labels.push({ text: el.textContent.trim(), r });
          if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
            outside.push(`${el.textContent.trim()} [${Math.round(r.left - box.left)}…${Math.round(r.right - box.left)} of ${Math.round(box.width)}]`);
          }
        }
      }
      // Two labels overlap when their boxes share more than a sliver (glyph boxes touch at line spacing).
      const overlaps: string[] = [];
      for (const [i, a] of labels.entries()) {
        for (const b of labels.slice(i + 1)) {
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (w > 1 && h > 3) overlaps.push(`${a.text} ⨯ ${b.text}`);
        }
      }
      const figBox = fig.getBoundingClientRect();
      const main = fig.closest('article') ?? document.body;
      return {
        visibleSvgs: svgs.length,
        variant: svg.closest('.fig-wide') ? 'wide' : svg.closest('.fig-narrow') ? 'narrow' : null,
        role: svg.getAttribute('role'),
        title: text(svg.getAttribute('aria-labelledby')),
        desc: text(svg.getAttribute('aria-describedby')),
        caption: fig.querySelector('figcaption')?.textContent?.trim() ?? '',
        texts: els.length,
        smallest,
        tooSmall,
        outside,
        overlaps,
        figureOverflow: Math.max(fig.scrollWidth - fig.clientWidth, box.right - figBox.right, figBox.right - main.getBoundingClientRect().right),
        pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    },
    { id, min: MIN_TEXT_PX },
  );
}

/** The figure `built` (a page path) holds, if any. */
export const figureOn = (path: string): (typeof FIGURES)[number] | undefined => FIGURES.find((f) => f.path === path);

/**
 * Checks figure `fig` on `page` as currently laid out; `variant` is the layout that must show
 * ('narrow' below a 600 px figure, else 'wide'). With `axe`, every WCAG A/AA rule on the figure
 * in both themes, on this load (geometry does not depend on the theme: the themes change only
 * colours). Leaves the page in the light theme.
 */
export async function checkFigure(page: Page, fig: (typeof FIGURES)[number], variant: 'narrow' | 'wide', options: { axe?: boolean } = {}): Promise<void> {
  const { path, id, caption } = fig;
  const figure = page.locator(`#${id}`);
  expect(await figure.count(), `${path}#${id}`).toBe(1);
  await figure.scrollIntoViewIfNeeded();

  const m = await measure(page, id);
  const where = `${path}#${id} (${variant})`;
  expect(m.visibleSvgs, `${where}: exactly one of the two layouts is shown`).toBe(1);
  expect(m.variant, where).toBe(variant);
  expect(m.role, where).toBe('img');
  expect(m.title.length, where).toBeGreaterThan(20);
  expect(m.desc, where).toMatch(/\d/);
  expect(m.caption.startsWith(caption), m.caption).toBe(true);
  expect(m.texts, where).toBeGreaterThan(5);
  expect(m.tooSmall, `${where}: smallest text ${m.smallest.toFixed(2)} px`).toEqual([]);
  expect(m.outside, `${where}: text outside its SVG`).toEqual([]);
  expect(m.overlaps, `${where}: labels on top of each other`).toEqual([]);
  expect(m.figureOverflow, where).toBeLessThanOrEqual(1);
  expect(m.pageOverflow, where).toBeLessThanOrEqual(0);

  // What assistive technology meets: a figure named by its caption, holding one image named by its title.
  const snapshot = await figure.ariaSnapshot();
  expect(snapshot.startsWith(`- figure "${caption}`) || snapshot.startsWith(`- 'figure "${caption}`), snapshot.slice(0, 80)).toBe(true);
  expect(snapshot.match(/- img "[^"]{20,}"/g) ?? [], `${where}: the hidden layout is not exposed`).toHaveLength(1);

  if (!options.axe) return;
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(theme === 'dark');
    // Every WCAG A/AA rule in both themes, on the figure alone.
    expect(await axeViolations(page, 'light', `#${id}`), `${where} in the ${theme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
}
