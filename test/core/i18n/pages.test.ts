/**
 * The reference pages of the Chinese edition read in Chinese: /zh/notation/ (SYMBOLS_ZH),
 * /zh/references/ (REFERENCE_NOTES_ZH, REFERENCE_MEASUREMENTS_ZH, ARTICLE_SECTIONS_ZH) and
 * /zh/reality-check/ (REALITY_ZH). Every English text those pages show has its Chinese, every
 * key still names something in the English source, and the Chinese keeps every figure of the
 * English (numbers, sections, commits, repositories), so the two editions cite the same things.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYMBOLS } from '../../../src/core/symbols';
import { SYMBOLS_ZH } from '../../../src/core/i18n/symbolsZh';
import { ARTICLE_SECTIONS, REFERENCES } from '../../../src/core/references';
import {
  ARTICLE_SECTIONS_ZH,
  REFERENCE_MEASUREMENTS_ZH,
  REFERENCE_NOTES_ZH,
  REFERENCE_TITLES_ZH,
  articleSectionLabelZh,
} from '../../../src/core/i18n/referencesZh';
import { REALITY_ZH } from '../../../src/core/i18n/realityZh';
import { METRIC_LABELS_ZH } from '../../../src/core/i18n/dataNotesZh';
import { translator } from '../../../src/core/i18n/translate';
import { INFERENCE_RECORDS, METRIC_LABELS } from '../../../src/core/reality/inference';

const HAN = /[\u4e00-\u9fff]/;

/** Numbers (with their grouping and decimals), hex commits and paths with a digit or a dot in a text. */
function figures(text: string): string[] {
  return [...text.matchAll(/\b[0-9a-f]{7,8}\b|\d[\d,_.]*\d|\d|[\w.-]+\/[\w.-]+/g)]
    .map((m) => m[0].replace(/\.$/, ''))
    .filter((f) => !f.includes('/') || /[\d.]/.test(f));
}

/** The figures of `en` that `zh` does not carry. */
const missing = (en: string, zh: string) => figures(en).filter((f) => !zh.includes(f));

describe('figures(text)', () => {
  it('finds numbers, commits and repositories, so a changed figure fails', () => {
    expect(
      missing(
        '§4 reports 46.2% MFU at commit 138f96d4 (github.com/x/y, 2,048 tokens)',
        '§4 报告 46.2% 的 MFU，提交 138f96d4（github.com/x/y，2,049 个 Token）',
      ),
    ).toEqual(['2,048']);
  });
});

describe('/zh/notation/: every symbol in Chinese', () => {
  const byTex = new Map(SYMBOLS.map((s) => [s.tex, s]));

  it('covers every symbol of SYMBOLS, and names no symbol that is gone', () => {
    expect(SYMBOLS.filter((s) => !(s.tex in SYMBOLS_ZH)).map((s) => s.tex)).toEqual([]);
    expect(Object.keys(SYMBOLS_ZH).filter((tex) => !byTex.has(tex))).toEqual([]);
  });

  it.each(SYMBOLS.map((s) => [s.tex, s] as const))('%s: a Chinese name and meaning with every figure of the English', (tex, s) => {
    const zh = SYMBOLS_ZH[tex]!;
    expect(HAN.test(zh.name) || zh.name === s.name, zh.name).toBe(true);
    expect(zh.meaning).toMatch(HAN);
    expect(missing(s.meaning, zh.meaning)).toEqual([]);
    expect(zh.meaning).toMatch(/。$/);
  });

  it('SYMBOLS_ZH.B is the glossary’s 批大小, SYMBOLS_ZH.V its 词表', () => {
    expect(SYMBOLS_ZH['B']!.name).toBe('批大小');
    expect(SYMBOLS_ZH['V']!.name).toBe('词表大小');
  });
});

