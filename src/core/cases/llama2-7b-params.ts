/**
 * Case: where the "7B" of Llama 2 7B comes from, exactly, and what training and
 * inference cost per token.
 *
 * Llama 2's block: RMSNorm (weight only) before attention and FFN, Q/K/V/O of H×H
 * (MHA: h_kv = h), a SwiGLU FFN of three H×I matrices, untied embedding and LM head of
 * V×H each, a final RMSNorm:
 *   N = 2·V·H + L·(4·H² + 3·H·I + 2·H) + H
 * @see meta-llama/Llama-2-7b-hf config.json: L = 32, H = 4096, I = 11008, V = 32000
 */
import { checkInputs, defineFormula } from '../formula';
import { getPreset } from '../model/presets';
import { parseHfConfigText } from '../model/parseHfConfig';
import type { ModelSpec } from '../model/spec';
import { attentionWeights, countParams, embeddingWeights, ffnWeights, paramsApprox } from '../params/params';
import { paramsApproxFormula } from '../params/formulas';
import { perTokenFlopsFormula } from '../flops/formulas';
import { trainingFlopsPerTokenFormula } from '../training/compute';
import { InputError, formatInteger, formatPercent, formatSI, formatSignificant } from '../units';
import { applyOverrides, type WorkedCase } from './types';

export const llamaParamsFormula = defineFormula({
  id: 'cases.llamaParams',
  anchor: 'llama-params',
  page: 'cases',
  title: 'Parameters of a Llama-style model',
  description: 'Untied V×H embedding and LM head, then per layer Q, K, V, O (4·H²), a gated FFN (3·H·I) and two RMSNorm weights (2·H), and a final norm (H).',
  lhs: 'N',
  unit: 'params',
  symbols: { V: 'V', H: 'H', L: 'L', I: 'I' },
  labels: { V: 'Vocabulary V', H: 'Hidden size H', L: 'Layers L', I: 'FFN width I' },
  domains: { V: 'positiveInt', H: 'positiveInt', L: 'positiveInt', I: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.V} \cdot ${v.H} + ${v.L} \cdot (4 \cdot ${v.H}^2 + 3 \cdot ${v.H} \cdot ${v.I} + 2 \cdot ${v.H}) + ${v.H}`,
  // The parts' own arithmetic (../params/params.ts): two tables, L layers of MHA attention, a gated FFN and two norms, a final norm.
  compute: ({ V, H, L, I }) =>
    2 * embeddingWeights({ vocab: V, hidden: H }) +
    L * (attentionWeights({ hidden: H, heads: 1, kvHeads: 1, headDim: H }) + ffnWeights({ hidden: H, width: I, gated: true }) + 2 * H) +
    H,
  // Llama 2 7B: 6,738,415,616
  example: { V: 32000, H: 4096, L: 32, I: 11008 },
  notes: ['Holds for MHA Llama models (Llama 2 7B/13B); GQA shrinks K and V to H·h_kv·d each.'],
});

export interface Llama2ParamsAssumptions {
  /** Preset whose config is counted, or 'custom' to count `config`. */
  model: string;
  /** A Hugging Face config.json (text), used when model is 'custom'. */
  config: string;
}

export interface Llama2ParamsAnswer {
  /** Exact count from the config, tensor by tensor. */
  params: number;
  /** 6N */
  trainFlopsPerToken: number;
  /** 2N */
  inferenceFlopsPerToken: number;
  /** 12·L·H² + V·H */
  paramsApprox: number;
  /** (approx − exact) / exact */
  approxRelativeError: number;
  breakdown: { embedding: number; lmHead: number; attention: number; mlp: number; norms: number };
}

export const LLAMA2_PARAMS_DEFAULTS: Readonly<Llama2ParamsAssumptions> = { model: 'llama-2-7b', config: '' };

/** A pasted config; its parser errors are reported on the `config` assumption, naming the config key. */
function customSpec(text: string): ModelSpec {
  if (text.trim() === '') throw new InputError('config', 'model is "custom": give the config.json text in config');
  try {
    return parseHfConfigText(text, 'custom');
  } catch (e) {
    if (e instanceof InputError) throw new InputError('config', `config.json: ${e.message}`);
    throw e;
  }
}

export function llama2ParamsCase(overrides?: Partial<Llama2ParamsAssumptions>): WorkedCase<Llama2ParamsAssumptions, Llama2ParamsAnswer> {
  const a = applyOverrides(LLAMA2_PARAMS_DEFAULTS, overrides);
  const spec = a.model === 'custom' ? customSpec(a.config) : getPreset(a.model).spec;
  const ledger = countParams(spec);
  const N = ledger.total;
  const { layers: L, hidden: H, vocab: V, ffnWidth: I } = spec;
  checkInputs({ L, H, V, I }, { L: 'positiveInt', H: 'positiveInt', V: 'positiveInt', I: 'positiveInt' });
  const approx = paramsApproxFormula.derive({ L, H, V });
  const steps = [];
  // The closed form only describes untied, gated, MHA, RMSNorm Llamas; for others the ledger stands alone.
  const closedFormApplies = spec.ffn === 'gated' && !spec.tiedEmbeddings && spec.kvHeads === spec.heads && spec.heads * spec.headDim === H && spec.moe === null;
  if (closedFormApplies) steps.push({ ...llamaParamsFormula.derive({ V, H, L, I }), title: 'The exact count, by the closed form of a Llama-style model' });
  const trainStep = { ...trainingFlopsPerTokenFormula.derive({ N }), title: 'Training FLOPs per token: 6N with the exact N' };
  const inferStep = { ...perTokenFlopsFormula.derive({ N }), title: 'Inference FLOPs per token: 2N with the exact N' };
  steps.push({ ...approx, title: 'The article’s approximation, 12LH² + VH' }, trainStep, inferStep);
  const gap = paramsApprox(spec);
  const err = gap.relativeError;
  // The term that explains most of the gap, named in the verdict.
  const largest = [...gap.terms].sort((x, y) => Math.abs(y.params) - Math.abs(x.params))[0];
  return {
    id: 'llama2-7b-params',
    title: 'Llama 2 7B: where the 7B comes from',
    question: 'How does Llama 2 7B’s “7B” come out of its config, exactly? And how many FLOPs does training and inference take per token?',
    steps,
    assumptions: a,
    assumptionNotes: {
      model:
        'The Hugging Face config.json of meta-llama/Llama-2-7b-hf: L = 32, H = 4,096, I = 11,008, V = 32,000, untied head. Any preset, or "custom" with a pasted config.',
      config: 'Only read when model is "custom".',
    },
    answer: {
      params: N,
      trainFlopsPerToken: trainStep.value,
      inferenceFlopsPerToken: inferStep.value,
      paramsApprox: approx.value,
      approxRelativeError: err,
      breakdown: {
        embedding: ledger.embedding,
        lmHead: ledger.lmHead,
        attention: ledger.attention,
        mlp: ledger.mlp,
        norms: ledger.norms,
      },
    },
    warnings: [],
    verdict: `${formatInteger(N)} parameters (“${formatSignificant(N / 1e9, 3)}B”); 12LH² + VH gives ${formatInteger(approx.value)} (${formatPercent(err)})${largest ? `, mostly the ${largest.why} (${formatInteger(largest.params)})` : ''}. Training costs 6N ≈ ${formatSI(trainStep.value, 'FLOPs')} per token, inference 2N ≈ ${formatSI(inferStep.value, 'FLOPs')}.`,
  };
}
