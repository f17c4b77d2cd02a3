/**
 * Benchmark over the built site (not a pass/fail test): per page in headless Chromium,
 * LCP, total blocking time, JS bytes (gzip), CLS, and for each island the time from an
 * input change to the updated result (target ≤ 16 ms). Writes bench/report.md.
 *
 * Usage: npm run build && npm run bench
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { launchBrowser } from '../test/e2e/browser';
import { measurePage } from '../test/e2e/measure';
import { builtPages } from '../test/e2e/site';
import { serve } from './serve.mjs';

const RUNS = 7;

interface IslandTiming {
  island: string;
  field: string;
  medianMs: number;
  maxMs: number;
}

async function islandTimings(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string): Promise<IslandTiming[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // tsx compiles with keepNames, which wraps functions passed to evaluate() in __name().
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto(url, { waitUntil: 'networkidle' });
  const count = await page.evaluate(() => document.querySelectorAll('astro-island').length);
  const out: IslandTiming[] = [];
  for (let i = 0; i < count; i += 1) {
    const timing = await page.evaluate(
      async ({ index, runs }) => {
        const island = document.querySelectorAll('astro-island')[index] as HTMLElement;
        (island.firstElementChild as HTMLElement | null)?.scrollIntoView();
        for (let t = 0; t < 100 && island.hasAttribute('ssr'); t += 1) await new Promise((r) => setTimeout(r, 50));
        const input = island.querySelector('input[inputmode="decimal"]') as HTMLInputElement | null;
        if (!input) return null;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const original = input.value;
        const bump = (text: string, k: number) => text.replace(/(\d)(?!.*\d)/, (d) => String((Number(d) + 1 + k) % 10));
        const samples: number[] = [];
        for (let r = 0; r < runs; r += 1) {
          const next = r % 2 === 0 ? bump(original, r) : original;
          const changed = new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              observer.disconnect();
              resolve(performance.now());
            });
            observer.observe(island, { subtree: true, childList: true, characterData: true, attributes: true });
            setTimeout(() => {
              observer.disconnect();
              resolve(Number.NaN);
            }, 2000);
          });
          const t0 = performance.now();
          setter.call(input, next);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const t1 = await changed;
          if (Number.isFinite(t1)) samples.push(t1 - t0);
          await new Promise((res) => requestAnimationFrame(() => res(null)));
        }
        samples.sort((a, b) => a - b);
        const name =
          island
            .getAttribute('component-url')
            ?.split('/')
            .pop()
            ?.replace(/\.[A-Za-z0-9_-]+\.js$/, '') ?? `island ${index}`;
        return { island: name, field: input.id, medianMs: samples[Math.floor(samples.length / 2)] ?? NaN, maxMs: samples[samples.length - 1] ?? NaN };
      },
      { index: i, runs: RUNS },
    );
    if (timing) out.push(timing);
  }
  await context.close();
  return out;
}

const { server, url: baseUrl } = await serve({ dir: process.env['OUT_DIR'] ?? 'dist', port: 0, base: process.env['SITE_BASE'] ?? '/' });
const browser = await launchBrowser();
const rows: string[] = [];
const islandRows: string[] = [];
const json: unknown[] = [];
for (const built of builtPages()) {
  const url = baseUrl + built.path;
  const m = await measurePage(browser, url);
  const timings = await islandTimings(browser, url);
  json.push({ page: built.path || '/', ...m, islandTimings: timings });
  rows.push(
    `| ${built.path || '/'} | ${m.islands} | ${(m.jsGzipBytes / 1000).toFixed(1)} | ${(m.jsRawBytes / 1000).toFixed(1)} | ${m.cls.toFixed(4)} | ${m.lcpMs === null ? '—' : m.lcpMs.toFixed(0)} | ${m.totalBlockingTimeMs.toFixed(0)} |`,
  );
  for (const t of timings) islandRows.push(`| ${built.path || '/'} | ${t.island} | \`${t.field}\` | ${t.medianMs.toFixed(2)} | ${t.maxMs.toFixed(2)} |`);
}
await browser.close();
server.close();

mkdirSync('bench', { recursive: true });
const report = [
  '# Benchmark report',
  '',
  `Measured ${new Date().toISOString()} in headless Chromium (1280×900) against the built site served locally. Budgets: JS ≤ 150 KB gzip per page once every island has hydrated (0 for pages without islands), CLS ≤ 0.02, input-to-result ≤ 16 ms.`,
  '',
  '| page | islands | JS gzip (KB) | JS raw (KB) | CLS | LCP (ms) | TBT (ms) |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
  `## Input change → updated result (median and max of ${RUNS} changes)`,
  '',
  '| page | island | field | median (ms) | max (ms) |',
  '|---|---|---|---|---|',
  ...islandRows,
  '',
].join('\n');
writeFileSync('bench/report.md', report);
writeFileSync('bench/report.json', JSON.stringify(json, null, 2));
console.log(report);
