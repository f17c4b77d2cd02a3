/**
 * Hostile input, property by property (issue 11): extreme-but-accepted and out-of-bound
 * values fed to the config parser, the parameter ledger, the FLOP counts and the
 * formatters. Every call either throws an InputError that names a field, or returns finite
 * numbers, without unbounded work (performance.now()); formatted text never holds a raw
 * JavaScript exponent, NaN or Infinity.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BOUNDS } from '../../src/core/bounds';
import { FORMULAS } from '../../src/core/registry';
import { decodeStepFlops, forwardFlops, prefillFlops } from '../../src/core/flops/flops';
import { layerCost, type LayerShape } from '../../src/core/flops/layer';
import { decoderStages } from '../../src/core/flops/stages';
import { parseHfConfig, parseHfConfigText } from '../../src/core/model/parseHfConfig';
import { getPreset } from '../../src/core/model/presets';
import type { ModelSpec } from '../../src/core/model/spec';
import { activeParams, countParams } from '../../src/core/params/params';
import {
  InputError,
  formatBytes,
  formatCount,
  formatInteger,
  formatPercent,
  formatQuantity,
  formatScientific,
  formatSeconds,
  formatSI,
  formatSignificant,
  texNumber,
  texQuantity,
  type Unit,
} from '../../src/core/units';
import { HANG_GUARD_MS } from '../support/hangGuard';

/** Per-call time limit, ms. */
const LIMIT_MS = HANG_GUARD_MS;

/** Runs `fn`, returning its value or the error it threw, and how long it took. */
function run<T>(fn: () => T): { out: T | null; error: unknown; ms: number } {
  const t0 = performance.now();
  try {
    const out = fn();
    return { out, error: null, ms: performance.now() - t0 };
  } catch (error) {
    return { out: null, error, ms: performance.now() - t0 };
  }
}

/**
 * Runs `fn` and checks the outcome: an InputError naming a field (one of `fields` when
 * given), or a value; either way within LIMIT_MS. A call over the limit is timed once more,
 * so that a garbage-collection pause is not mistaken for unbounded work (a loop over 1e15
 * layers is over the limit every time). Returns the value, or null after an InputError.
 */
function settle<T>(fn: () => T, fields?: readonly string[]): T | null {
  let r = run(fn);
  if (r.ms >= LIMIT_MS) r = run(fn);
  expect(r.ms).toBeLessThan(LIMIT_MS);
  const e = r.error;
  if (e === null) return r.out;
  if (!(e instanceof InputError)) throw e;
  expect(e.field.length).toBeGreaterThan(0);
  if (fields) expect(fields, e.message).toContain(e.field);
  expect(e.message.length).toBeGreaterThan(0);
  expect(e.message.length).toBeLessThan(1000);
  return null;
}

const finite = (label: string, v: number) => expect(Number.isFinite(v), `${label} = ${v}`).toBe(true);

/** Every count a spec yields is finite, and `exact` says true exactly when the total is within 2^53 − 1. */
function checkCounts(spec: ModelSpec, work: { batch: number; newTokens: number; contextTokens: number }): void {
  const ledger = settle(() => countParams(spec));
  expect(ledger).not.toBeNull();
  if (!ledger) return;
  finite('params.total', ledger.total);
  finite('params.mtp', ledger.mtp);
  for (const r of ledger.rows) finite(r.name, r.count);
  expect(ledger.exact).toBe(ledger.total <= Number.MAX_SAFE_INTEGER && ledger.mtp <= Number.MAX_SAFE_INTEGER);
  const active = settle(() => activeParams(spec));
  if (active !== null) {
    finite('activeParams', active);
    expect(active).toBeGreaterThan(0);
    expect(active).toBeLessThanOrEqual(ledger.total);
  }
  const f = settle(() => forwardFlops({ spec, ...work }), ['batch', 'newTokens', 'contextTokens']);
  if (f) {
    for (const [k, v] of Object.entries(f.components)) finite(k, v);
    finite('flops.total', f.total);
    finite('flops.perToken', f.perToken);
    expect(f.exact).toBe(f.total <= Number.MAX_SAFE_INTEGER);
  }
  const d = settle(() => decodeStepFlops({ spec, batch: work.batch, contextTokens: work.contextTokens }), ['batch', 'contextTokens']);
  if (d) finite('decode.total', d.total);
  const p = settle(() => prefillFlops({ spec, batch: work.batch, promptTokens: work.newTokens }), ['batch', 'newTokens', 'contextTokens']);
  if (p) finite('prefill.total', p.total);
}

