/**
 * Parameters, tensor by tensor. Each row is one tensor of the checkpoint (one per layer
 * when `perLayer`), shaped as PyTorch stores it ([out, in] for a Linear weight, experts
 * stacked in front), and the rows add up to the total exactly. Buffers that are not
 * parameters (GPT-2's causal-mask `attn.bias`, rotary `inv_freq`, Gemma's normalizer)
 * are not rows.
 *
 * Beside it, the article's N ≈ 12·L·H² + V·H and which terms make up the gap.
 *
 * Exactness. The counts are doubles, exact as long as they stay within 2^53 − 1. Every
 * count here is a sum of products of non-negative integers, so no intermediate exceeds
 * the total; when the total is at most 2^53 − 1 every row, group and partial sum is exact,
 * and when it is not, `exact` is false and formatters show "≈" with 3 significant figures
 * (formatCount). Within the bounds of src/core/bounds.ts a total stays below about 1e24,
 * finite by far. The work is a fixed number of rows per kind of layer (dense, MoE): no
 * loop runs over layers.
 * @see https://github.com/huggingface/transformers/tree/main/src/transformers/models (each family's modeling code)
 */
import { checkSpec, type ModelSpec } from '../model/spec';

/** What a tensor is part of; the groups partition the total. */
export type ParamGroup = 'embedding' | 'positionEmbedding' | 'attention' | 'mlp' | 'router' | 'norms' | 'lmHead';

export interface ParamRow {
  /** A Llama-style name for the tensor, without the layer prefix (families name them differently). */
  name: string;
  group: ParamGroup;
  /** Shape of one copy (one layer's). */
  shape: number[];
  /** Parameters over all copies: product(shape) × layers. */
  count: number;
  /** True for a tensor repeated in every layer (or every MoE / dense layer). */
  perLayer: boolean;
  /** How many layers hold it (1 for a model-level tensor). */
  layers: number;
  /** A bias vector (also counted in its group). */
  bias: boolean;
}

export interface ParamLedger {
  total: number;
  /**
   * True when every count in the ledger is exact: `total` (and `mtp`) at most 2^53 − 1,
   * which bounds every row, group and the active count below it. False: show "≈" and 3
   * significant figures, never every digit.
   */
  exact: boolean;
  /** Parameters a token passes through (see activeParams); exact when `exact` is. */
  active: number;
  /** Token embedding (and OPT's project_in/out when the embedding is narrower than H). */
  embedding: number;
  positionEmbedding: number;
  /** Untied LM head; 0 when tied to the embedding (counted once, in `embedding`). */
  lmHead: number;
  /** Q, K, V, O projections (or MLA's low-rank matrices) with their biases. */
  attention: number;
  /** Dense FFN + routed experts + shared experts, with biases. */
  mlp: number;
  denseFfn: number;
  experts: number;
  sharedExperts: number;
  /** Router weights, DeepSeek V3's correction bias, Qwen2-MoE's shared-expert gate. */
  router: number;
  /** Every norm's weight (and LayerNorm bias): per layer, final, embedding, q/k, MLA. */
  norms: number;
  /** All bias vectors, already inside the groups above (shown, not added). */
  biases: number;
  /** Parameters of one layer when every layer is the same; null otherwise (MoE with dense layers). */
  perLayer: number | null;
  /** Parameters of one layer, per kind of layer. */
  layerKinds: { kind: 'dense' | 'moe'; layers: number; paramsPerLayer: number }[];
  /** DeepSeek V3 MTP modules: in the checkpoint, not in `total` (embedding and head shared). */
  mtp: number;
  rows: ParamRow[];
}

/**
 * Weights of one layer's Q, K and V projections: H·(h + 2·h_kv)·d (K and V have h_kv heads).
 * The arithmetic the textbook formulas (./formulas.ts) and the FLOP counts (../flops/flops.ts) share.
 * @example qkvWeights({ hidden: 4096, heads: 32, kvHeads: 32, headDim: 128 }) //=> 50331648
 */
export function qkvWeights(p: { hidden: number; heads: number; kvHeads: number; headDim: number }): number {
  return p.hidden * (p.heads + 2 * p.kvHeads) * p.headDim;
}

/**
 * Weights of one layer's output projection: h·d·H.
 * @example outWeights({ hidden: 4096, heads: 32, headDim: 128 }) //=> 16777216
 */
export function outWeights(p: { hidden: number; heads: number; headDim: number }): number {
  return p.heads * p.headDim * p.hidden;
}

