/**
 * Activation memory per Transformer layer during training, after Korthikanti et al.
 * 2022, "Reducing Activation Recomputation in Large Transformer Models", §4.
 *
 * Their count, for a GPT block with 16-bit activations and 1-byte dropout masks
 * (s sequence, b micro-batch, H hidden, a heads, t tensor-parallel size):
 *   no parallelism            s·b·H·(34 + 5·a·s/H)
 *   tensor parallel           s·b·H·(10 + 24/t + 5·a·s/(H·t))
 *   tensor + sequence par.    s·b·H/t·(34 + 5·a·s/H)
 *   + selective recompute     s·b·H·34/t      (the a·s² attention terms recomputed)
 *   full recompute            2·s·b·H/t       (only the layer's input kept; t = 1 without SP)
 * The 34 is 11 (attention: QKV input 2, Q and K 4, V 2, output-projection input 2,
 * dropout mask 1) + 19 (MLP: input 2, GeLU input 8, GeLU output 8, mask 1) + 4 (two
 * LayerNorm inputs); 5·a·s/H is the softmax output (2), its dropout mask (1) and the
 * dropped-out scores (2). 10 of the 34 sit outside the tensor-parallel region and are
 * only split by sequence parallelism.
 *
 * `activationBytesDetailed` redoes the count term by term for today's blocks: a gated
 * FFN (SwiGLU keeps gate, up, act(gate) and their product: 4 tensors of width I), GQA
 * (K and V of h_kv·d, not H), no dropout (Llama), and FlashAttention (no s² matrix kept,
 * only the softmax log-sum-exp, 4 bytes per head and token).
 * @see Korthikanti et al. (2022), §4.1 equations 1–2, §4.2, table 2
 */
import { defineFormula } from '../formula';
import { InputError } from '../units';

export type RecomputeMode = 'none' | 'selective' | 'full';

export const RECOMPUTE_MODES: readonly RecomputeMode[] = ['none', 'selective', 'full'];

/** Korthikanti's inputs: sequence s, micro-batch b, hidden H, heads a, tensor-parallel t. */
export interface ActivationShape {
  seq: number;
  microBatch: number;
  hidden: number;
  heads: number;
  /** Tensor-parallel size (1 for none). */
  tp: number;
  /** Sequence parallelism on (splits the 10·s·b·H outside the TP region). */
  sp: boolean;
  recompute: RecomputeMode;
}

function checkShape(p: ActivationShape): void {
  for (const key of ['seq', 'microBatch', 'hidden', 'heads', 'tp'] as const) {
    const v = p[key];
    if (!(Number.isInteger(v) && v >= 1)) throw new InputError(key, `${key} must be a whole number of at least 1`);
  }
  if (!RECOMPUTE_MODES.includes(p.recompute)) {
    throw new InputError('recompute', `recompute must be one of ${RECOMPUTE_MODES.join(', ')}`);
  }
}

/**
 * Activation bytes per layer by Korthikanti et al.'s closed forms.
 * @example activationBytesPerLayer({ seq: 2048, microBatch: 1, hidden: 12288, heads: 96, tp: 1, sp: false, recompute: 'none' }) //=> 2868903936
 */
export function activationBytesPerLayer(p: ActivationShape): number {
  checkShape(p);
  const { seq: s, microBatch: b, hidden: H, heads: a, tp: t } = p;
  const sbh = s * b * H;
  switch (p.recompute) {
    case 'full':
      return (2 * sbh) / (p.sp ? t : 1);
    case 'selective':
      return p.sp ? (34 * sbh) / t : sbh * (10 + 24 / t);
    case 'none':
      return p.sp ? (sbh / t) * (34 + (5 * a * s) / H) : sbh * (10 + 24 / t + (5 * a * s) / (H * t));
  }
}

/** A block as today's models build it, for the term-by-term count. */
export interface DetailedActivationShape extends ActivationShape {
  /** KV heads (h_kv = heads for MHA). */
  kvHeads: number;
  /** Head dimension d. */
  headDim: number;
  /** FFN width I. */
  ffnWidth: number;
  /** 'mlp': up → act → down; 'gated': act(gate)·up → down (SwiGLU). */
  ffn: 'mlp' | 'gated';
  /** Dropout after attention and MLP and on the scores (GPT-3: yes; Llama: no). */
  dropout: boolean;
  /** FlashAttention-style kernel: the s×s scores are never stored. */
  flash: boolean;
  /** Bytes per activation element (2 for bf16/fp16). */
  bytesPerElement?: number;
}

