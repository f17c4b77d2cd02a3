/**
 * Page weight and layout stability, measured in Chromium over the built site, once every island
 * has hydrated (each brought into view in turn, see hydrateAll):
 * - pages without islands ship no JavaScript file, only the language switch's inline lines (≤ 600 B gzip);
 * - every page ships at most 100 KB (gzip) of JavaScript, the playground at most 120 KB, except the
 *   pages held to their current weight and the Chinese catalogue's allowance (./budgetLimits.ts);
 * - hydrating islands shifts nothing: CLS ≤ 0.02.
 * The figures of every page are printed as one table when the file ends (`npm run bench` writes
 * them, with LCP, TBT and input latency, to bench/report.md).
 */
import { afterAll, describe } from 'vitest';
import { expect, test as it } from './fixture';
import { builtPages } from './site';
import { measurePage, type PageMeasurement } from './measure';
import { siteUrl } from './fixture';

export { JS_BUDGET_GZIP_BYTES, PLAYGROUND_JS_BUDGET_GZIP_BYTES, budgetOf } from './budgetLimits';
import { budgetOf, clsBudgetOf } from './budgetLimits';
export const CLS_BUDGET = 0.02;
/** The language switch's inline script, the only JS of a page without islands (issue 15). */
export const LANG_SCRIPT_BUDGET_GZIP_BYTES = 600;

const pages = builtPages();
const measured: { path: string; m: PageMeasurement }[] = [];

afterAll(() => {
  if (measured.length === 0) return;
  const kb = (b: number) => (b / 1000).toFixed(1);
  const rows = measured
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(({ path, m }) => `| ${path || '/'} | ${m.islands} | ${kb(m.jsGzipBytes)} | ${kb(budgetOf(path))} | ${m.cls.toFixed(4)} |`);
  console.log(['JS shipped after every island hydrated (gzip, level 9):', '', '| page | islands | JS KB | budget KB | CLS |', '|---|---|---|---|---|', ...rows].join('\n'));
});

describe('weight and layout budgets', () => {
  it.for(pages.map((p) => [p.path || '/', p] as const))('%s stays within its JS budget and CLS ≤ 0.02', async ([, built], { browser }) => {
    const m = await measurePage(browser, siteUrl(built.path));
    measured.push({ path: built.path, m });
    const hasIslands = built.html.includes('<astro-island');
    // A page without islands ships no JS file, only the language switch's few inline lines
    // (src/components/LangScript.astro: keep the anchor and state, remember the choice).
    if (!hasIslands) {
      expect(m.jsFiles, 'a page without islands ships no JS file').toEqual([]);
      expect(m.jsGzipBytes, 'a page without islands ships only the language switch script').toBeLessThanOrEqual(LANG_SCRIPT_BUDGET_GZIP_BYTES);
    }
    else expect(m.islands, 'every island was hydrated and measured').toBeGreaterThan(0);
    expect(m.jsGzipBytes, `JS gzip bytes of ${built.path || '/'}: ${m.jsFiles.map((f) => f.split('/').pop()).join(', ')}`).toBeLessThanOrEqual(budgetOf(built.path));
    expect(m.cls, `CLS of ${built.path || '/'}`).toBeLessThanOrEqual(clsBudgetOf(built.path, CLS_BUDGET));
  });
});
