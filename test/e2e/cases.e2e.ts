import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { copyMarkdown, expect, expectText, hydrate, hydrateAll, linkOf, restores, test as it, textOf, urlWith } from './fixture';
import { builtPages } from './site';
import { main } from '../../src/cli';
import { CASE_IDS } from '../../src/core/cases/types';
import { CASE_UIS, answerValue, formatAnswer } from '../../src/components/state/cases';
import { runCase } from '../../src/core/cases/run';
import { CASES_ZH } from '../../src/core/i18n/casesZh';
import { translator } from '../../src/core/i18n/translate';

const page = builtPages().find((p) => p.path === 'cases/');

/** Unfolds every case calculator's inputs ("Inputs" is folded until the reader opens it; the results stay in view). */
async function openInputs(p: Page): Promise<void> {
  await p.evaluate(() => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>('section.calculator details.calc-advanced')) d.open = true;
  });
}

/** `npm run --silent cli -- case <id> --json`, run in-process through the CLI's main(). */
function cli(id: string): Record<string, unknown> {
  let stdout = '';
  let stderr = '';
  const code = main(
    ['case', id, '--json'],
    (s) => (stdout += s),
    (s) => (stderr += s),
  );
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

  it.each(CASE_IDS.map((id) => [id]))(
    '%s: question, every answer (the calculator’s, rendered at build time), every step and the verdict equal `cli case <id> --json`',
    (id) => {
      const json = cli(id);
      const block = caseBlock(id);
      const question = /data-question[^>]*>([\s\S]*?)<\/blockquote>/.exec(block)?.[1] ?? '';
      expect(unescape(question)).toBe(json['question']);
      // The answer is the calculator's, rendered at build time right under the steps: each headline once, then the verdict.
      const ui = CASE_UIS[id];
      for (const row of ui.answers) {
        const expected = answerValue(json['answer'] as object, row.path);
        const testId = `${ui.ns}-${row.path.replace('.', '-')}`;
        const shown = new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</dd>`).exec(block)?.[1];
        expect(shown, `${id} ${row.path} in the calculator`).toBeDefined();
        expect(unescape(shown!), `${id} ${row.path}`).toContain(formatAnswer(expected, row.format).text);
      }
      expect(block.match(/data-testid="[a-z0-9]+-verdict"/g) ?? [], `${id}: one verdict`).toHaveLength(1);
      const steps = json['steps'] as {
        id: string;
        value: number;
        formatted: string;
      }[];
      const shownSteps = [...block.matchAll(/<li class="case-step"[^>]*data-formula="([^"]+)" data-value="([^"]*)"/g)].map((m) => ({
        id: m[1],
        value: Number(m[2]),
      }));
      expect(shownSteps).toEqual(steps.map((s) => ({ id: s.id, value: s.value })));
      for (const s of steps) expect(block).toContain(s.formatted);
      const verdict = /data-testid="[a-z0-9]+-verdict"[^>]*>([\s\S]*?)<\/p>/.exec(block)?.[1] ?? '';
      expect(unescape(verdict)).toBe(json['verdict']);
      expect(block).toContain('class="katex"');
    },
  );

  it.each(CASE_IDS.map((id) => [id]))('%s: each step titled once, and the assumptions named as in the calculator (no code names, no blank row)', (id) => {
    const block = caseBlock(id);
    const titles = [...block.matchAll(/<span class="step-title"[^>]*>([\s\S]*?)<\/span>/g)].map((m) => unescape(m[1] ?? ''));
    expect(titles.length).toBeGreaterThan(0);
    expect(new Set(titles).size, titles.join(' | ')).toBe(titles.length);
    const labels = new Set(Object.values(CASE_UIS[id].fields).map((f) => f.label));
    const rows = [
      ...block.matchAll(/<tr data-assumption="[^"]+"[^>]*>\s*<th scope="row"[^>]*>([\s\S]*?)<\/th>\s*<td class="value"[^>]*>([\s\S]*?)<\/td>/g),
    ].map((m) => [unescape(m[1] ?? ''), unescape(m[2] ?? '')]);
    expect(rows.length).toBeGreaterThan(0);
    for (const [label, value] of rows) {
      expect(labels, `${id}: "${label}" is a calculator label`).toContain(label);
      expect(value, `${id}: ${label} has a value`).not.toBe('');
    }
    expect(block).not.toMatch(/<code>(gpuHours|maskFactor|config|bytesPerElement)<\/code>/);
  });

  it('the concurrency steps say what changes: "Maximum concurrent requests: 2 × A800, 4,000-token contexts"', () => {
    const block = unescape(caseBlock('llama2-70b-concurrency'));
    expect(block).toContain('Maximum concurrent requests: 2 × A800, 4,000-token contexts (the answer)');
    expect(block).toContain('Maximum concurrent requests had it used multi-head attention: same memory, 8× the cache');
  });
});

describe('cases page in the browser', () => {
  // 20,556 px before this layout (measured on the built site at 1366 × 900, every island hydrated);
  // 12,611 px with the steps open and the calculators' inputs in view; 10,460 px with each case's
  // steps folded to one line per step (title and result, the math one click away) and the inputs
  // folded under "Inputs" (the results stay in view). Half the original would be 10,278.
  it('is about half its former 20,556 px on a 1366 px screen, and each case result is shown once', async ({ open }) => {
    const p = await open('cases/', { viewport: { width: 1366, height: 900 } });
    await hydrateAll(p);
    const height = await p.evaluate(() => document.documentElement.scrollHeight);
    console.info(`cases page height at 1366 px: ${height} px`);
    expect(height).toBeLessThanOrEqual(10_800);
    // No second grid of the answers: the steps, then the calculator's results, once.
    expect(await p.locator('.case dl, .case .case-answer').count()).toBe(0);
    // Each case's steps, folded: one line per step with its result; opening shows the math.
    const steps = p.locator('.case[data-case="llama3-70b-mfu"] details.case-steps-fold');
    // Step 3, 6·70e9·15e12 / (6.4e6·3600·989e12) = 0.2765: "MFU with 6N and the assumed N (the headline) 27.6%".
    await expect(steps.locator('summary .step-line').nth(2).textContent()).resolves.toMatch(/^3\. MFU with 6N.*27\.6%$/);
    await expect(steps.locator('.math-chain').first().isVisible()).resolves.toBe(false);
    await steps.locator('summary').click();
    await expect(steps.locator('.math-chain').first().isVisible()).resolves.toBe(true);
    await expect(steps.locator('summary .step-line').first().isVisible()).resolves.toBe(false);
  });

  it('the hints follow the GPU: switching the MFU case to an A800 names the A800’s 312T, never the H100’s figure', async ({ open }) => {
    const p = await open('cases/');
    await hydrate(p, '#mfu-gpu');
    // The inputs are folded under "Inputs"; the results are in view without opening them.
    await expect(p.locator('#mfu-gpu').isVisible()).resolves.toBe(false);
    await expect(p.getByTestId('mfu-mfu').isVisible()).resolves.toBe(true);
    await p.locator('#llama3-70b-mfu-calculator details.calc-advanced > summary').click();
    await expect(p.locator('#mfu-gpu').isVisible()).resolves.toBe(true);
    await expect.poll(() => textOf(p, 'mfu-gpu-fills')).toContain('NVIDIA H100 SXM5 80GB');
    // The peak's hint names the chosen GPU's datasheet figure (src/core/gpu: H100 SXM dense bf16 989.4 TFLOP/s).
    await expect(p.locator('#mfu-peak-hint').textContent()).resolves.toBe('dense bf16; the NVIDIA H100 SXM5 80GB datasheet: 989.4T');
    await p.selectOption('#mfu-gpu', 'a800-sxm-80gb');
    await expect.poll(() => textOf(p, 'mfu-gpu-fills')).toBe('From the NVIDIA A800 SXM4 80GB datasheet: Peak per GPU (FLOP/s) 312T.');
    await expect(p.locator('#mfu-peak-hint').textContent()).resolves.toBe('dense bf16; the NVIDIA A800 SXM4 80GB datasheet: 312T');
    await p.fill('#mfu-gpuHours', '4M');
    await expect.poll(() => p.locator('#mfu-gpuHours-hint').textContent()).toBe('the whole run’s, stalls and restarts included; 4M = 4e6');
    await expect.poll(() => textOf(p, 'mfu-changed')).toContain('GPU-hours 4M (question: 6.4M)');
  });

  it('renders with no console error, and each case calculator responds and restores from its URL', async ({ open }) => {
    const p = await open('cases/');
    await expect(p.locator('h1').first().textContent()).resolves.toContain('Four worked questions');
    expect(await p.locator('.katex-error').count()).toBe(0);

    // Llama 3 70B: 6·70e9·15e12 / (4e6·3600·989e12) = 0.4424 → "44.2%".
    await hydrate(p, '#mfu-gpuHours');
    await openInputs(p);
    await expectText(p, 'mfu-mfu', '27.6%');
    await p.fill('#mfu-gpuHours', '4M');
    await expectText(p, 'mfu-mfu', '44.2%');

    // Llama 2 13B: 2·32000·5120 + 40·(4·5120² + 3·5120·13824 + 2·5120) + 5120 = 13,015,864,320.
    await hydrate(p, '#p7-model');
    await p.selectOption('#p7-model', 'llama-2-13b');
    await expectText(p, 'p7-params', '13,015,864,320');

    // One 4,000-token prompt, the scenario's estimate: compute 0.28475 + elementwise 0.00812 + all-reduces 0.11629 + fixed 0.00592 = 0.41508 s.
    await hydrate(p, '#ttft-requests');
    await openInputs(p);
    await p.fill('#ttft-requests', '1');
    await expectText(p, 'ttft-ttftSeconds', '415 ms');
    await expectText(p, 'ttft-reasonable', 'yes');

    // 80e9-byte reading: (144e9 − 137,953,296,384 − 950,400,000) / 1,310,720,000 = 3.89 → 3.
    await hydrate(p, '#conc-memoryReading');
    await openInputs(p);
    await p.selectOption('#conc-memoryReading', 'GB');
    await expectText(p, 'conc-maxConcurrency', '3');

    const link = await urlWith(p, 'mfu.gpuHours=4M', 'p7.model=llama-2-13b', 'ttft.requests=1', 'conc.memoryReading=GB');
    const fresh = await open(link);
    for (const [sel, testId, expected] of [
      ['#mfu-gpuHours', 'mfu-mfu', '44.2%'],
      ['#p7-model', 'p7-params', '13,015,864,320'],
      ['#ttft-requests', 'ttft-ttftSeconds', '415 ms'],
      ['#conc-memoryReading', 'conc-maxConcurrency', '3'],
    ] as const) {
      await hydrate(fresh, sel);
      await expectText(fresh, testId, expected);
    }
    // Every island of the page hydrates without a console error (checked when the test ends).
    await hydrateAll(p);
  });

  it('shows a message by a bad assumption and never NaN', async ({ open }) => {
    const p = await open('cases/');
    await hydrate(p, '#conc-utilization');
    await openInputs(p);
    await p.fill('#conc-utilization', '1.5');
    await expect(p.locator('#conc-utilization-error').textContent()).resolves.toContain('at most 1');
    const text = await p.locator('#llama2-70b-concurrency-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('a hostile link is refused by the fields it belongs to (ttft.gpus=1e300 is no longer a silent dash), with the defaults and no console error', async ({
    open,
  }) => {
    const query = [
      'ttft.gpus=1e300',
      'ttft.requests=NaN',
      'ttft.gpu=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      'mfu.gpuHours=-1',
      `mfu.tokens=${'6'.repeat(10_000)}`,
      'conc.dtype=%7B%22a%22%3A1%7D',
      'p7.model=nope',
    ].join('&');
    const p = await open(`cases/?${query}`);
    await hydrate(p, '#ttft-gpus');
    await openInputs(p);
    for (const id of ['ttft-gpus', 'ttft-requests', 'ttft-gpu']) await expect.poll(() => p.locator(`#${id}-error`).count(), { message: id }).toBe(1);
    await expect(p.locator('#ttft-gpus-error').textContent()).resolves.toBe(
      'GPUs (tensor parallel) must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)',
    );
    await expectText(p, 'ttft-ttftSeconds', '6.53 s');
    expect(await p.locator('#llama2-70b-ttft-calculator .results').textContent()).not.toMatch(/—|NaN|Infinity/);
    await hydrate(p, '#mfu-gpuHours');
    await openInputs(p);
    for (const id of ['mfu-gpuHours', 'mfu-tokens']) await expect.poll(() => p.locator(`#${id}-error`).count(), { message: id }).toBe(1);
    await expectText(p, 'mfu-mfu', '27.6%');
    await hydrate(p, '#conc-dtype');
    await openInputs(p);
    await expect.poll(() => p.locator('#conc-dtype-error').count()).toBe(1);
    await hydrate(p, '#p7-model');
    await expect.poll(() => p.locator('#p7-model-error').count()).toBe(1);
    await expect(p.locator('.calculator img').count()).resolves.toBe(0);
  });

  it('refuses a TTFT target whose low end is above its high end by the low field, and flags an impossible MFU with a warning', async ({ open }) => {
    const p = await open('cases/?mfu.gpu=a800-sxm-80gb&mfu.peak=312T&mfu.gpuHours=4M');
    await hydrate(p, '#ttft-targetLowSeconds');
    await openInputs(p);
    await p.fill('#ttft-targetLowSeconds', '0.8');
    await expect(p.locator('#ttft-targetLowSeconds-error').textContent()).resolves.toBe('the low end of the target (800 ms) is above its high end (700 ms)');
    await expectText(p, 'ttft-ttftSeconds', '6.53 s');
    // 6·70e9·15e12 / (4e6·3600·312e12) = 1.4022
    await hydrate(p, '#mfu-gpuHours');
    await openInputs(p);
    await expectText(p, 'mfu-mfu', '140%');
    await expect(p.getByTestId('mfu-warning-mfu-above-peak').textContent()).resolves.toMatch(/^An MFU of 140% is impossible/);
  });

  it('Copy Markdown from a case names its setup and opens, in a fresh context, on that case with the same numbers', async ({ open }) => {
    const p = await open('cases/', { clipboard: true });
    await hydrate(p, '#conc-gpus');
    await openInputs(p);
    await p.fill('#conc-gpus', '8');
    await p.locator('#llama2-70b-concurrency-calculator details.more-derivations > summary').click();
    const md = await copyMarkdown(p, '#llama2-70b-concurrency-calculator');
    expect(md).toContain('Llama 2 70B in fp16 on 8 × NVIDIA A800 SXM4 80GB, requests of up to 4,000 tokens');
    const link = linkOf(md);
    expect(link).toMatch(/#llama2-70b-concurrency-calculator$/);
    const shown = await p.getByTestId('conc-maxConcurrency').textContent();
    const fresh = await restores(open, link, { 'conc.gpus': '8' });
    await expectText(fresh.page, 'conc-maxConcurrency', shown ?? '');
  });
});

describe('/zh/cases/ in the browser: the cases in Chinese', () => {
  it('asks, works and answers in Chinese, with the same numbers, and stays Chinese once hydrated and changed', async ({ open }) => {
    const zh = translator(CASES_ZH);
    const p = await open('zh/cases/');
    await hydrateAll(p);
    for (const id of CASE_IDS) {
      const c = runCase(id);
      const block = p.locator(`.case[data-case="${id}"]`);
      await expect(block.locator('[data-question]').textContent()).resolves.toBe(zh(c.question));
      const titles = await block.locator('.step-title').allTextContents();
      expect(titles).toEqual(c.steps.map((s) => zh(s.title)));
      // The sources of the assumptions in Chinese: no English sentence left in the table.
      for (const note of await block.locator('td.note').allTextContents()) expect(note).not.toMatch(/\b[a-z]{3,} [a-z]{3,} [a-z]{3,}\b/);
    }
    // A reused formula says what changed, and the step's source is the Chinese chapter.
    const mfu = p.locator('.case[data-case="llama3-70b-mfu"]');
    await expect(mfu.locator('.step-change').first().textContent()).resolves.toMatch(/^再次用到第 1 步的公式：.+改为 70\.6 G（原为 70\.0 G）。$/);
    await expect(mfu.locator('a.step-source').first().getAttribute('href')).resolves.toMatch(/\/zh\/training\/#/);
    await expect(mfu.locator('a.step-source').first().textContent()).resolves.toMatch(/^定义见“[^a-z]+”$/);
    // The verdicts, hydrated from the first-render Chinese: 27.6% MFU, 10 requests.
    await expect.poll(() => textOf(p, 'mfu-verdict')).toBe(zh(runCase('llama3-70b-mfu').verdict));
    await expect.poll(() => textOf(p, 'conc-verdict')).toMatch(/^约 10 个并发请求/);
    await expect.poll(() => textOf(p, 'mfu-gpu-fills')).toBe('NVIDIA H100 SXM5 80GB 数据手册中的值：每张 GPU 的峰值（FLOP/s） 989.4T（输入框中现为 989T）。');
    // Changing an input brings the whole catalogue: the new verdict and what changed, still in Chinese.
    await openInputs(p);
    await p.fill('#mfu-gpuHours', '4M');
    // 6·70e9·15e12 / (4e6·3600·989e12) = 0.4424
    await expect.poll(() => textOf(p, 'mfu-verdict')).toMatch(/^按 6N 口径，整次训练平均的 MFU 约为 44\.2%/);
    await expect.poll(() => textOf(p, 'mfu-changed')).toBe('与题目不同的输入：GPU 时 4M（题目中为 6.4M）。');
  });
});
