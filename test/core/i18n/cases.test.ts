/**
 * The worked cases in Chinese (src/core/i18n/casesZh.ts): every text a case returns — title,
 * question, each assumption's source, each step title, the verdict, the headline convention —
 * has Chinese, with the defaults and with overrides that change the GPU, the model, the memory
 * reading and the verdict itself; the Chinese keeps every number of the English and leaves no
 * English sentence; and every catalogue key is still produced by a case or by a view that
 * shows one (no dead keys).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCase } from '../../../src/core/cases/run';
import { CASES_ZH } from '../../../src/core/i18n/casesZh';
import { CALCULATORS_ZH } from '../../../src/components/i18n/calculatorsZh';
import { FORMULA_LABELS_ZH } from '../../../src/core/i18n/formulasZh';
import { ZH_MESSAGES } from '../../../src/core/i18n/zh';
import { translator } from '../../../src/core/i18n/translate';
import { PRESET_IDS } from '../../../src/core/model/presets';
import { CASE_UIS, changedFromQuestion, changedLead, defaultFieldTexts, fieldHolds, gpuFillsLead, questionValue } from '../../../src/components/state/cases';
import { CUSTOM_MODEL } from '../../../src/components/state/pickers';

const zh = translator(CASES_ZH);

/** Each case with its defaults, then with overrides that change what it says. */
const RUNS: readonly [string, Record<string, unknown>][] = [
  ['llama3-70b-mfu', {}],
  // Another GPU and fewer GPU-hours: an impossible 140% MFU.
  ['llama3-70b-mfu', { gpu: 'a800-sxm-80gb', peak: 312e12, gpuHours: 4e6 }],
  ['llama3-70b-mfu', { params: 70_553_706_496, seq: 4096 }],
  ['llama2-7b-params', {}],
  // Every preset: the closed form appears or not, and the verdict names the term behind the gap.
  ...PRESET_IDS.map((model) => ['llama2-7b-params', { model }] as [string, Record<string, unknown>]),
  ['llama2-70b-ttft', {}],
  // One request: the verdict flips to "Reasonable".
  ['llama2-70b-ttft', { requests: 1 }],
  // Two requests, every key counted: "Only one such request alone meets".
  ['llama2-70b-ttft', { requests: 2, maskFactor: 1 }],
  // 100,000-token prompts: "Not even one".
  ['llama2-70b-ttft', { inputTokens: 100_000 }],
  // 64 H100s: "At most N such requests together meet".
  ['llama2-70b-ttft', { gpu: 'h100-sxm', gpus: 64, peak: 989e12, requests: 64 }],
  // One GPU: no tensor-parallel all-reduce step.
  ['llama2-70b-ttft', { gpus: 1, requests: 1 }],
  ['llama2-70b-concurrency', {}],
  // fp8 read as marketed GB: many requests, MHA fits several.
  ['llama2-70b-concurrency', { bytesPerElement: 1, memoryReading: 'GB' }],
  // One GPU: nothing fits.
  ['llama2-70b-concurrency', { gpus: 1 }],
  ['llama2-70b-concurrency', { gpus: 4, memoryReading: 'GiB' }],
  // A context so long that MHA fits none.
  ['llama2-70b-concurrency', { maxTokens: 32_000, activationTokens: 4000 }],
];

function textsOf(id: string, overrides: Record<string, unknown>): string[] {
  const c = runCase(id, overrides);
  const answer = c.answer as { headlineConvention?: string };
  return [
    c.title,
    c.question,
    ...Object.values(c.assumptionNotes as Record<string, string>),
    ...c.steps.map((s) => s.title),
    c.verdict,
    ...(answer.headlineConvention ? [answer.headlineConvention] : []),
  ];
}

const produced = [...new Set(RUNS.flatMap(([id, o]) => textsOf(id, o)))];

