/**
 * Everything checked on each built page at desktop width, on ONE load of it (pages.e2e.ts for the
 * English pages and 404.html, zh.e2e.ts for the Chinese ones). Each of these checks used to load
 * and hydrate the page on its own (four to six loads of every page); they read the same page:
 * 1. it answers 200 (404.html aside) and has a heading; the fixture fails the test on any console
 *    error, page error or request to another host during all of what follows;
 * 2. every island hydrates (one at a time as a reader scrolls) and the page stays within its JS
 *    budget (gzip, everything loaded once all islands hydrated) and shifts nothing: CLS within its
 *    budget (./budgetLimits.ts). The probes are installed before the page's first script, exactly
 *    as measure.ts's `measurePage` does on a page of its own;
 * 3. a chapter page has loaded its KaTeX fonts (served locally: an off-site request fails 1.);
 * 4. a Chinese page is still zh-CN once hydrated;
 * 5. axe (WCAG 2.1 A/AA), in the light theme with every rule and in the dark theme with the rules
 *    colours can break, on the hydrated page, so the islands' controls are checked too.
 * Steps 2–4 use soft assertions, so one failure does not hide the others.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect, hydrateAll, watchOf, type Open } from './fixture';
import { installProbes, measureLoaded, MEASURE_VIEWPORT, type PageMeasurement } from './measure';
import { budgetOf, clsBudgetOf } from './budgetLimits';
import type { BuiltPage } from './site';
import { CHAPTERS } from '../../src/core/chapters';

export const CLS_BUDGET = 0.02;
/** The language switch's inline script, the only JS of a page without islands (issue 15). */
export const LANG_SCRIPT_BUDGET_GZIP_BYTES = 600;
/** The WCAG rules the light theme is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The WCAG A/AA rules whose outcome depends on colour: the dark theme changes only colours. */
export const DARK_RULES = ['color-contrast', 'link-in-text-block'];

/** A chapter page (English or Chinese): its math is rendered at build time and uses the KaTeX fonts. */
export const isChapter = (path: string): boolean => CHAPTERS.some((c) => `${c.slug}/` === path.replace(/^zh\//, ''));

/**
 * What axe would find in the visual half of the page's KaTeX, checked directly. KaTeX writes each
 * formula twice: MathML, which assistive technology reads (axe checks it), and `.katex-html`, an
 * aria-hidden tree of spans that draws it — 80–90% of a chapter page's elements, and most of
 * axe's time. What the axe rules can find in those spans is checked here instead: no span sets a
 * colour, background or opacity of its own (so each formula has one colour), nothing in them is
 * focusable or carries an id, and each formula's colour has a contrast of at least 4.5:1 (normal
 * text) against the background behind it: the background colours up the tree composited down
 * to the nearest opaque one (a background image — the tables' scroll shadows — is left out: axe
 * leaves text over an image undecided rather than failing it).
 */
export function katexProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const [r = 0, g = 0, b = 0, a = 1] = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    /** The opaque colour behind `el`: its ancestors' background colours composited from the page's white up. */
    const background = (el: Element): number[] => {
      const layers: [number, number, number, number][] = [];
      for (let a: Element | null = el; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        const c = rgba(style.backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let out = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0]! * (1 - a), g * a + out[1]! * (1 - a), b * a + out[2]! * (1 - a)];
      return out;
    };
    const problems: string[] = [];
    const name = (k: Element) => (k.textContent ?? '').replace(/\s+/g, ' ').slice(0, 40);
    for (const k of document.querySelectorAll('.katex')) {
      const html = k.querySelector('.katex-html');
      if (!html || html.getBoundingClientRect().width === 0) continue; // folded away: axe skips hidden text too
      const colour = getComputedStyle(k).color;
      for (const el of [html, ...html.querySelectorAll('*')]) {
        const style = getComputedStyle(el);
        if (style.color !== colour) problems.push(`${name(k)}: a span coloured ${style.color}, not ${colour}`);
        if (rgba(style.backgroundColor)[3] > 0 || style.backgroundImage !== 'none') problems.push(`${name(k)}: a span with a background`);
        if (style.opacity !== '1') problems.push(`${name(k)}: a span with opacity ${style.opacity}`);
        if (el.id !== '' || el.matches('a, button, input, select, textarea, [tabindex], [contenteditable]'))
          problems.push(`${name(k)}: an id or focusable element`);
      }
      const bg = background(k);
      const [l1, l2] = [luminance(rgba(colour)), luminance(bg)].sort((x, y) => y - x) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5) problems.push(`${name(k)}: contrast ${ratio.toFixed(2)}:1 (${colour} on rgb(${bg.map(Math.round).join(', ')}))`);
    }
    return [...new Set(problems)];
  });
}

/**
 * axe's violations of `page` in its current colour scheme. axe-core is injected into the document
 * once (a 550 KB script: @axe-core/playwright evaluated it twice per run) and run in the page
 * itself, returning only violations (`resultTypes`), which is all the test reads: the rules run on
 * every node either way. KaTeX's aria-hidden drawing spans are checked by `katexProblems` and set
 * aside while axe runs (put back, the same nodes, after). `include`: only the part of the page
 * under this selector (a figure, a calculator).
 */