/**
 * Weights of one layer's attention, Q, K, V and O: 2·H·h·d + 2·H·h_kv·d; with MHA and
 * h·d = H (heads 1, head dim H) it is 4·H².
 * @example attentionWeights({ hidden: 8192, heads: 64, kvHeads: 8, headDim: 128 }) //=> 150994944
 */
export function attentionWeights(p: { hidden: number; heads: number; kvHeads: number; headDim: number }): number {
  return qkvWeights(p) + outWeights(p);
}

/**
 * Weights of an FFN of width I: 2·H·I for up and down, 3·H·I gated (gate, up, down).
 * @example ffnWeights({ hidden: 4096, width: 11008, gated: true }) //=> 135266304
 */
export function ffnWeights(p: { hidden: number; width: number; gated: boolean }): number {
  return (p.gated ? 3 : 2) * p.hidden * p.width;
}

/**
 * Weights of a V×H embedding table (and of an untied LM head of the same shape): V·H.
 * @example embeddingWeights({ vocab: 32000, hidden: 4096 }) //=> 131072000
 */
export function embeddingWeights(p: { vocab: number; hidden: number }): number {
  return p.vocab * p.hidden;
}

/**
 * One layer as the article counts it: MHA attention 4·H² plus a 4H-wide two-matrix FFN 8·H², 12·H².
 * @example articleLayerWeights(4096) //=> 201326592
 */
export function articleLayerWeights(hidden: number): number {
  return attentionWeights({ hidden, heads: 1, kvHeads: 1, headDim: hidden }) + ffnWeights({ hidden, width: 4 * hidden, gated: false });
}

/**
 * Routed experts a token skips: L_moe·(E − k)·3·H·I_e (each expert a gated FFN).
 * @example idleExpertWeights({ moeLayers: 32, experts: 8, topK: 2, hidden: 4096, expertWidth: 14336 }) //=> 33822867456
 */
export function idleExpertWeights(p: { moeLayers: number; experts: number; topK: number; hidden: number; expertWidth: number }): number {
  return p.moeLayers * (p.experts - p.topK) * ffnWeights({ hidden: p.hidden, width: p.expertWidth, gated: true });
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Norm parameters of width n: RMSNorm has a weight, LayerNorm a weight and usually a bias. */
function normRows(spec: ModelSpec, name: string, n: number, layers: number, perLayer: boolean): ParamRow[] {
  const rows: ParamRow[] = [{ name: `${name}.weight`, group: 'norms', shape: [n], count: n * layers, perLayer, layers, bias: false }];
  if (spec.norm === 'layernorm' && spec.bias.norm) {
    rows.push({ name: `${name}.bias`, group: 'norms', shape: [n], count: n * layers, perLayer, layers, bias: true });
  }
  return rows;
}

/** A Linear layer's weight [out, in] and, when biased, its bias [out]. */
function linearRows(name: string, group: ParamGroup, out: number, inp: number, biased: boolean, layers: number, stack?: number): ParamRow[] {
  const shape = stack === undefined ? [out, inp] : [stack, out, inp];
  const perLayer = true;
  const rows: ParamRow[] = [{ name: `${name}.weight`, group, shape, count: product(shape) * layers, perLayer, layers, bias: false }];
  if (biased) {
    const bshape = stack === undefined ? [out] : [stack, out];
    rows.push({ name: `${name}.bias`, group, shape: bshape, count: product(bshape) * layers, perLayer, layers, bias: true });
  }
  return rows;
}

/** Attention rows of one layer (count per layer = sum with layers = 1). */
function attentionRows(spec: ModelSpec, L: number): ParamRow[] {
  const { hidden: H, heads: h, kvHeads: hkv, headDim: d, mla } = spec;
  if (mla) {
    const qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    const rows: ParamRow[] = [];
    if (mla.qLoraRank === null) {
      rows.push(...linearRows('self_attn.q_proj', 'attention', h * qk, H, false, L));
    } else {
      rows.push(...linearRows('self_attn.q_a_proj', 'attention', mla.qLoraRank, H, spec.bias.qkv, L));
      rows.push(...normRows({ ...spec, norm: 'rmsnorm' }, 'self_attn.q_a_layernorm', mla.qLoraRank, L, true));
      rows.push(...linearRows('self_attn.q_b_proj', 'attention', h * qk, mla.qLoraRank, false, L));
    }
    rows.push(...linearRows('self_attn.kv_a_proj_with_mqa', 'attention', mla.kvLoraRank + mla.qkRopeHeadDim, H, spec.bias.qkv, L));
    rows.push(...normRows({ ...spec, norm: 'rmsnorm' }, 'self_attn.kv_a_layernorm', mla.kvLoraRank, L, true));
    rows.push(...linearRows('self_attn.kv_b_proj', 'attention', h * (mla.qkNopeHeadDim + mla.vHeadDim), mla.kvLoraRank, false, L));
    rows.push(...linearRows('self_attn.o_proj', 'attention', H, h * mla.vHeadDim, spec.bias.attnOut, L));
    return rows;
  }
  const rows = [
    ...linearRows('self_attn.q_proj', 'attention', h * d, H, spec.bias.qkv, L),
    ...linearRows('self_attn.k_proj', 'attention', hkv * d, H, spec.bias.qkv, L),
    ...linearRows('self_attn.v_proj', 'attention', hkv * d, H, spec.bias.qkv, L),
    ...linearRows('self_attn.o_proj', 'attention', H, h * d, spec.bias.attnOut, L),
  ];
  if (spec.extras.qkNorm) {
    rows.push(...normRows(spec, 'self_attn.q_norm', d, L, true), ...normRows(spec, 'self_attn.k_norm', d, L, true));
  }
  return rows;
}

/**
 * An FFN of width I: gated (gate, up, down) or plain (up, down). Routed and shared
 * experts are always gated and never biased in the supported families; `stack` = E
 * stacks the routed experts into one row per matrix.
 */
function ffnRows(spec: ModelSpec, prefix: string, I: number, L: number, stack?: number): ParamRow[] {
  const H = spec.hidden;
  const dense = prefix === 'mlp';
  const biased = dense && spec.bias.ffn;
  if (spec.ffn === 'gated' || !dense) {
    return [
      ...linearRows(`${prefix}.gate_proj`, 'mlp', I, H, biased, L, stack),
      ...linearRows(`${prefix}.up_proj`, 'mlp', I, H, biased, L, stack),
      ...linearRows(`${prefix}.down_proj`, 'mlp', H, I, biased, L, stack),
    ];
  }
  return [...linearRows(`${prefix}.up_proj`, 'mlp', I, H, biased, L), ...linearRows(`${prefix}.down_proj`, 'mlp', H, I, biased, L)];
}

/** Names of the H-wide norms in a layer, by how many there are. */
const LAYER_NORM_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: ['input_layernorm'],
  2: ['input_layernorm', 'post_attention_layernorm'],
  4: ['input_layernorm', 'post_attention_layernorm', 'pre_feedforward_layernorm', 'post_feedforward_layernorm'],
};

