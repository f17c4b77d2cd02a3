import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hydrate, launchBrowser, openPage } from './browser';
import { builtPages } from './site';
import { main } from '../../src/cli';
import { CASE_IDS } from '../../src/core/cases/types';
import { CASE_UIS, answerValue, formatAnswer } from '../../src/components/state/cases';

/** Waits until the element with this test id shows `expected` (islands re-render asynchronously), then checks it. */
async function expectText(p: Page, testId: string, expected: string): Promise<void> {
  await p
    .waitForFunction(([id, exp]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === exp, [testId, expected] as const, { timeout: 10000 })
    .catch(() => undefined);
  await expect(p.getByTestId(testId).textContent()).resolves.toBe(expected);
}

const baseUrl = inject('baseUrl');
const page = builtPages().find((p) => p.path === 'cases/');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** `npm run --silent cli -- case <id> --json`, run in-process through the CLI's main(). */
function cli(id: string): Record<string, unknown> {
  let stdout = '';
  let stderr = '';
  const code = main(['case', id, '--json'], (s) => (stdout += s), (s) => (stderr += s));
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

function unescape(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The static CaseView of one case in the built page. */
function caseBlock(id: string): string {
  const html = page!.html;
  const start = html.indexOf(`data-case="${id}"`);
  expect(start, `CaseView for ${id}`).toBeGreaterThan(-1);
  const next = html.indexOf('data-case="', start + 1);
  return html.slice(start, next === -1 ? undefined : next);
}

describe('cases page: the numbers are the CLI’s', () => {
  it('the cases page is built', () => {
    expect(page).toBeDefined();
  });

  it.each(CASE_IDS.map((id) => [id]))('%s: question, every answer, every step and the verdict equal `cli case <id> --json`', (id) => {
    const json = cli(id);
    const block = caseBlock(id);
    const question = /data-question[^>]*>([\s\S]*?)<\/blockquote>/.exec(block)?.[1] ?? '';
    expect(unescape(question)).toBe(json['question']);
    const answers = new Map([...block.matchAll(/data-answer="([^"]+)" data-value="([^"]*)"[^>]*>([\s\S]*?)<\/dd>/g)].map((m) => [m[1], { value: m[2], text: unescape(m[3] ?? '') }]));
    for (const row of CASE_UIS[id].answers) {
      const expected = answerValue(json['answer'] as object, row.path);
      const shown = answers.get(row.path);
      expect(shown, `${id} ${row.path}`).toBeDefined();
      if (typeof expected === 'number') expect(Number(shown!.value), `${id} ${row.path}`).toBe(expected);
      else expect(shown!.value, `${id} ${row.path}`).toBe(String(expected));
      const f = formatAnswer(expected, row.format);
      expect(shown!.text, `${id} ${row.path}`).toBe(f.exact ? `${f.text}${f.exact}` : f.text);
    }
    const steps = json['steps'] as { id: string; value: number; formatted: string }[];
    const shownSteps = [...block.matchAll(/<li class="derivation"[^>]*data-formula="([^"]+)" data-value="([^"]*)"/g)].map((m) => ({ id: m[1], value: Number(m[2]) }));
    expect(shownSteps).toEqual(steps.map((s) => ({ id: s.id, value: s.value })));
    for (const s of steps) expect(block).toContain(s.formatted);
    const verdict = /data-verdict[^>]*>([\s\S]*?)<\/p>/.exec(block)?.[1] ?? '';
    expect(unescape(verdict)).toBe(`Verdict. ${json['verdict']}`);
    expect(block).toContain('class="katex"');
  });
});

describe('cases page in the browser', () => {
  it('renders with no console error, and each case calculator responds and restores from its URL', async () => {
    const { page: p, consoleErrors } = await openPage(browser, baseUrl);
    await p.goto(`${baseUrl}cases/`, { waitUntil: 'networkidle' });
    await expect(p.locator('h1').first().textContent()).resolves.toContain('Four worked questions');
    expect(await p.locator('.katex-error').count()).toBe(0);

    // Llama 3 70B: 6·70e9·15e12 / (4e6·3600·989e12) = 0.4424 → "44.2%".
    await hydrate(p, '#mfu-gpuHours');
    await expectText(p, 'mfu-mfu', '27.6%');
    await p.fill('#mfu-gpuHours', '4M');
    await expectText(p, 'mfu-mfu', '44.2%');

    // Llama 2 13B: 2·32000·5120 + 40·(4·5120² + 3·5120·13824 + 2·5120) + 5120 = 13,015,864,320.
    await hydrate(p, '#p7-model');
    await p.selectOption('#p7-model', 'llama-2-13b');
    await expectText(p, 'p7-params', '13,015,864,320');

    // One 4,000-token prompt: 4000·(2·68,976,648,192 + 4·80·8192·4000) / (8·312e12·0.5) = 0.476 s.
    await hydrate(p, '#ttft-requests');
    await p.fill('#ttft-requests', '1');
    await expectText(p, 'ttft-secondsAtMfu', '476 ms');
    await expectText(p, 'ttft-reasonable', 'yes');

    // 80e9-byte reading: (144e9 − 137,953,296,384 − 819,200,000) / 1,310,720,000 = 3.99 → 3.
    await hydrate(p, '#conc-memoryReading');
    await p.selectOption('#conc-memoryReading', 'GB');
    await expectText(p, 'conc-maxConcurrency', '3');

    const link = p.url();
    expect(link).toContain('mfu.gpuHours=4M');
    expect(link).toContain('p7.model=llama-2-13b');
    expect(link).toContain('ttft.requests=1');
    expect(link).toContain('conc.memoryReading=GB');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(link);
    for (const [sel, testId, expected] of [
      ['#mfu-gpuHours', 'mfu-mfu', '44.2%'],
      ['#p7-model', 'p7-params', '13,015,864,320'],
      ['#ttft-requests', 'ttft-secondsAtMfu', '476 ms'],
      ['#conc-memoryReading', 'conc-maxConcurrency', '3'],
    ] as const) {
      await hydrate(fresh.page, sel);
      await expectText(fresh.page, testId, expected);
    }
    await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await p.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await p.context().close();
  });

  it('shows a message by a bad assumption and never NaN', async () => {
    const { page: p } = await openPage(browser, baseUrl);
    await p.goto(`${baseUrl}cases/`);
    await hydrate(p, '#conc-utilization');
    await p.fill('#conc-utilization', '1.5');
    await expect(p.locator('#conc-utilization-error').textContent()).resolves.toContain('at most 1');
    const text = await p.locator('#llama2-70b-concurrency-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
    await p.context().close();
  });
});