export async function axeViolations(page: Page, theme: 'light' | 'dark', include?: string): Promise<string[]> {
  const katex = (await katexProblems(page)).map((p) => `katex: ${p}`);
  const runOnly = theme === 'light' ? { type: 'tag' as const, values: AXE_TAGS } : { type: 'rule' as const, values: DARK_RULES };
  await page.evaluate(() => {
    const w = window as unknown as { __katexAside?: [Element, Element][] };
    w.__katexAside = [...document.querySelectorAll('.katex-html')].map((el) => {
      const stand = document.createElement('span');
      el.replaceWith(stand);
      return [el, stand];
    });
  });
  try {
    if (!(await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function'))) await page.evaluate(axe.source);
    const options: axe.RunOptions = { runOnly, resultTypes: ['violations'] };
    const violations = await page.evaluate(
      async ({ include, options }) => {
        const run = (window as unknown as { axe: typeof axe }).axe.run(include === null ? document : { include: [include] }, options);
        return (await run).violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      },
      { include: include ?? null, options },
    );
    return [...katex, ...violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]})`)];
  } finally {
    await page.evaluate(() => {
      const w = window as unknown as { __katexAside?: [Element, Element][] };
      for (const [el, stand] of w.__katexAside ?? []) stand.replaceWith(el);
      delete w.__katexAside;
    });
  }
}

/** Budgets of a measured page (soft: the remaining checks still run). */
export function expectWithinBudgets(built: BuiltPage, m: PageMeasurement): void {
  const name = built.path || '/';
  // A page without islands ships no JS file, only the language switch's few inline lines
  // (src/components/LangScript.astro: keep the anchor and state, remember the choice).
  if (!built.html.includes('<astro-island')) {
    expect.soft(m.jsFiles, `${name}: a page without islands ships no JS file`).toEqual([]);
    expect.soft(m.jsGzipBytes, `${name}: a page without islands ships only the language switch script`).toBeLessThanOrEqual(LANG_SCRIPT_BUDGET_GZIP_BYTES);
  } else expect.soft(m.islands, `${name}: every island was hydrated and measured`).toBeGreaterThan(0);
  expect.soft(m.jsGzipBytes, `JS gzip bytes of ${name}: ${m.jsFiles.map((f) => f.split('/').pop()).join(', ')}`).toBeLessThanOrEqual(budgetOf(built.path));
  expect.soft(m.cls, `CLS of ${name}`).toBeLessThanOrEqual(clsBudgetOf(built.path, CLS_BUDGET));
}

/** What `checkPage` measured, per page, for the table printed when the file ends. */
export const measured: { path: string; m: PageMeasurement }[] = [];

/** The JS/CLS table of the pages measured in this file. */
export function budgetTable(): string {
  const kb = (b: number) => (b / 1000).toFixed(1);
  const rows = [...measured]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(({ path, m }) => `| ${path || '/'} | ${m.islands} | ${kb(m.jsGzipBytes)} | ${kb(budgetOf(path))} | ${m.cls.toFixed(4)} |`);
  return ['JS shipped after every island hydrated (gzip, level 9):', '', '| page | islands | JS KB | budget KB | CLS |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

/**
 * Loads `built` once and runs the checks above on it; returns the page (in the dark theme) for
 * the checks a visit runs next on the same load. `only: 'render'` (the base-path build)
 * runs 1., the hydration of 2. and 3.–4.: what a base path can break (a URL missing the base is a
 * request that fails or a console error); budgets and axe do not depend on the base.
 */
export async function checkPage(open: Open, built: BuiltPage, options: { only?: 'render' } = {}): Promise<Page> {
  const name = built.path || '/';
  let network: Awaited<ReturnType<typeof installProbes>> | undefined;
  const page = await open(built.path, {
    colorScheme: 'light',
    viewport: MEASURE_VIEWPORT,
    beforeGoto: async (p) => {
      network = await installProbes(p);
    },
  });
  // 1.
  if (built.path !== '404.html') expect(watchOf(page).response?.status(), `${name}: HTTP status`).toBe(200);
  await expect(page.locator('h1').first().textContent(), `${name}: a heading`).resolves.toBeTruthy();
  // 2.
  if (options.only === 'render') await hydrateAll(page);
  else {
    const m = await measureLoaded(page, network!);
    measured.push({ path: built.path, m });
    expectWithinBudgets(built, m);
  }
  // 3.
  if (isChapter(built.path)) {
    expect(built.html, `${name}: math rendered at build time`).toContain('class="katex"');
    expect(built.html, `${name}: no KaTeX error`).not.toMatch(/class="katex-error"/);
    const fontsLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').length;
    });
    expect.soft(fontsLoaded, `${name}: KaTeX fonts loaded`).toBeGreaterThan(0);
  }
  // 4.
  if (built.path.startsWith('zh/')) expect.soft(await page.getAttribute('html', 'lang'), `${name}: lang once hydrated`).toBe('zh-CN');
  if (options.only === 'render') return page;
  // 5. The themes are pure CSS (prefers-color-scheme): switching the emulated scheme re-styles the
  // same hydrated page exactly as a dark-mode browser would load it.
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(theme === 'dark');
    expect.soft(await axeViolations(page, theme), `${name} in the ${theme} theme`).toEqual([]);
  }
  return page;
}