/** The shapes of issue 11: a preset config of each family whose numeric keys get hostile values. */
const FAMILIES: ReadonlyArray<[name: string, config: Record<string, unknown>]> = [
  ['llama', getPreset('llama-2-7b').config],
  ['mistral', getPreset('mistral-7b').config],
  ['mixtral', getPreset('mixtral-8x7b').config],
  ['qwen2_moe', getPreset('qwen1.5-moe-a2.7b').config],
  ['qwen3_moe', getPreset('qwen3-30b-a3b').config],
  ['deepseek_v3', getPreset('deepseek-v3').config],
  ['falcon (RefinedWebModel)', getPreset('falcon-7b').config],
  [
    'falcon (new architecture)',
    {
      model_type: 'falcon',
      hidden_size: 8192,
      num_hidden_layers: 60,
      num_attention_heads: 128,
      num_kv_heads: 8,
      new_decoder_architecture: true,
      vocab_size: 65024,
    },
  ],
  ['gemma2', getPreset('gemma-2-9b').config],
  ['gpt2', getPreset('gpt2').config],
  ['opt', getPreset('opt-6.7b').config],
];

/** The numeric keys the parser reads, whether or not a given config has them. */
const KEYS = [
  'num_hidden_layers',
  'n_layer',
  'hidden_size',
  'n_embd',
  'num_attention_heads',
  'n_head',
  'num_key_value_heads',
  'num_kv_heads',
  'head_dim',
  'intermediate_size',
  'n_inner',
  'ffn_dim',
  'ffn_hidden_size',
  'vocab_size',
  'max_position_embeddings',
  'n_positions',
  'word_embed_proj_dim',
  'sliding_window',
  'max_window_layers',
  'num_local_experts',
  'num_experts',
  'n_routed_experts',
  'num_experts_per_tok',
  'n_shared_experts',
  'moe_intermediate_size',
  'shared_expert_intermediate_size',
  'decoder_sparse_step',
  'first_k_dense_replace',
  'moe_layer_freq',
  'num_nextn_predict_layers',
  'q_lora_rank',
  'kv_lora_rank',
  'qk_nope_head_dim',
  'qk_rope_head_dim',
  'v_head_dim',
  'num_ln_in_parallel_attn',
  'mlp_only_layers',
  'layer_types',
] as const;

/** Values from the plausible to the absurd: each bound's edge, 2^53, 1e15, 1e308, non-numbers. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 300 }),
  fc.constantFrom(
    1,
    2,
    4096,
    10_000,
    10_001,
    100_000,
    100_001,
    1e7,
    1e7 + 1,
    1e8,
    1e9,
    2e9,
    2 ** 53,
    2 ** 53 + 2,
    1e15,
    1e200,
    1e308,
    -1,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '4096',
    null,
    true,
    [],
    [0, 1, 2],
    {},
    'x'.repeat(100_000),
  ),
  fc.double({ noNaN: false }),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
);

/** A bounded workload: B ≤ 1e8, S ≤ S' ≤ 1e9, skewed towards the edges. */
const workload = fc
  .record({
    batch: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constantFrom(1e6, BOUNDS.batch.max)),
    newTokens: fc.oneof(fc.integer({ min: 1, max: 8192 }), fc.constantFrom(1e7, BOUNDS.sequence.max)),
    extra: fc.oneof(fc.integer({ min: 0, max: 8192 }), fc.constantFrom(0, 1e8)),
  })
  .map(({ batch, newTokens, extra }) => ({ batch, newTokens, contextTokens: Math.min(BOUNDS.sequence.max, newTokens + extra) }));

