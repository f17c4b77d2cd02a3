/**
 * Data for the KV-cache layouts figure (chapter 10): what MHA, MQA, GQA and MLA keep per
 * token and layer, and the bytes per token of a real model of each kind. Every number
 * comes from the model presets and the core's memory module (kvElementsPerTokenPerLayer,
 * kvCacheBytesPerToken); this module only picks the models and words the result.
 */
import { bytesPerElement, type Dtype } from '../../core/dtypes';
import { kvCacheBytesPerToken, kvElementsPerTokenPerLayer } from '../../core/memory/memory';
import { getPreset } from '../../core/model/presets';
import { formatBytes, formatInteger } from '../../core/units';

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
 * One layout per kind of attention, with its model's cache per token at `dtype`.
 * @example kvLayoutsFigure().layouts.map((l) => l.bytesPerToken) //=> [524288, 8192, 327680, 70272]
 */
export function kvLayoutsFigure(dtype: Dtype = 'bf16', models: readonly { kind: KvKind; preset: string }[] = KV_MODELS): KvLayoutsFigure {
  const s = bytesPerElement(dtype);
  const layouts = models.map(({ kind, preset: id }): KvLayout => {
    const preset = getPreset(id);
    const spec = preset.spec;
    const actual = kindOf(spec);
    if (actual !== kind) throw new Error(`${preset.name} is ${actual}, not ${kind}`);
    const mla = spec.mla ? { rank: spec.mla.kvLoraRank, ropeDim: spec.mla.qkRopeHeadDim } : null;
    const keeps = {
      MHA: `a key and a value for each of the h = ${formatInteger(spec.heads)} heads`,
      MQA: `one key and one value shared by all h = ${formatInteger(spec.heads)} query heads`,
      GQA: `a key and a value for each of g = ${formatInteger(spec.kvHeads)} groups of query heads (h = ${formatInteger(spec.heads)})`,
      MLA: mla
        ? `one latent of r_kv = ${formatInteger(mla.rank)} numbers and one rope key of d_R = ${formatInteger(mla.ropeDim)}, shared by all h = ${formatInteger(spec.heads)} heads`
        : '',
    }[kind];
    const h = formatInteger(spec.heads);
    const lines = {
      MHA: [`h = ${h} query heads,`, 'each with its own K and V'],
      MQA: [`h = ${h} query heads`, 'share a single K and V'],
      GQA: [`h = ${h} query heads in g = ${formatInteger(spec.kvHeads)} groups,`, 'one K and V per group'],
      MLA: mla
        ? [
            `h = ${h} heads share one latent`,
            `c_KV of r_kv = ${formatInteger(mla.rank)} numbers`,
            `and one rope key k_R of d_R = ${formatInteger(mla.ropeDim)}`,
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
  const description =
    `What the KV cache keeps per token and layer, and the bytes per token of a real model of each kind (${dtype}, all layers). ` +
    layouts
      .map(
        (l) =>
          `${l.kind}, ${l.model}: ${l.keeps}; ${l.formula.replace(/·/g, ' × ')} = ${formatInteger(l.elementsPerLayer)} numbers per token per layer; ` +
          `${formatBytes(l.bytesPerToken)} per token over L = ${formatInteger(l.layers)} layers`,
      )
      .join('. ') +
    '.';
  return { dtype, layouts, description };
}