/** One stored tensor: its bytes and whether tensor parallelism splits it. */
export interface ActivationTerm {
  name: string;
  bytes: number;
  /** 'tp': inside the tensor-parallel region (split by t). 'replicated': split only by SP. */
  region: 'tp' | 'replicated';
  /** Quadratic in s: dropped by selective recomputation. */
  quadratic: boolean;
}

/**
 * The tensors a layer keeps for its backward pass, before any parallelism.
 * With GPT-3's block (mlp, I = 4H, h_kv = h, d = H/h, dropout, no flash) they sum to
 * s·b·H·(34 + 5·a·s/H).
 */
export function activationTerms(p: DetailedActivationShape): ActivationTerm[] {
  const e = p.bytesPerElement ?? 2;
  const sb = p.seq * p.microBatch;
  const H = p.hidden;
  const qWidth = p.heads * p.headDim;
  const kvWidth = p.kvHeads * p.headDim;
  const I = p.ffnWidth;
  const terms: ActivationTerm[] = [
    { name: 'attention norm input', bytes: e * sb * H, region: 'replicated', quadratic: false },
    { name: 'QKV projection input', bytes: e * sb * H, region: 'replicated', quadratic: false },
    { name: 'Q', bytes: e * sb * qWidth, region: 'tp', quadratic: false },
    { name: 'K', bytes: e * sb * kvWidth, region: 'tp', quadratic: false },
    { name: 'V', bytes: e * sb * kvWidth, region: 'tp', quadratic: false },
  ];
  const scores = p.heads * p.seq * p.seq * p.microBatch;
  if (p.flash) {
    // FlashAttention keeps the output (counted below) and the fp32 log-sum-exp per head and token.
    terms.push({ name: 'softmax log-sum-exp (fp32)', bytes: 4 * p.heads * sb, region: 'tp', quadratic: false });
  } else {
    terms.push({ name: 'softmax output', bytes: e * scores, region: 'tp', quadratic: true });
    if (p.dropout) {
      terms.push({ name: 'score dropout mask', bytes: scores, region: 'tp', quadratic: true });
      terms.push({ name: 'dropped-out scores', bytes: e * scores, region: 'tp', quadratic: true });
    }
  }
  terms.push({ name: 'output projection input', bytes: e * sb * qWidth, region: 'tp', quadratic: false });
  if (p.dropout) terms.push({ name: 'attention dropout mask', bytes: sb * H, region: 'replicated', quadratic: false });
  terms.push({ name: 'MLP norm input', bytes: e * sb * H, region: 'replicated', quadratic: false });
  terms.push({ name: 'MLP input', bytes: e * sb * H, region: 'replicated', quadratic: false });
  if (p.ffn === 'gated') {
    terms.push({ name: 'gate output (activation input)', bytes: e * sb * I, region: 'tp', quadratic: false });
    terms.push({ name: 'up output', bytes: e * sb * I, region: 'tp', quadratic: false });
    terms.push({ name: 'activated gate', bytes: e * sb * I, region: 'tp', quadratic: false });
    terms.push({ name: 'down projection input', bytes: e * sb * I, region: 'tp', quadratic: false });
  } else {
    terms.push({ name: 'activation input', bytes: e * sb * I, region: 'tp', quadratic: false });
    terms.push({ name: 'down projection input', bytes: e * sb * I, region: 'tp', quadratic: false });
  }
  if (p.dropout) terms.push({ name: 'MLP dropout mask', bytes: sb * H, region: 'replicated', quadratic: false });
  return terms;
}

/**
 * Activation bytes per layer counted term by term, with TP, SP and recomputation applied.
 * @example activationBytesDetailed({ seq: 4096, microBatch: 1, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, ffnWidth: 28672, ffn: 'gated', dropout: false, flash: true, tp: 8, sp: true, recompute: 'none' }) //=> 170000384
 */