describe('parseHfConfig → countParams, activeParams, FLOPs: InputError naming a field, or finite numbers, without unbounded work', () => {
  it.each(FAMILIES)('%s with up to four hostile keys', (_name, base) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KEYS), hostileValue), { minLength: 1, maxLength: 4 }), workload, (patch, work) => {
        const cfg: Record<string, unknown> = { ...base };
        for (const [k, v] of patch) cfg[k] = v;
        const spec = settle(() => parseHfConfig(cfg), [...KEYS, ...Object.keys(cfg), 'config', 'model_type']);
        if (spec) checkCounts(spec, work);
      }),
      { numRuns: 150 },
    );
  });

  it.each(FAMILIES)('%s with each size key past its bound: InputError on that key', (_name, base) => {
    const sized: ReadonlyArray<[key: string, max: number]> = [
      ['num_hidden_layers', BOUNDS.layers.max],
      ['n_layer', BOUNDS.layers.max],
      ['hidden_size', BOUNDS.width.max],
      ['n_embd', BOUNDS.width.max],
      ['intermediate_size', BOUNDS.width.max],
      ['vocab_size', BOUNDS.vocab.max],
      ['num_attention_heads', BOUNDS.heads.max],
      ['n_head', BOUNDS.heads.max],
      ['n_routed_experts', BOUNDS.experts.max],
      ['num_local_experts', BOUNDS.experts.max],
      ['num_experts', BOUNDS.experts.max],
      ['kv_lora_rank', BOUNDS.width.max],
      ['moe_intermediate_size', BOUNDS.width.max],
    ];
    const present = sized.filter(([k]) => Object.hasOwn(base, k));
    expect(present.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.constantFrom(...present),
        fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.constantFrom(1, 2 ** 53, 1e15, 1e200, 1e308)),
        ([key, max], over) => {
          const value = max + over;
          try {
            parseHfConfig({ ...base, [key]: value });
            expect.unreachable(`${key} = ${value} was accepted`);
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
            expect((e as InputError).field).toBe(key);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('parseHfConfigText(any JSON text, any string) throws InputError or parses, without unbounded work', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 40 }), fc.string({ maxLength: 2000 })), (text) => {
        // Fields may be paths into the tree (text_config.num_hidden_layers, a[0]): any non-empty name.
        settle(() => parseHfConfigText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('parseHfConfigText(a config with a hostile key at any depth, __proto__ included) throws InputError or parses, without unbounded work', () => {
    const keyArb = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', ...KEYS), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.constantFrom(...FAMILIES), keyArb, fc.json({ maxDepth: 6 }), ([, base], key, inner) => {
        const text = JSON.stringify(base).replace('{', `{${JSON.stringify(key)}: ${inner},`);
        const spec = settle(() => parseHfConfigText(text));
        if (spec) checkCounts(spec, { batch: 1, newTokens: 1, contextTokens: 1 });
        expect(({} as Record<string, unknown>)['hidden_size']).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

describe('layerCost and decoderStages at any bounded size: finite, without unbounded work', () => {
  const shape = fc.record({
    h: fc.oneof(fc.integer({ min: 1, max: 128 }), fc.constant(BOUNDS.heads.max)),
    group: fc.integer({ min: 1, max: 8 }),
    d: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.constant(BOUNDS.width.max)),
    H: fc.oneof(fc.integer({ min: 1, max: 16384 }), fc.constant(BOUNDS.width.max)),
    I: fc.oneof(fc.integer({ min: 1, max: 65536 }), fc.constant(BOUNDS.width.max)),
    ffn: fc.constantFrom('mlp' as const, 'gated' as const),
    norm: fc.constantFrom('layernorm' as const, 'rmsnorm' as const),
    biases: fc.constantFrom('none' as const, 'qkv' as const, 'all' as const),
  });

  it('layerCost(shape, workload): finite FLOPs and parameters, exact iff every total ≤ 2^53 − 1', () => {
    fc.assert(
      fc.property(shape, workload, fc.constantFrom('causal' as const, 'full' as const), (s, w, attention) => {
        const hKv = s.h % s.group === 0 ? s.h / s.group : s.h;
        const layer: LayerShape = { H: s.H, h: s.h, hKv, d: s.d, I: s.I, ffn: s.ffn, norm: s.norm, biases: s.biases };
        const c = settle(() => layerCost(layer, { B: w.batch, S: w.newTokens, Sc: w.contextTokens, attention }));
        expect(c).not.toBeNull();
        if (!c) return;
        for (const v of [...Object.values(c.flops), ...Object.values(c.params), c.flopsTotal, c.paramsTotal, c.attentionShare]) finite('layer', v);
        if (c.exact) expect(Math.max(c.flopsTotal, c.paramsTotal)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
        expect(c.articleFlops.formatted).not.toMatch(/e[+-]|NaN|Infinity/);
      }),
      { numRuns: 150 },
    );
  });

  it('decoderStages(preset, B, S, pass): finite stages', () => {
    const ids = ['gpt2', 'llama-2-7b', 'mixtral-8x7b', 'deepseek-v3', 'gemma-2-9b', 'opt-6.7b'];
    fc.assert(
      fc.property(fc.constantFrom(...ids), workload, fc.constantFrom('training' as const, 'prefill' as const, 'decode' as const), (id, w, pass) => {
        const t = settle(() => decoderStages({ spec: getPreset(id).spec, batch: w.batch, seq: w.contextTokens, pass }));
        expect(t).not.toBeNull();
        if (!t) return;
        for (const st of t.stages) for (const v of [st.outElements, st.outBytes, st.params, st.flops, st.paramsShare, st.flopsShare]) finite(`${st.key}`, v);
      }),
      { numRuns: 100 },
    );
  });
});

/** Every double, the special values included, and the sizes the issue names. */
const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    1e-30,
    1e-320,
    5e-324,
    1e30,
    1e300,
    1.7976931348623157e308,
    2 ** 53,
    2 ** 53 + 2,
    8.2324758528e23,
    2e24,
    4e23,
    999.96e9,
    999.5e24,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);
const UNITS: readonly Unit[] = ['FLOPs', 'FLOP/s', 'B', 'B/s', 'FLOP/B', 's', 'h', 'GPU-h', 'Hz', 'params', 'tokens', 'tokens/s', 'requests', 'ratio', 'count'];
const RAW = /e\+|e-|NaN|Infinity|undefined/;

describe('formatters: never "e+", "e-", NaN or Infinity, at any number, without unbounded work', () => {
  it('formatSignificant, formatScientific, formatInteger, formatCount, formatSI, formatBytes, formatSeconds, formatPercent, texNumber', () => {
    fc.assert(
      fc.property(anyNumber, fc.integer({ min: 1, max: 6 }), fc.boolean(), (v, sig, exact) => {
        const t0 = performance.now();
        const outs = [
          formatSignificant(v, sig),
          formatScientific(v, sig),
          formatInteger(v),
          formatCount(v, exact),
          formatSI(v, 'FLOPs', sig),
          formatBytes(v, { sig }),
          formatBytes(v, { binary: true, sig }),
          formatSeconds(v, sig),
          formatPercent(v, sig),
          texNumber(v, sig),
        ];
        expect(performance.now() - t0).toBeLessThan(LIMIT_MS);
        for (const out of outs) expect(out, `${v} → ${out}`).not.toMatch(RAW);
        if (!Number.isFinite(v)) for (const out of outs.slice(0, 9)) expect(out).toBe('—');
      }),
      { numRuns: 2000 },
    );
  });

  it('formatQuantity and texQuantity, every unit', () => {
    fc.assert(
      fc.property(anyNumber, fc.constantFrom(...UNITS), (v, unit) => {
        const text = formatQuantity(v, unit);
        const tex = texQuantity(v, unit);
        expect(text, `${v} ${unit} → ${text}`).not.toMatch(RAW);
        expect(tex, `${v} ${unit} → ${tex}`).not.toMatch(RAW);
        // Unicode superscripts never reach TeX: a power of ten is \times 10^{n}.
        expect(tex).not.toMatch(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatInteger(n) prints every digit exactly when |n| ≤ 2^53 − 1, else "≈" and 3 figures', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.double({ min: 2 ** 53, max: 1e308, noNaN: true })),
        (n) => {
          const out = formatInteger(n);
          if (Math.abs(n) <= Number.MAX_SAFE_INTEGER) expect(Number(out.replace(/,/g, ''))).toBe(Math.round(n) + 0);
          else expect(out).toMatch(/^≈ -?\d\.\d\d × 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('every registered formula at extreme inputs: InputError naming a field, or a finite, well-formatted derivation', () => {
  /** Values inside each domain, from 1 to near the top of the doubles. */
  const valueFor = (domain: string): fc.Arbitrary<number> => {
    const big = fc.constantFrom(1, 2, 1e6, 2 ** 53, 1e15, 1e30, 1e100, 1e300);
    switch (domain) {
      case 'positiveInt':
        return fc.oneof(fc.integer({ min: 1, max: 100_000 }), big);
      case 'nonNegativeInt':
        return fc.oneof(fc.integer({ min: 0, max: 100_000 }), big, fc.constant(0));
      case 'fraction':
        return fc.oneof(fc.double({ min: 1e-300, max: 1, noNaN: true }), fc.constantFrom(1, 5e-324));
      case 'positive':
        return fc.oneof(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), big, fc.constant(5e-324));
      default:
        return fc.oneof(fc.double({ min: 0, max: 1e300, noNaN: true }), big);
    }
  };

  it.each(FORMULAS.map((f) => [f.id, f] as const))('%s', (_id, f) => {
    const keys = Object.keys(f.domains);
    const input = fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(f.domains[k] as string)])) as Record<string, fc.Arbitrary<number>>);
    fc.assert(
      fc.property(input, (x) => {
        // This part's formulas name one of their inputs; the others' at least name a field.
        const d = settle(() => f.derive(x), /^(params|flops|variants)\./.test(f.id) ? keys : undefined);
        if (!d) return;
        finite(f.id, d.value);
        expect(d.formatted, `${f.id} ${JSON.stringify(x)}`).not.toMatch(RAW);
        expect(d.substituted, `${f.id} ${JSON.stringify(x)}`).not.toMatch(/NaN|Infinity|undefined|\de[+-]\d/);
        if (d.exact !== null) expect(Math.abs(d.value)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
      }),
      { numRuns: 40 },
    );
  });
});