/** Every row of one layer kind, for `layers` layers of that kind. */
function layerRows(spec: ModelSpec, kind: 'dense' | 'moe', layers: number): ParamRow[] {
  const rows: ParamRow[] = [];
  if (layers === 0) return rows;
  const H = spec.hidden;
  // At most MAX_NORMS_PER_LAYER (4) steps: checkSpec bounds normsPerLayer.
  for (let i = 0; i < spec.extras.normsPerLayer; i += 1) {
    const name = LAYER_NORM_NAMES[spec.extras.normsPerLayer]?.[i] ?? `layernorm_${i + 1}`;
    rows.push(...normRows(spec, name, H, layers, true));
  }
  rows.push(...attentionRows(spec, layers));
  const moe = spec.moe;
  if (kind === 'dense' || !moe) {
    rows.push(...ffnRows(spec, 'mlp', spec.ffnWidth, layers));
    return rows;
  }
  rows.push(...linearRows('mlp.gate', 'router', moe.experts, H, false, layers));
  if (moe.routerBias) {
    rows.push({
      name: 'mlp.gate.e_score_correction_bias',
      group: 'router',
      shape: [moe.experts],
      count: moe.experts * layers,
      perLayer: true,
      layers,
      bias: true,
    });
  }
  rows.push(...ffnRows(spec, 'mlp.experts', moe.expertWidth, layers, moe.experts));
  if (moe.sharedExperts > 0) {
    rows.push(...ffnRows(spec, 'mlp.shared_experts', moe.sharedExperts * moe.sharedExpertWidth, layers));
  }
  if (moe.sharedExpertGate) rows.push(...linearRows('mlp.shared_expert_gate', 'router', 1, H, false, layers));
  return rows;
}

function sum(rows: readonly ParamRow[], pred: (r: ParamRow) => boolean = () => true): number {
  return rows.reduce((a, r) => (pred(r) ? a + r.count : a), 0);
}

/** The number of layers with a dense FFN and with experts. */
export function layerCounts(spec: ModelSpec): { dense: number; moe: number } {
  if (!spec.moe) return { dense: spec.layers, moe: 0 };
  return { dense: spec.moe.denseLayers, moe: spec.layers - spec.moe.denseLayers };
}