describe('/zh/references/: every note and measurement in Chinese', () => {
  const byId = new Map(REFERENCES.map((r) => [r.id, r]));

  it('covers every entry with a note, and every key is an entry with a note', () => {
    expect(REFERENCES.filter((r) => r.note !== undefined && !(r.id in REFERENCE_NOTES_ZH)).map((r) => r.id)).toEqual([]);
    expect(Object.keys(REFERENCE_NOTES_ZH).filter((id) => byId.get(id)?.note === undefined)).toEqual([]);
  });

  it('covers every entry with measurements, and every key is an entry with measurements', () => {
    expect(REFERENCES.filter((r) => r.measurements !== undefined && !(r.id in REFERENCE_MEASUREMENTS_ZH)).map((r) => r.id)).toEqual([]);
    expect(Object.keys(REFERENCE_MEASUREMENTS_ZH).filter((id) => byId.get(id)?.measurements === undefined)).toEqual([]);
  });

  it.each(Object.entries(REFERENCE_NOTES_ZH))('note of %s: Chinese, with every figure of the English', (id, zh) => {
    expect(zh).toMatch(HAN);
    expect(missing(byId.get(id)!.note!, zh)).toEqual([]);
  });

  it.each(Object.entries(REFERENCE_MEASUREMENTS_ZH))('measurements of %s: Chinese, with every figure of the English', (id, zh) => {
    expect(zh).toMatch(HAN);
    expect(missing(byId.get(id)!.measurements!, zh)).toEqual([]);
  });

  it('every title template is one references.ts writes, and translates every title made from it', () => {
    const source = readFileSync('src/core/references.ts', 'utf8');
    const written = [...source.matchAll(/title: `([^`]*)`/g)].map((m) => (m[1] as string).replace(/\$\{[^}]*\}/g, '{}'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((t) => !(t in REFERENCE_TITLES_ZH))).toEqual([]);
    expect(Object.keys(REFERENCE_TITLES_ZH).filter((t) => !written.includes(t))).toEqual([]);
    const title = translator(REFERENCE_TITLES_ZH);
    const made = REFERENCES.filter((r) => r.id.startsWith('hf-') && r.kind === 'model-card');
    expect(made.length).toBeGreaterThan(20);
    for (const r of made) expect(title(r.title), r.id).toMatch(HAN);
    expect(title('Llama 2 7B: config.json and model card (Hugging Face)')).toBe('Llama 2 7B：config.json 与模型卡（Hugging Face）');
  });

  it('names every section of the article, and only those', () => {
    expect(Object.keys(ARTICLE_SECTIONS_ZH)).toEqual(Object.keys(ARTICLE_SECTIONS));
    for (const zh of Object.values(ARTICLE_SECTIONS_ZH)) expect(zh).toMatch(HAN);
  });

  it("articleSectionLabelZh('2.11') = '§2.11，推理计算量'; 'questions' has no number; an unknown section throws", () => {
    expect(articleSectionLabelZh('2.11')).toBe('§2.11，推理计算量');
    expect(articleSectionLabelZh('questions')).toBe('开篇的四个问题');
    expect(() => articleSectionLabelZh('9.9')).toThrow(/9\.9/);
  });
});

describe('/zh/reality-check/: the texts the page builds, in Chinese', () => {
  const page = readFileSync('src/components/pages/RealityCheckPage.astro', 'utf8');
  /** The English templates the page passes through `tr`, `${…}` written as `{}`. */
  const templates = [...page.matchAll(/\btr\(`([^`]*)`\)/g)].map((m) => (m[1] as string).replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '{}'));
  const metrics = Object.fromEntries(Object.entries(METRIC_LABELS).map(([m, en]) => [en, METRIC_LABELS_ZH[m] as string]));
  const tr = translator(REALITY_ZH, metrics);
  const sources = new Set(INFERENCE_RECORDS.map((r) => r.source));
  const engines = new Set(INFERENCE_RECORDS.map((r) => r.engine));

  it('every template the page translates is in the catalogue, and every template key is one the page writes', () => {
    expect(templates.length).toBeGreaterThanOrEqual(2);
    expect(templates.filter((t) => !(t in REALITY_ZH))).toEqual([]);
    expect(Object.keys(REALITY_ZH).filter((k) => k.includes('{}') && !templates.includes(k))).toEqual([]);
  });

  it('every source and engine with a note in brackets or a quoted table name has Chinese, and every other key is a source or an engine', () => {
    const worded = [...sources, ...engines].filter((s) => /[(']/.test(s));
    expect(worded.length).toBeGreaterThan(5);
    expect(worded.filter((s) => !(s in REALITY_ZH))).toEqual([]);
    expect(Object.keys(REALITY_ZH).filter((k) => !k.includes('{}') && !sources.has(k) && !engines.has(k))).toEqual([]);
  });

  it.each(Object.entries(REALITY_ZH))('%s: Chinese, with every figure and placeholder of the English', (en, zh) => {
    expect(zh).toMatch(HAN);
    expect(missing(en, zh)).toEqual([]);
    expect(zh.match(/\{\d*\}/g)?.length ?? 0).toBe(en.match(/\{\}/g)?.length ?? 0);
  });

  it('translates a plotted point whole: record id and values kept, the metric in Chinese', () => {
    expect(tr('trtllm05-70b-h100-ttft-128: Time to first token measured 26.0 ms, predicted 15.2 ms')).toBe(
      'trtllm05-70b-h100-ttft-128：首 Token 时延实测 26.0 ms，预测 15.2 ms',
    );
    expect(tr('trtllm061-llama70b-h100-bs96-tp2-2048-128: measured 612 tokens/s, predicted 616 tokens/s')).toBe(
      'trtllm061-llama70b-h100-bs96-tp2-2048-128：实测 612 tokens/s，预测 616 tokens/s',
    );
    expect(tr('vLLM (nightly perf CI, build 9515)')).toBe('vLLM（每夜性能 CI，构建 9515）');
  });

  it('names every metric the plots use as series', () => {
    for (const en of Object.values(METRIC_LABELS)) expect(tr(en)).toMatch(HAN);
  });
});
