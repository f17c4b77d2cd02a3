/**
 * Quantized weights as checkpoints store them: the linear layers' weights at q_w bits, a
 * scale (and for asymmetric integer formats a zero point) for every group of g weights of a
 * row, and the rest of the model (embeddings, LM head, norms, router, biases) still 16-bit.
 *
 *   bits per quantized weight   q̄ = q_w + q_s / g                         int4, g = 128, fp16 scale + 4-bit zero: 4.156
 *   weight bytes                M_w = (N_q·q_w + n_g·q_s)/8 + N_16·2       n_g = Σ over tensors of rows·⌈cols/g⌉
 *
 * A decode step reads every weight once, so its weight traffic shrinks with M_w; whether
 * the matmuls also run faster depends on the tensor cores. FP8 weights with FP8 activations
 * run on FP8 tensor cores (Hopper, Ada, Blackwell, MI300); A100 and A800 have none, so there
 * FP8 and INT4 weights are dequantized to 16 bits inside the kernel (weight-only): memory
 * and bandwidth are saved, FLOP/s are not. The scenario engine times each case that way.
 * @see Micikevicius et al., "FP8 Formats for Deep Learning" (2022): E4M3 and E5M2, per-tensor scaling
 * @see Frantar et al., "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers" (ICLR 2023): 4-bit, groups of 128
 * @see Lin et al., "AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration" (MLSys 2024): INT4, group size 128
 */
import type { Dtype } from '../dtypes';
import { bytesPerElement } from '../dtypes';
import { defineFormula, type AnyFormula } from '../formula';
import type { GpuSpec } from '../gpu/spec';
import type { ModelSpec } from '../model/spec';
import { countParams } from '../params/params';
import { InputError } from '../units';

/** How a quantized tensor's scales are laid out. */
export interface WeightQuantization {
  /** 'tensor': one scale per tensor; 'channel': one per output row; a number g: one per g consecutive weights of a row. */
  granularity: 'tensor' | 'channel' | number;
  /** Bits stored per group: 16 for an fp16 scale, 20 with a 4-bit zero point, 32 for an fp32 scale. */
  scaleBits: number;
}

/**
 * The layouts the course assumes per type, each what common checkpoints use: FP8 with one
 * fp32 scale per tensor (vLLM's FP8 checkpoints), INT8 with one fp16 scale per output channel,
 * INT4 in groups of 128 with an fp16 scale and a 4-bit zero point (GPTQ and AWQ).
 */
export const WEIGHT_QUANTIZATION: Readonly<Partial<Record<Dtype, WeightQuantization>>> = {
  fp8: { granularity: 'tensor', scaleBits: 32 },
  int8: { granularity: 'channel', scaleBits: 16 },
  int4: { granularity: 128, scaleBits: 20 },
};

/** The types a weight can be quantized to (8 and 4 bits). */
export function isQuantizedDtype(dtype: Dtype): boolean {
  return dtype === 'fp8' || dtype === 'int8' || dtype === 'int4';
}

function checkLayout(q: WeightQuantization): void {
  if (typeof q.granularity === 'number' && !(Number.isInteger(q.granularity) && q.granularity >= 1 && q.granularity <= 1e9)) {
    throw new InputError('groupSize', 'the group size g must be a whole number of weights from 1 to 1,000,000,000');
  }
  if (!(Number.isFinite(q.scaleBits) && q.scaleBits >= 0 && q.scaleBits <= 128))
    throw new InputError('scaleBits', 'scale bits per group must be from 0 to 128');
}

/**
 * Bits each quantized weight costs with its share of the group's scale: q_w + q_s/g.
 * @example bitsPerQuantizedWeight({ bits: 4, groupSize: 128, scaleBits: 20 }) //=> 4.15625
 */
export function bitsPerQuantizedWeight(p: { bits: number; groupSize: number; scaleBits: number }): number {
  return p.bits + p.scaleBits / p.groupSize;
}

/** What a quantized model's weights are made of. */
export interface QuantizedWeights {
  /** N_q: linear weights of the layers, stored at q_w bits. */
  quantizedParams: number;
  /** N_16: everything else (embeddings, head, norms, router, biases), kept at 16 bits. */
  sixteenBitParams: number;
  /** n_g: scale groups over all quantized tensors. */
  scaleGroups: number;
  /** q_w: bits per quantized weight, before scales. */
  bits: number;
  scaleBits: number;
  /** M_w. */
  bytes: number;
  /** M_w / N: what one parameter costs on average, bytes. */
  bytesPerParam: number;
}

/**
 * A model's weights under a quantized type and scale layout, tensor by tensor from the
 * parameter ledger: the layers' linear weights at the type, their scales, and the rest 16-bit.
 * @example quantizedWeights(getPreset('llama-2-70b').spec, 'int4', WEIGHT_QUANTIZATION.int4).bytes //=> 36613668864
 */