/** English words left in a Chinese text (three or more in a row), names and code aside. */
function englishLeft(text: string): string[] {
  const clean = text.replace(/\S*[._/]\S*/g, ' ');
  return clean.match(/\b[A-Za-z]{2,}(?:[ '’-]+[A-Za-z]{2,}){2,}\b/g) ?? [];
}

/** The numbers a text shows (8,192 · 27.6 · 4.40), each as written. */
const numbers = (text: string) => text.match(/\d[\d,.]*\d|\d/g) ?? [];

describe('the worked cases in Chinese (CASES_ZH)', () => {
  it('runs the cases into enough distinct texts', () => {
    expect(produced.length).toBeGreaterThan(60);
  });

  it.each(produced)('%s', (english) => {
    expect(zh.has(english), 'add it to src/core/i18n/casesZh.ts').toBe(true);
    const chinese = zh(english);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(englishLeft(chinese)).toEqual([]);
    // The same figures: every number of the English is in the Chinese.
    for (const n of numbers(english)) expect(chinese).toContain(n);
  });

  it('the headline verdicts read as the chapter does: 27.6% MFU, 10 requests, not reasonable at 6.53 s', () => {
    expect(zh(runCase('llama3-70b-mfu').verdict)).toBe(
      '按 6N 口径，整次训练平均的 MFU 约为 27.6%（像 PaLM 那样计入 8,192 Token 序列的全部注意力分数则为 31.9%）。',
    );
    expect(zh(runCase('llama2-70b-concurrency').verdict)).toMatch(/^约 10 个并发请求，每个最多 4,000 Token（显存的理解方式：CUDA 运行时报告的值）/);
    expect(zh(runCase('llama2-70b-ttft').verdict)).toMatch(/^不合理：16 条 4,000 Token 的提示词需要 9\.10 PFLOPs.*估算为 6\.53 s/);
    expect(zh(runCase('llama2-70b-ttft', { requests: 1 }).verdict)).toMatch(/^合理：估算为 \d+ ms/);
  });
});

/** Keys the views add around a case: where each English template is written. */
const VIEW_KEYS: Readonly<Record<string, string>> = {
  'Step {}’s formula again.': 'src/components/CaseView.astro',
  'Step {}’s formula again, with {}.': 'src/components/CaseView.astro',
  '{} {} instead of {}': 'src/components/CaseView.astro',
  'defined in “{}”': 'src/components/CaseView.astro',
};

describe('the catalogue’s keys', () => {
  const pattern = (key: string) =>
    new RegExp(
      key
        .split('{}')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*?'),
    );
  // The calculator's notes, from the functions the island calls.
  const mfu = CASE_UIS['llama3-70b-mfu'];
  const notes = [
    gpuFillsLead('NVIDIA A800 SXM4 80GB'),
    fieldHolds('312T'),
    changedLead(),
    questionValue('6.4M'),
    // A pasted config is named, not quoted.
    ...changedFromQuestion(CASE_UIS['llama2-7b-params'], { model: CUSTOM_MODEL, config: '{}' })
      .filter((c) => c.question === 'none')
      .map((c) => c.now),
    ...changedFromQuestion(mfu, { ...defaultFieldTexts(mfu), gpuHours: '4M' }).map((c) => c.now),
  ];
  // The setup a copied derivation names, for each case's question (the fields' values, numbers parsed).
  const values = (ui: (typeof CASE_UIS)[keyof typeof CASE_UIS]) => Object.fromEntries(Object.entries(ui.fields).map(([k, f]) => [k, f.default]));
  const setups = Object.values(CASE_UIS).map((ui) => ui.setup(values(ui)));
  const ttft = CASE_UIS['llama2-70b-ttft'];
  const conc = CASE_UIS['llama2-70b-concurrency'];
  setups.push(
    ttft.setup({ ...values(ttft), gpu: 'h100-sxm', requests: 1 }),
    conc.setup({ ...values(conc), memoryReading: 'GiB', dtype: 'fp8' }),
    conc.setup({ ...values(conc), memoryReading: 'GB' }),
  );

  it('has no dead key: each is produced by a case, a view or the calculator', () => {
    const dead = Object.keys(CASES_ZH).filter((key) => {
      if (key in VIEW_KEYS) return !readFileSync(VIEW_KEYS[key]!, 'utf8').includes(`'${key}'`);
      const re = pattern(key);
      return !produced.some((t) => re.test(t)) && !notes.some((t) => re.test(t)) && !setups.some((t) => re.test(t));
    });
    expect(dead).toEqual([]);
  });

  it('gives the calculator’s notes their Chinese', () => {
    expect(notes.map((n) => zh(n))).toEqual([
      'NVIDIA A800 SXM4 80GB 数据手册中的值：',
      '（输入框中现为 312T）',
      '与题目不同的输入：',
      '（题目中为 6.4M）',
      '已粘贴',
      '4M',
    ]);
  });

  it('gives the setups of copied derivations their Chinese, every value kept', () => {
    const all = translator(ZH_MESSAGES, FORMULA_LABELS_ZH, CALCULATORS_ZH, CASES_ZH);
    for (const setup of setups) {
      const chinese = all(setup);
      // The parameters case's setup is the model's name alone.
      if (setup !== 'Llama 2 7B') expect(chinese, setup).toMatch(/[\u4e00-\u9fff]/);
      expect(englishLeft(chinese), setup).toEqual([]);
      for (const n of numbers(setup)) expect(chinese).toContain(n);
    }
    expect(all(setups[0]!)).toBe('Llama 3 70B，在 NVIDIA H100 SXM5 80GB（989 TFLOP/s）上用 6.40M GPU-h 训练 15.0T Token，N = 70.0G');
  });

  it('keeps one entry per string: nothing the other catalogues of the islands hold', () => {
    const others = { ...ZH_MESSAGES, ...FORMULA_LABELS_ZH, ...CALCULATORS_ZH };
    expect(Object.keys(CASES_ZH).filter((k) => k in others)).toEqual([]);
  });

  it.each(Object.entries(CASES_ZH))('%s: the same number of values', (en, chinese) => {
    const slots = en.split('{}').length - 1;
    const plain = chinese.match(/\{\}/g)?.length ?? 0;
    const indexed = (chinese.match(/\{\d+\}/g) ?? []).map((m) => Number(m.slice(1, -1)));
    if (indexed.length === 0) expect(plain).toBe(slots);
    else {
      expect(plain).toBe(0);
      expect([...indexed].sort((a, b) => a - b)).toEqual([...Array(slots).keys()]);
    }
  });
});