/**
 * The exact parameter ledger of a model, tensor by tensor.
 * total = embedding + positions + L·(norms + attention + FFN or experts) + final norm + untied head.
 * @example countParams(getPreset('llama-2-7b').spec).total //=> 6738415616
 */
export function countParams(spec: ModelSpec): ParamLedger {
  checkSpec(spec);
  const { hidden: H, vocab: V, embeddingDim: E } = spec;
  const rows: ParamRow[] = [];
  const one = (name: string, group: ParamGroup, shape: number[], bias = false): ParamRow => ({
    name,
    group,
    shape,
    count: product(shape),
    perLayer: false,
    layers: 1,
    bias,
  });
  rows.push(one('embed_tokens.weight', 'embedding', [V, E]));
  if (E !== H) {
    rows.push(one('project_in.weight', 'embedding', [H, E]), one('project_out.weight', 'embedding', [E, H]));
  }
  if (spec.extras.embeddingNorm) rows.push(...normRows(spec, 'embed_norm', H, 1, false));
  if (spec.positions === 'learned') rows.push(one('embed_positions.weight', 'positionEmbedding', [spec.maxPositions, H]));

  const counts = layerCounts(spec);
  const denseRows = layerRows(spec, 'dense', counts.dense);
  const moeRows = layerRows(spec, 'moe', counts.moe);
  rows.push(...denseRows, ...moeRows);

  if (spec.extras.finalNorm) rows.push(...normRows(spec, 'norm', H, 1, false));
  if (!spec.tiedEmbeddings) rows.push(one('lm_head.weight', 'lmHead', [V, E]));

  const total = sum(rows);
  const group = (g: ParamGroup) => sum(rows, (r) => r.group === g);
  const layerKinds: ParamLedger['layerKinds'] = [];
  if (counts.dense > 0) layerKinds.push({ kind: 'dense', layers: counts.dense, paramsPerLayer: sum(denseRows) / counts.dense });
  if (counts.moe > 0) layerKinds.push({ kind: 'moe', layers: counts.moe, paramsPerLayer: sum(moeRows) / counts.moe });

  let mtp = 0;
  if (spec.mtpLayers > 0) {
    // DeepSeek V3 MTP module: enorm, hnorm [H], eh_proj [H, 2H], one MoE decoder layer,
    // shared_head.norm [H]; its embedding and head are the main model's (shared, not recounted).
    const mtpLayer = sum(layerRows(spec, spec.moe ? 'moe' : 'dense', 1));
    mtp = spec.mtpLayers * (2 * H + 2 * H * H + mtpLayer + H);
  }

  // Routed experts a token skips in every MoE layer: a part of `total`, so no larger than it.
  const idle = spec.moe
    ? idleExpertWeights({ moeLayers: counts.moe, experts: spec.moe.experts, topK: spec.moe.topK, hidden: H, expertWidth: spec.moe.expertWidth })
    : 0;
  return {
    total,
    exact: total <= Number.MAX_SAFE_INTEGER && mtp <= Number.MAX_SAFE_INTEGER,
    active: total - idle,
    embedding: group('embedding'),
    positionEmbedding: group('positionEmbedding'),
    lmHead: group('lmHead'),
    attention: group('attention'),
    mlp: group('mlp'),
    denseFfn: sum(rows, (r) => r.group === 'mlp' && r.name.startsWith('mlp.') && !r.name.startsWith('mlp.experts') && !r.name.startsWith('mlp.shared_experts')),
    experts: sum(rows, (r) => r.name.startsWith('mlp.experts')),
    sharedExperts: sum(rows, (r) => r.name.startsWith('mlp.shared_experts')),
    router: group('router'),
    norms: group('norms'),
    biases: sum(rows, (r) => r.bias),
    perLayer: layerKinds.length === 1 ? (layerKinds[0] as { paramsPerLayer: number }).paramsPerLayer : null,
    layerKinds,
    mtp,
    rows,
  };
}

/** Parameters of one routed expert (gated: gate, up, down). */
export function expertParams(spec: ModelSpec): number {
  return spec.moe ? ffnWeights({ hidden: spec.hidden, width: spec.moe.expertWidth, gated: true }) : 0;
}

/**
 * Parameters a token passes through: for MoE, the total less the (E − k) routed experts
 * it skips in every MoE layer; for a dense model, the total. Embedding and head are
 * counted, as in Mixtral's "12.9B active". Exact when `countParams(spec).exact` is (the
 * skipped experts are a part of the total, so no intermediate exceeds it).
 * @example activeParams(getPreset('mixtral-8x7b').spec) //=> 12879925248
 */