export function quantizedWeights(spec: ModelSpec, dtype: Dtype, layout: WeightQuantization): QuantizedWeights {
  if (!isQuantizedDtype(dtype)) throw new InputError('weightDtype', `only 8- and 4-bit weights are quantized, got ${dtype}`);
  checkLayout(layout);
  const ledger = countParams(spec);
  let quantized = 0;
  let groups = 0;
  for (const row of ledger.rows) {
    if ((row.group !== 'attention' && row.group !== 'mlp') || row.bias) continue;
    const cols = row.shape[row.shape.length - 1] ?? 1;
    const rowsPerCopy = row.count / row.layers / cols;
    quantized += row.count;
    const perRow = layout.granularity === 'tensor' ? 0 : layout.granularity === 'channel' ? 1 : Math.ceil(cols / layout.granularity);
    groups += layout.granularity === 'tensor' ? row.layers : rowsPerCopy * perRow * row.layers;
  }
  const bits = bytesPerElement(dtype) * 8;
  const sixteen = ledger.total - quantized;
  const bytes = quantizedWeightsBytes({ Nq: quantized, qw: bits, ng: groups, qs: layout.scaleBits, N16: sixteen });
  return {
    quantizedParams: quantized,
    sixteenBitParams: sixteen,
    scaleGroups: groups,
    bits,
    scaleBits: layout.scaleBits,
    bytes,
    bytesPerParam: bytes / ledger.total,
  };
}

/**
 * (N_q·q_w + n_g·q_s)/8 + N_16·2 bytes.
 * @example quantizedWeightsBytes({ Nq: 1024, qw: 4, ng: 8, qs: 20, N16: 10 }) //=> 552
 */
export function quantizedWeightsBytes(p: { Nq: number; qw: number; ng: number; qs: number; N16: number }): number {
  return (p.Nq * p.qw + p.ng * p.qs) / 8 + p.N16 * 2;
}

/** A tensor-core rate from the datasheet for a type, or null when the part has none for it in the table. */
export function datasheetPeakFor(gpu: GpuSpec, dtype: Dtype): number | null {
  switch (dtype) {
    case 'fp8':
      return gpu.datasheet.fp8;
    case 'int8':
      return gpu.datasheet.int8;
    case 'int4':
      return null;
    case 'fp16':
      return gpu.datasheet.fp16;
    case 'bf16':
      return gpu.datasheet.bf16;
    case 'tf32':
      return gpu.datasheet.tf32;
    case 'fp32':
      return gpu.datasheet.fp32;
  }
}

export const quantBitsPerWeightFormula = defineFormula({
  id: 'serving.quantBitsPerWeight',
  anchor: 'quant-bits-per-weight',
  page: 'serving-in-practice',
  title: 'Bits per quantized weight, scales included',
  description: 'Each weight’s own bits plus its share of the scale (and zero point) stored for its group of g weights.',
  lhs: '\\bar{q}_w',
  unit: 'count',
  symbols: { qw: 'q_w', qs: 'q_s', g: 'g' },
  labels: { qw: 'Bits per weight', qs: 'Bits of scale and zero point per group', g: 'Weights per group g' },
  domains: { qw: 'positive', qs: 'nonNegative', g: 'positiveInt' },
  tex: (v) => String.raw`${v.qw} + \frac{${v.qs}}{${v.g}}`,
  compute: ({ qw, qs, g }) => bitsPerQuantizedWeight({ bits: qw, scaleBits: qs, groupSize: g }),
  // INT4 in groups of 128 with an fp16 scale and a 4-bit zero point (GPTQ, AWQ): 4 + 20/128.
  example: { qw: 4, qs: 20, g: 128 },
  sig: 4,
  notes: ['Per-tensor scales (FP8) cost nothing measurable; per-channel INT8 scales cost 16 bits per row of thousands of weights.'],
});

export const quantizedWeightsFormula = defineFormula({
  id: 'serving.quantizedWeights',
  anchor: 'quantized-weights',
  page: 'serving-in-practice',
  title: 'Weight memory of a quantized checkpoint',
  description:
    'The layers’ linear weights at q_w bits with one scale group per g weights of a row; embeddings, LM head, norms and biases stay 16-bit, as quantized checkpoints keep them.',
  lhs: 'M_w',
  unit: 'B',
  symbols: { Nq: 'N_q', qw: 'q_w', ng: 'n_g', qs: 'q_s', N16: 'N_{16}' },
  labels: { Nq: 'Quantized weights N_q', qw: 'Bits per weight', ng: 'Scale groups n_g', qs: 'Bits per group', N16: 'Parameters kept 16-bit' },
  domains: { Nq: 'nonNegativeInt', qw: 'positive', ng: 'nonNegativeInt', qs: 'nonNegative', N16: 'nonNegativeInt' },
  tex: (v) => String.raw`\frac{${v.Nq} \cdot ${v.qw} + ${v.ng} \cdot ${v.qs}}{8} + ${v.N16} \cdot 2`,
  compute: quantizedWeightsBytes,
  // Llama 2 70B in INT4, groups of 128 (fp16 scale + 4-bit zero): see the tests for the counts.
  example: { Nq: 68_451_041_280, qw: 4, ng: 534_773_760, qs: 20, N16: 525_606_912 },
  notes: ['Kernels such as Marlin and AWQ’s dequantize to 16 bits on the fly: the weight bytes shrink, the matmuls still run at the 16-bit rate.'],
});

export const quantizationFormulas: AnyFormula[] = [quantBitsPerWeightFormula, quantizedWeightsFormula];