export function activationBytesDetailed(p: DetailedActivationShape): number {
  checkShape(p);
  for (const key of ['kvHeads', 'headDim', 'ffnWidth'] as const) {
    const v = p[key];
    if (!(Number.isInteger(v) && v >= 1)) throw new InputError(key, `${key} must be a whole number of at least 1`);
  }
  const e = p.bytesPerElement ?? 2;
  if (p.recompute === 'full') return (e * p.seq * p.microBatch * p.hidden) / (p.sp ? p.tp : 1);
  let total = 0;
  for (const term of activationTerms(p)) {
    if (p.recompute === 'selective' && term.quadratic) continue;
    const split = term.region === 'tp' || p.sp ? p.tp : 1;
    total += term.bytes / split;
  }
  return total;
}

// Korthikanti et al. write s, b, h, a, t; the course's letters are S (sequence), b, H (hidden), h (heads), TP.
const shapeSymbols = { s: 'S', b: 'b', H: 'H', a: 'h' } as const;
const shapeLabels = {
  s: 'Sequence length S',
  b: 'Micro-batch size b',
  H: 'Hidden size H',
  a: 'Attention heads h',
} as const;
const shapeDomains = { s: 'positiveInt', b: 'positiveInt', H: 'positiveInt', a: 'positiveInt' } as const;
const korthikantiNote =
  'Korthikanti et al. 2022, §4 (their s, a, t are S, h, TP here); 16-bit activations, 1-byte dropout masks, GPT block (I = 4H, MHA, dropout).';

export const activationBytesFormula = defineFormula({
  id: 'training.activationBytes',
  anchor: 'activation-memory',
  page: 'training',
  title: 'Activation memory per layer',
  description: 'Bytes one Transformer layer keeps for its backward pass, with no parallelism and no recomputation.',
  lhs: 'M_{\\text{act}}',
  unit: 'B',
  symbols: shapeSymbols,
  labels: shapeLabels,
  domains: shapeDomains,
  tex: (v) => String.raw`${v.s} \cdot ${v.b} \cdot ${v.H} \cdot \left(34 + \frac{5 \cdot ${v.a} \cdot ${v.s}}{${v.H}}\right)`,
  compute: ({ s, b, H, a }) => activationBytesPerLayer({ seq: s, microBatch: b, hidden: H, heads: a, tp: 1, sp: false, recompute: 'none' }),
  // GPT-3 175B at s = 2048, b = 1 (Korthikanti table 3's model).
  example: { s: 2048, b: 1, H: 12288, a: 96 },
  notes: [
    korthikantiNote,
    '34 = 11 (attention) + 19 (MLP) + 4 (norms); 5·h·S/H is the softmax output, its dropout mask and the dropped-out scores.',
    'Gated FFNs, GQA, no dropout and FlashAttention change the constants; see the term-by-term count.',
  ],
});

export const activationBytesTpFormula = defineFormula({
  id: 'training.activationBytesTp',
  anchor: 'activation-memory-tp',
  page: 'training',
  title: 'Activation memory per layer with tensor parallelism',
  description: 'Tensor parallelism over TP GPUs splits 24 of the 34 and the attention scores; 10·S·b·H stays on every GPU.',
  lhs: 'M_{\\text{act}}^{\\text{TP}}',
  unit: 'B',
  symbols: { ...shapeSymbols, t: '\\mathrm{TP}' },
  labels: { ...shapeLabels, t: 'Tensor-parallel size TP' },
  domains: { ...shapeDomains, t: 'positiveInt' },
  tex: (v) => String.raw`${v.s} \cdot ${v.b} \cdot ${v.H} \cdot \left(10 + \frac{24}{${v.t}} + \frac{5 \cdot ${v.a} \cdot ${v.s}}{${v.H} \cdot ${v.t}}\right)`,
  compute: ({ s, b, H, a, t }) => activationBytesPerLayer({ seq: s, microBatch: b, hidden: H, heads: a, tp: t, sp: false, recompute: 'none' }),
  example: { s: 2048, b: 1, H: 12288, a: 96, t: 8 },
  notes: [korthikantiNote],
});

