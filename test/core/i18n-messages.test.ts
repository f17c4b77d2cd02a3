/**
 * Every message the core and the CLI produce has its Chinese, and every Chinese entry still
 * has a message: the source is read (test/support/i18nExtract.ts) for `new InputError(…)`,
 * `warning(…)`, parse failures and the CLI's usage errors, each turned into its English
 * template, and the catalogue (src/core/i18n/zh.ts) must hold exactly those templates plus
 * the pieces the few builders assemble messages from (bound reasons, domain phrases).
 */
import { describe, expect, it } from 'vitest';
import { BOUNDS, boundMessage, checkBound } from '../../src/core/bounds';
import { CAPACITY_BOUNDS } from '../../src/core/capacity/bounds';
import { domainMessage, type Domain } from '../../src/core/formula';
import { getGpu } from '../../src/core/gpu/gpu';
import { hasTranslation, translate } from '../../src/core/i18n/messages';
import { FORMULA_LABELS_ZH } from '../../src/core/i18n/formulasZh';
import { ZH_MESSAGES } from '../../src/core/i18n/zh';
import { getPreset } from '../../src/core/model/presets';
import { checkParallelLayout } from '../../src/core/parallel/layout';
import { parseQuantity } from '../../src/core/parse';
import { servingScenario } from '../../src/core/scenario/serving';
import { trainingScenario } from '../../src/core/scenario/training';
import { InputError } from '../../src/core/units';
import { scan, templates } from '../support/i18nExtract';

const DOMAINS: readonly Domain[] = ['positiveInt', 'nonNegativeInt', 'positive', 'nonNegative', 'fraction', 'any'];

/**
 * Message sites whose text is built by a function rather than written at the site, with
 * how the catalogue covers them. A new dynamic site fails the test until it is listed here
 * (and covered) or rewritten with its text at the site.
 */
const DYNAMIC: Readonly<Record<string, string>> = {
  'boundMessage(label, kind)': 'the bound templates below with each BOUNDS reason',
  'capacityBoundMessage(label, kind)': 'the bound templates below with each CAPACITY_BOUNDS reason',
  'domainMessage(labels?.[key] ?? key, domains[key])': 'domainMessage("{}", d) for every domain',
  'domainMessage(spec.label, spec.domain)': 'domainMessage("{}", d) for every domain',
  'r.error': "parseQuantity's messages (fail(…) sites in src/core/parse.ts)",
  "boundMessage(`--input + --output (${formatInteger(flags.input + flags.output)} tokens)`, 'sequence')":
    'the bound template, and "--input + --output ({} tokens)" below',
};

/** Pieces messages are assembled from, listed where the builder keeps them. */
const FRAGMENTS: readonly string[] = [
  // boundMessage / capacityBoundMessage (src/core/bounds.ts, src/core/capacity/bounds.ts).
  '{} must be a whole number from {} to {} ({})',
  '{} must be a number from {} to {} ({})',
  '{} must be a number greater than 0 and at most 1 ({})',
  ...Object.values(BOUNDS).map((b) => b.reason),
  ...Object.values(CAPACITY_BOUNDS).map((b) => b.reason),
  // formula.ts's domain phrases, after a label.
  ...DOMAINS.map((d) => domainMessage('{}', d)),
  // parse.ts's EXAMPLES, the CLI's sum of input and output tokens.
  'e.g. 4096, 4,096, 1e12, 15T',
  '--input + --output ({} tokens)',
  // parallel/splits.ts: what a degree must divide.
  'the batch B',
  'the sequence length S',
  'the layers L',
  'the heads h',
  'the FFN width I',
];

const found = scan();
const expected = new Set([...templates(found, 'message'), ...FRAGMENTS]);
const keys = Object.keys(ZH_MESSAGES);

