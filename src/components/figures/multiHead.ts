/**
 * Data for the multi-head reshaping figure (chapter 4): the query tensor split into heads,
 * the heads made a batch dimension, the two attention products, and the merge back, each
 * tensor as symbols and as sizes for one preset. Shapes come from the core's
 * layerTensorShapes; this module only orders and words them.
 */
import type { Dim } from '../../core/flops/stages';
import { layerShapeOf } from '../../core/flops/layer';
import { layerTensorShapes } from '../../core/flops/shapes';
import { getPreset } from '../../core/model/presets';
import { formatInteger } from '../../core/units';
import type { Lang } from '../../core/i18n/translate';
import { clauses, figureText, shapeSentence } from './text';

/** How a tensor is drawn: one block of h adjacent head slices, the slices apart, or h stacked matrices. */
export type Pictogram = 'joined' | 'split' | 'stacked' | 'scores';

export interface HeadTensor {
  key: 'q' | 'qByHead' | 'qHeads' | 'scores' | 'heads' | 'headsBySeq' | 'merged';
  name: string;
  dims: Dim[];
  pictogram: Pictogram;
}

export interface HeadStep {
  /** What turns the tensor before into the one after. */
  verb: string;
  /** False for a view or transpose: no arithmetic at all. */
  computes: boolean;
  /** The other operand, for the two products. */
  operand: { name: string; dims: Dim[] } | null;
}

export interface MultiHeadFigure {
  model: string;
  heads: number;
  headDim: number;
  kvHeads: number;
  /** tensors[i] → steps[i] → tensors[i + 1] */
  tensors: HeadTensor[];
  steps: HeadStep[];
  description: string;
}

/**
 * The tensors of multi-head attention for `presetId`, B sequences of S new tokens over S' positions,
 * worded in `lang`.
 * @example multiHeadFigure('llama-2-7b', 1, 4096, 4096).tensors[3].dims //=> [B 1, h 32, S 4096, S' 4096]
 */
export function multiHeadFigure(presetId: string, batch: number, seq: number, context: number, lang: Lang = 'en'): MultiHeadFigure {
  const say = figureText(lang);
  const preset = getPreset(presetId);
  const spec = preset.spec;
  if (spec.mla) throw new Error(`The multi-head figure draws MHA/GQA heads; ${preset.name} uses MLA`);
  const s = layerTensorShapes(layerShapeOf(spec), { B: batch, S: seq, Sc: context });
  const tensors: HeadTensor[] = [
    { key: 'q', name: 'Q', dims: s.merged, pictogram: 'joined' },
    { key: 'qByHead', name: say('Q by head'), dims: s.qByHead, pictogram: 'split' },
    { key: 'qHeads', name: say('Q, heads first'), dims: s.q, pictogram: 'stacked' },
    { key: 'scores', name: say('Scores, then weights'), dims: s.scores, pictogram: 'scores' },
    { key: 'heads', name: say('Heads’ outputs'), dims: s.heads, pictogram: 'stacked' },
    { key: 'headsBySeq', name: say('Heads side by side'), dims: s.headsBySeq, pictogram: 'split' },
    { key: 'merged', name: say('Merged'), dims: s.merged, pictogram: 'joined' },
  ];
  const steps: HeadStep[] = [
    { verb: 'view', computes: false, operand: null },
    { verb: say('transpose'), computes: false, operand: null },
    { verb: '@ Kᵀ, softmax', computes: true, operand: { name: 'Kᵀ', dims: s.kT } },
    { verb: '@ V', computes: true, operand: { name: 'V', dims: s.kv } },
    { verb: say('transpose'), computes: false, operand: null },
    { verb: 'view', computes: false, operand: null },
  ];
  const parts = tensors.map((tensor, i) => {
    const step = i > 0 ? steps[i - 1] : null;
    // English starts each clause with its verb, so the tensor's name continues the sentence in lower case.
    const name = lang === 'en' ? tensor.name.toLowerCase() : tensor.name;
    const shape = shapeSentence(tensor.dims);
    if (!step) return `${name} ${shape}`;
    return step.operand
      ? say('{} ({} {}) gives {} {}', step.verb, step.operand.name, shapeSentence(step.operand.dims), name, shape)
      : say('{} gives {} {}', step.verb, name, shape);
  });
  const description = say(
    'Multi-head attention in {}: h = {} heads of d = {} numbers. Only the two products compute; the views and transposes only reorder. {}.',
    preset.name,
    formatInteger(spec.heads),
    formatInteger(spec.headDim),
    clauses(lang, parts),
  );
  return { model: preset.name, heads: spec.heads, headDim: spec.headDim, kvHeads: spec.kvHeads, tensors, steps, description };
}