export function activeParams(spec: ModelSpec): number {
  return countParams(spec).active;
}

/**
 * The article's approximation N ≈ 12·L·H² + V·H (4H² attention + 8H² FFN per layer,
 * one V·H embedding), with no norms, biases, GQA, gated FFN, untied head or experts.
 * @example approxParams({ L: 32, H: 4096, V: 32000 }) //=> 6573522944
 */
export function approxParams({ L, H, V }: { L: number; H: number; V: number }): number {
  return L * articleLayerWeights(H) + embeddingWeights({ vocab: V, hidden: H });
}

export interface ParamsApprox {
  /** 12·L·H² + V·H */
  approx: number;
  exact: number;
  /** exact − approx */
  error: number;
  /** (approx − exact) / exact; negative when the approximation undercounts. */
  relativeError: number;
  /** The gap, term by term; the terms add up to `error`. */
  terms: { term: string; params: number; why: string }[];
  /**
   * True when `exact`, `approx`, `error` and every term are exact integers: the ledger is
   * exact and 12·L·H² + V·H ≤ 2^53 − 1 (each term is a difference of parts of the two).
   * False: show them with "≈" and 3 significant figures (formatCount).
   */
  exactDigits: boolean;
}

/**
 * The approximation beside the exact count, and the terms that explain the gap.
 * @example paramsApprox(getPreset('llama-2-7b').spec).error //=> 164892672
 */
export function paramsApprox(spec: ModelSpec): ParamsApprox {
  const ledger = countParams(spec);
  const { layers: L, hidden: H, vocab: V } = spec;
  const approx = approxParams({ L, H, V });
  const gap = (pred: (r: ParamRow) => boolean) => sum(ledger.rows, pred);
  const isProjectionBias = (r: ParamRow) => r.bias && r.group !== 'norms' && r.group !== 'router';
  const attentionWeightsCounted = gap((r) => r.group === 'attention' && !r.bias);
  const ffnWeightsCounted = gap((r) => (r.group === 'mlp' && !r.bias) || r.group === 'router');
  const terms = [
    {
      term: 'attention',
      params: attentionWeightsCounted - L * attentionWeights({ hidden: H, heads: 1, kvHeads: 1, headDim: H }),
      why: spec.mla
        ? 'MLA low-rank Q and KV projections instead of four H×H matrices'
        : spec.kvHeads !== spec.heads || spec.heads * spec.headDim !== H
          ? `K and V have h_kv·d = ${spec.kvHeads * spec.headDim} outputs and Q has h·d = ${spec.heads * spec.headDim}, not H = ${H} (GQA/MQA or head_dim ≠ H/h)`
          : 'none: four H×H matrices',
    },
    {
      term: 'ffn',
      params: ffnWeightsCounted - L * ffnWeights({ hidden: H, width: 4 * H, gated: false }),
      why: spec.moe
        ? `${spec.moe.experts} routed experts of width ${spec.moe.expertWidth}${spec.moe.sharedExperts ? ', shared experts' : ''}${spec.moe.denseLayers ? ', dense layers' : ''} and a router, instead of one 4H FFN`
        : spec.ffn === 'gated'
          ? `gated FFN: 3·H·I with I = ${spec.ffnWidth}, instead of 2·H·4H`
          : `FFN width I = ${spec.ffnWidth} instead of 4H = ${4 * H}`,
    },
    {
      term: 'lmHead',
      params: ledger.lmHead,
      why: spec.tiedEmbeddings ? 'tied to the embedding: counted once' : 'untied LM head: a second V×H matrix',
    },
    {
      term: 'embedding',
      params: ledger.embedding - embeddingWeights({ vocab: V, hidden: H }),
      why: `embedding width ${spec.embeddingDim} with project_in/out, instead of V×H`,
    },
    { term: 'positionEmbedding', params: ledger.positionEmbedding, why: 'learned position table' },
    { term: 'norms', params: ledger.norms, why: `${spec.norm === 'layernorm' ? 'LayerNorm weights and biases' : 'RMSNorm weights'}` },
    { term: 'biases', params: gap(isProjectionBias), why: 'biases of the projections' },
  ];
  return {
    approx,
    exact: ledger.total,
    error: ledger.total - approx,
    relativeError: (approx - ledger.total) / ledger.total,
    terms: terms.filter((t) => t.params !== 0),
    exactDigits: ledger.exact && approx <= Number.MAX_SAFE_INTEGER,
  };
}