/** English words left in a translated text, names, units and symbols aside. */
function englishLeft(text: string): string[] {
  return text.match(/\b[a-z]{2,}(?:[ '’-]+[a-z]{2,}){2,}\b/g) ?? [];
}

describe('the Chinese catalogue of core and CLI messages', () => {
  it('finds the message sites (the scan is not empty)', () => {
    expect(found.sites.filter((s) => s.kind === 'message').length).toBeGreaterThan(200);
  });

  it('has an entry for every message site', () => {
    const missing = [...expected].filter((t) => !(t in ZH_MESSAGES));
    const where = missing.map((t) => {
      const s = found.sites.find((x) => x.template === t);
      return s ? `${s.file}:${s.line}  ${t}` : t;
    });
    expect(where, 'add these English templates with their Chinese to src/core/i18n/zh.ts').toEqual([]);
  });

  it('has no entry whose message is gone (stale keys)', () => {
    expect(
      keys.filter((k) => !expected.has(k)),
      'remove these from src/core/i18n/zh.ts, or update them to the new English',
    ).toEqual([]);
  });

  it('keeps one entry per message: no key both here and among the formula labels', () => {
    expect(keys.filter((k) => k in FORMULA_LABELS_ZH)).toEqual([]);
  });

  it('builds messages only through the builders it covers', () => {
    const unknown = found.dynamic.filter((d) => !(d.expression in DYNAMIC)).map((d) => `${d.file}:${d.line}  ${d.expression}`);
    expect(unknown, 'a message built by a call or a variable: write its text at the site, or list the builder in DYNAMIC and cover it').toEqual([]);
  });

  it.each(keys)('%s: Chinese with the same values', (en) => {
    const zh = ZH_MESSAGES[en]!;
    expect(zh.trim()).not.toBe('');
    // Words (not identifiers such as config.json, flags or symbols) must come out in Chinese.
    const words =
      en
        .replace(/\{\}/g, ' ')
        .replace(/\S*[._]\S*|--\S+/g, ' ')
        .match(/[A-Za-z]{3,}/g) ?? [];
    if (words.length > 0) expect(zh).toMatch(/[\u4e00-\u9fff]/);
    const slots = en.split('{}').length - 1;
    const plain = zh.match(/\{\}/g)?.length ?? 0;
    const indexed = (zh.match(/\{\d+\}/g) ?? []).map((m) => Number(m.slice(1, -1)));
    // Either every value in order, or every value by its index (each exactly once).
    if (indexed.length === 0) expect(plain).toBe(slots);
    else {
      expect(plain).toBe(0);
      expect([...indexed].sort((a, b) => a - b)).toEqual([...Array(slots).keys()]);
    }
  });
});

describe('translate: real messages from the core, in Chinese', () => {
  const llama7 = getPreset('llama-2-7b').spec;
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof InputError) return e.message;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('TP = 3 for Llama 2 7B (32 heads) is refused in Chinese', () => {
    const en = message(() =>
      checkParallelLayout(
        { gpus: 3, dp: 1, tp: 3, pp: 1, cp: 1, ep: 1 },
        { heads: llama7.heads, kvHeads: llama7.kvHeads, layers: llama7.layers, seq: 4096, experts: 0 },
      ),
    );
    expect(en).toBe('TP = 3 must divide the 32 attention heads: each GPU takes whole heads');
    expect(translate(en, 'zh')).toBe('TP = 3 必须整除 32 个注意力头：每张 GPU 分到整数个头');
  });

  it('a V100 asked for bf16 falls back to fp16, and the warning says so in Chinese', () => {
    const r = trainingScenario({
      model: llama7,
      gpu: getGpu('v100-sxm2-32gb'),
      tokens: 1e12,
      seq: 4096,
      run: { kind: 'mfu', gpus: 64, mfu: 0.4 },
      parallel: { zero: 3 },
    });
    const w = r.warnings.find((x) => x.code === 'peak-dtype-fallback')!;
    const zh = translate(w.message, 'zh');
    expect(zh).toMatch(/^NVIDIA V100 .*没有 bf16 的 Tensor Core 算力：MFU 和时间按其 fp16 峰值计算。$/);
    expect(englishLeft(zh)).toEqual([]);
  });

  it('1e300 training tokens are refused with the bound and its reason in Chinese', () => {
    const r = parseQuantity('1e300', { kind: 'trainingTokens', field: '--tokens' });
    expect(r.ok).toBe(false);
    const zh = translate(r.ok ? '' : r.error, 'zh');
    expect(zh).toBe('--tokens 必须是 1 到 1e18 之间的数（最大训练规模（约 36T Token）的数万倍）');
  });

  it('a config.json bound message with the value it got: both parts in Chinese', () => {
    expect(translate(`${boundMessage('num_hidden_layers', 'layers')}, got 1e15`, 'zh')).toBe(
      'num_hidden_layers 必须是 1 到 10,000 之间的整数（已发表的最深的 LLM 也不到 200 层），实际为 1e15',
    );
  });

  it('every bound kind and every domain reads fully in Chinese', () => {
    for (const kind of Object.keys(BOUNDS) as (keyof typeof BOUNDS)[]) {
      const en = message(() => checkBound(-1, kind, 'x'));
      expect(hasTranslation(en), en).toBe(true);
      expect(englishLeft(translate(en, 'zh')), en).toEqual([]);
    }
    for (const d of DOMAINS) expect(englishLeft(translate(domainMessage('L', d), 'zh'))).toEqual([]);
  });

  it('serving warnings (weights do not fit, uneven tensor parallelism, context) read in Chinese', () => {
    const r = servingScenario({
      model: getPreset('llama-2-70b').spec,
      gpu: getGpu('a800-sxm-80gb'),
      gpus: 3,
      batch: 512,
      inputTokens: 8000,
      outputTokens: 200,
    });
    expect(r.warnings.length).toBeGreaterThan(1);
    for (const w of r.warnings) {
      const zh = translate(w.message, 'zh');
      expect(hasTranslation(w.message), w.message).toBe(true);
      expect(englishLeft(zh), `${w.message} → ${zh}`).toEqual([]);
    }
  });

  it('a formula input out of its domain is named by its Chinese label', () => {
    expect(translate(domainMessage('Hidden size H', 'positiveInt'), 'zh')).toBe('隐藏维度 H 必须是不小于 1 的整数');
  });

  it('English stays English, and an unknown message comes back unchanged (never empty)', () => {
    expect(translate('TP = 3 must divide the 32 attention heads: each GPU takes whole heads', 'en')).toBe(
      'TP = 3 must divide the 32 attention heads: each GPU takes whole heads',
    );
    expect(translate('a message nobody wrote', 'zh')).toBe('a message nobody wrote');
    expect(translate('', 'zh')).toBe('');
  });
});