export const activationBytesTpSpFormula = defineFormula({
  id: 'training.activationBytesTpSp',
  anchor: 'activation-memory-tp-sp',
  page: 'training',
  title: 'Activation memory per layer with tensor and sequence parallelism',
  description: 'Sequence parallelism splits the norms and dropouts along S, so every term is divided by TP.',
  lhs: 'M_{\\text{act}}^{\\text{TP+SP}}',
  unit: 'B',
  symbols: { ...shapeSymbols, t: '\\mathrm{TP}' },
  labels: { ...shapeLabels, t: 'Tensor-parallel size TP' },
  domains: { ...shapeDomains, t: 'positiveInt' },
  tex: (v) => String.raw`\frac{${v.s} \cdot ${v.b} \cdot ${v.H}}{${v.t}} \cdot \left(34 + \frac{5 \cdot ${v.a} \cdot ${v.s}}{${v.H}}\right)`,
  compute: ({ s, b, H, a, t }) => activationBytesPerLayer({ seq: s, microBatch: b, hidden: H, heads: a, tp: t, sp: true, recompute: 'none' }),
  example: { s: 2048, b: 1, H: 12288, a: 96, t: 8 },
  notes: [korthikantiNote],
});

export const activationBytesSelectiveFormula = defineFormula({
  id: 'training.activationBytesSelective',
  anchor: 'activation-memory-selective',
  page: 'training',
  title: 'Activation memory per layer with selective recomputation',
  description: 'Recomputing only the attention scores (cheap in FLOPs, large in memory) removes the 5·h·S/H term; with TP and SP what remains is 34·S·b·H/TP.',
  lhs: 'M_{\\text{act}}^{\\text{sel}}',
  unit: 'B',
  symbols: { s: 'S', b: 'b', H: 'H', t: '\\mathrm{TP}' },
  labels: { s: shapeLabels.s, b: shapeLabels.b, H: shapeLabels.H, t: 'Tensor-parallel size TP' },
  domains: { s: 'positiveInt', b: 'positiveInt', H: 'positiveInt', t: 'positiveInt' },
  tex: (v) => String.raw`\frac{34 \cdot ${v.s} \cdot ${v.b} \cdot ${v.H}}{${v.t}}`,
  compute: ({ s, b, H, t }) => activationBytesPerLayer({ seq: s, microBatch: b, hidden: H, heads: 1, tp: t, sp: true, recompute: 'selective' }),
  example: { s: 2048, b: 1, H: 12288, t: 8 },
  notes: [korthikantiNote, 'Costs about 2–4% more FLOPs for GPT-3-sized models (the paper’s table 4).'],
});

export const activationBytesFullFormula = defineFormula({
  id: 'training.activationBytesFull',
  anchor: 'activation-memory-full',
  page: 'training',
  title: 'Activation memory per layer with full recomputation',
  description:
    'Keeping only each layer’s input and recomputing the rest in the backward pass: 2·S·b·H bytes, split by TP under sequence parallelism (TP = 1 otherwise).',
  lhs: 'M_{\\text{act}}^{\\text{full}}',
  unit: 'B',
  symbols: { s: 'S', b: 'b', H: 'H', t: '\\mathrm{TP}' },
  labels: { s: shapeLabels.s, b: shapeLabels.b, H: shapeLabels.H, t: 'Tensor-parallel size TP (with sequence parallelism; 1 without)' },
  domains: { s: 'positiveInt', b: 'positiveInt', H: 'positiveInt', t: 'positiveInt' },
  tex: (v) => String.raw`\frac{2 \cdot ${v.s} \cdot ${v.b} \cdot ${v.H}}{${v.t}}`,
  compute: ({ s, b, H, t }) => activationBytesPerLayer({ seq: s, microBatch: b, hidden: H, heads: 1, tp: t, sp: true, recompute: 'full' }),
  example: { s: 2048, b: 1, H: 12288, t: 1 },
  notes: [korthikantiNote, 'The price is one more forward pass: 8N FLOPs per token instead of 6N.'],
});

/** The formula that gives the per-layer bytes for this parallelism and recomputation. */
export function activationFormulaFor(p: { sp: boolean; tp: number; recompute: RecomputeMode }) {
  if (p.recompute === 'full') return activationBytesFullFormula;
  if (p.recompute === 'selective') return p.sp ? activationBytesSelectiveFormula : null;
  if (p.sp) return activationBytesTpSpFormula;
  return p.tp > 1 ? activationBytesTpFormula : activationBytesFormula;
}

export const trainingActivationFormulas = [
  activationBytesFormula,
  activationBytesTpFormula,
  activationBytesTpSpFormula,
  activationBytesSelectiveFormula,
  activationBytesFullFormula,
];
