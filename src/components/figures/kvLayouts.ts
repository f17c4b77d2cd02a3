/**
 * Data for the KV-cache layouts figure (chapter 10): what MHA, MQA, GQA and MLA keep per
 * token and layer, and the bytes per token of a real model of each kind. Every number
 * comes from the model presets and the core's memory module (kvElementsPerTokenPerLayer,
 * kvCacheBytesPerToken); this module only picks the models and words the result.
 */
import { bytesPerElement, type Dtype } from '../../core/dtypes';
import { kvCacheBytesPerToken, kvElementsPerTokenPerLayer } from '../../core/memory/memory';
import { getPreset } from '../../core/model/presets';
import type { Lang } from '../../core/i18n/translate';
import { formatBytes, formatInteger } from '../../core/units';
import { figureText, sentences } from './text';

export type KvKind = 'MHA' | 'MQA' | 'GQA' | 'MLA';

export interface KvLayout {
  kind: KvKind;
  model: string;
  /** h */
  heads: number;
  /** h_kv (1 for MQA; for MLA, the heads the latent is expanded to) */
  kvHeads: number;
  /** d */
  headDim: number;
  /** L */
  layers: number;
  /** MLA: r_kv and d_R; null otherwise. */
  mla: { rank: number; ropeDim: number } | null;
  /** Numbers cached per token in one layer: 2·h_kv·d, or r_kv + d_R. */
  elementsPerLayer: number;
  /** Bytes one token adds to the cache over all layers at `dtype`. */
  bytesPerToken: number;
  /** What the cache holds per token and layer, in words. */
  keeps: string;
  /** The same, in short lines for the figure (symbols with _subscripts). */
  lines: string[];
  /** The per-layer count as symbols. */
  formula: string;
}

export interface KvLayoutsFigure {
  dtype: Dtype;
  layouts: KvLayout[];
  description: string;
}

/** The four kinds and the preset that shows each; the kind is checked against the preset's config. */
export const KV_MODELS: readonly { kind: KvKind; preset: string }[] = [
  { kind: 'MHA', preset: 'llama-2-7b' },
  { kind: 'MQA', preset: 'falcon-7b' },
  { kind: 'GQA', preset: 'llama-2-70b' },
  { kind: 'MLA', preset: 'deepseek-v3' },
];

function kindOf(spec: { heads: number; kvHeads: number; mla: unknown }): KvKind {
  if (spec.mla) return 'MLA';
  if (spec.kvHeads === spec.heads) return 'MHA';
  if (spec.kvHeads === 1) return 'MQA';
  return 'GQA';
}

/**
 * One layout per kind of attention, with its model's cache per token at `dtype`, worded in `lang`.
 * @example kvLayoutsFigure().layouts.map((l) => l.bytesPerToken) //=> [524288, 8192, 327680, 70272]
 */
export function kvLayoutsFigure(dtype: Dtype = 'bf16', models: readonly { kind: KvKind; preset: string }[] = KV_MODELS, lang: Lang = 'en'): KvLayoutsFigure {
  const say = figureText(lang);
  const s = bytesPerElement(dtype);
  const layouts = models.map(({ kind, preset: id }): KvLayout => {
    const preset = getPreset(id);
    const spec = preset.spec;
    const actual = kindOf(spec);
    if (actual !== kind) throw new Error(`${preset.name} is ${actual}, not ${kind}`);
    const mla = spec.mla ? { rank: spec.mla.kvLoraRank, ropeDim: spec.mla.qkRopeHeadDim } : null;
    const keeps = {
      MHA: say('a key and a value for each of the h = {} heads', formatInteger(spec.heads)),
      MQA: say('one key and one value shared by all h = {} query heads', formatInteger(spec.heads)),
      GQA: say('a key and a value for each of g = {} groups of query heads (h = {})', formatInteger(spec.kvHeads), formatInteger(spec.heads)),
      MLA: mla
        ? say(
            'one latent of r_kv = {} numbers and one rope key of d_R = {}, shared by all h = {} heads',
            formatInteger(mla.rank),
            formatInteger(mla.ropeDim),
            formatInteger(spec.heads),
          )
        : '',
    }[kind];
    const h = formatInteger(spec.heads);
    const lines = {
      MHA: [say('h = {} query heads,', h), say('each with its own K and V')],
      MQA: [say('h = {} query heads', h), say('share a single K and V')],
      GQA: [say('h = {} query heads in g = {} groups,', h, formatInteger(spec.kvHeads)), say('one K and V per group')],
      MLA: mla
        ? [
            say('h = {} heads share one latent', h),
            say('c_KV of r_kv = {} numbers', formatInteger(mla.rank)),
            say('and one rope key k_R of d_R = {}', formatInteger(mla.ropeDim)),
          ]
        : [],
    }[kind];
    return {
      kind,
      model: preset.name,
      heads: spec.heads,
      kvHeads: spec.kvHeads,
      headDim: spec.headDim,
      layers: spec.layers,
      mla,
      elementsPerLayer: kvElementsPerTokenPerLayer(spec),
      bytesPerToken: kvCacheBytesPerToken(spec, s),
      keeps,
      lines,
      formula: kind === 'MLA' ? 'r_kv + d_R' : '2·h_kv·d',
    };
  });
  const says = (l: KvLayout) =>
    say(
      '{}, {}: {}; {} = {} numbers per token per layer; {} per token over L = {} layers',
      l.kind,
      l.model,
      l.keeps,
      l.formula.replace(/·/g, ' × '),
      formatInteger(l.elementsPerLayer),
      formatBytes(l.bytesPerToken),
      formatInteger(l.layers),
    );
  const description = say(
    'What the KV cache keeps per token and layer, and the bytes per token of a real model of each kind ({}, all layers). {}.',
    dtype,
    sentences(lang, layouts.map(says)),
  );
  return { dtype, layouts, description };
}
