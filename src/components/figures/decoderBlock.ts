/**
 * Data for the decoder-block figure (chapter 3): every step of a forward pass from token
 * ids to logits, with the weight it reads and the tensor it writes, symbolic and sized for
 * one preset. Shapes come from the core (decoderStages, layerTensorShapes); this module
 * only picks and words them.
 */
import { decoderStages, type Dim } from '../../core/flops/stages';
import { layerShapeOf } from '../../core/flops/layer';
import { layerTensorShapes } from '../../core/flops/shapes';
import { getPreset } from '../../core/model/presets';
import { formatInteger } from '../../core/units';
import type { Lang } from '../../core/i18n/translate';
import { clauses, figureText, N_, plain, shapeSentence } from './text';

export interface FigureStep {
  key: string;
  /** What the step does. */
  title: string;
  /** 'op' reads a weight; 'norm' and 'add' keep the shape; 'io' is the input or the output. */
  kind: 'io' | 'op' | 'norm' | 'add';
  /** The weight it reads (name and shape), if any. */
  weight: { name: string; dims: Dim[] } | null;
  /** The tensor it writes, when its shape differs from the step before or matters. */
  out: Dim[] | null;
  /** Inside the repeated layer. */
  inLayer: boolean;
}

export interface DecoderBlockFigure {
  model: string;
  batch: number;
  seq: number;
  layers: number;
  /** The residual stream's shape, [B, S, H]. */
  residual: Dim[];
  steps: FigureStep[];
  /** The text alternative: the figure's point and its numbers. */
  description: string;
}

/**
 * The steps of `presetId`'s forward pass over B sequences of S tokens, all positions'
 * logits (training, or a prefill that keeps every position's logits), worded in `lang`.
 * @example decoderBlockFigure('llama-2-7b', 1, 4096).steps.find((s) => s.key === 'qkv')?.weight?.dims //=> [H 4096, (h + 2·h_kv)·d 12288]
 */
export function decoderBlockFigure(presetId: string, batch: number, seq: number, lang: Lang = 'en'): DecoderBlockFigure {
  const say = figureText(lang);
  const preset = getPreset(presetId);
  const spec = preset.spec;
  if (spec.mla || spec.moe) throw new Error(`The decoder-block figure draws a dense MHA/GQA layer; ${preset.name} has ${spec.mla ? 'MLA' : 'MoE'}`);
  const trace = decoderStages({ spec, batch, seq, pass: 'training' });
  const shapes = layerTensorShapes(layerShapeOf(spec), { B: trace.batch, S: trace.newTokens, Sc: trace.contextTokens });
  const st = trace.byKey;
  const norm = spec.norm === 'rmsnorm' ? 'RMSNorm' : 'LayerNorm';
  const gated = spec.ffn === 'gated';
  const steps: FigureStep[] = [];
  steps.push({ key: 'tokens', title: say('Token ids'), kind: 'io', weight: null, out: st.tokenizer!.out, inLayer: false });
  steps.push({
    key: 'embedding',
    title: say('Embedding lookup'),
    kind: 'op',
    weight: { name: 'W_E', dims: st.embedding!.weight! },
    out: st.embedding!.out,
    inLayer: false,
  });
  if (st.positions) {
    steps.push({
      key: 'positions',
      title: say('+ position embedding'),
      kind: 'op',
      weight: { name: 'W_P', dims: st.positions.weight! },
      out: null,
      inLayer: false,
    });
  }
  steps.push(
    { key: 'norm1', title: norm, kind: 'norm', weight: null, out: null, inLayer: true },
    { key: 'qkv', title: say('QKV projection'), kind: 'op', weight: { name: 'W_QKV', dims: shapes.wQkv }, out: shapes.qkv, inLayer: true },
    {
      key: 'attention',
      title: say('Multi-head attention'),
      kind: 'op',
      weight: { name: say('scores'), dims: shapes.scores },
      out: shapes.merged,
      inLayer: true,
    },
    { key: 'out', title: say('Output projection'), kind: 'op', weight: { name: 'W_O', dims: shapes.wO }, out: shapes.residual, inLayer: true },
    { key: 'add1', title: say('+ residual'), kind: 'add', weight: null, out: null, inLayer: true },
    { key: 'norm2', title: norm, kind: 'norm', weight: null, out: null, inLayer: true },
    {
      key: 'up',
      title: gated ? say('FFN up and gate') : say('FFN up'),
      kind: 'op',
      weight: { name: gated ? 'W_up, W_gate' : 'W_up', dims: shapes.wUp },
      out: shapes.ffnHidden,
      inLayer: true,
    },
    { key: 'down', title: say('FFN down'), kind: 'op', weight: { name: 'W_down', dims: shapes.wDown }, out: shapes.residual, inLayer: true },
    { key: 'add2', title: say('+ residual'), kind: 'add', weight: null, out: null, inLayer: true },
  );
  if (st.finalNorm) steps.push({ key: 'finalNorm', title: say('Final {}', norm), kind: 'norm', weight: null, out: null, inLayer: false });
  steps.push({ key: 'lmHead', title: say('LM head'), kind: 'op', weight: { name: 'W_head', dims: st.lmHead!.weight! }, out: null, inLayer: false });
  steps.push({ key: 'logits', title: say('Logits'), kind: 'io', weight: null, out: st.lmHead!.out, inLayer: false });

  const L = spec.layers;
  const says = (s: FigureStep) => {
    const out = s.out ? shapeSentence(s.out) : null;
    if (s.kind === 'io') return out ? `${s.title} ${out}` : s.title;
    if (!s.weight) return out ? say('{} gives {}', s.title, out) : s.title;
    const weight = shapeSentence(s.weight.dims);
    if (s.key === 'attention') return out ? say('{} (scores {}) gives {}', s.title, weight, out) : say('{} (scores {})', s.title, weight);
    const name = plain(s.weight.name);
    return out ? say('{} (weight {} {}) gives {}', s.title, name, weight, out) : say('{} (weight {} {})', s.title, name, weight);
  };
  const before = steps.filter((s) => !s.inLayer && steps.indexOf(s) < steps.findIndex((x) => x.inLayer));
  const inside = steps.filter((s) => s.inLayer);
  const after = steps.filter((s) => !s.inLayer && steps.indexOf(s) > steps.findIndex((x) => x.inLayer));
  const description = say(
    trace.batch === 1
      ? N_(
          'The data flow of {} for B = {} sequence of S = {} tokens, every tensor as symbols and sizes. {}. Then each of the L = {} layers, which keep the shape {}: {}. After the last layer: {}.',
        )
      : N_(
          'The data flow of {} for B = {} sequences of S = {} tokens, every tensor as symbols and sizes. {}. Then each of the L = {} layers, which keep the shape {}: {}. After the last layer: {}.',
        ),
    preset.name,
    formatInteger(trace.batch),
    formatInteger(trace.newTokens),
    clauses(lang, before.map(says)),
    formatInteger(L),
    shapeSentence(shapes.residual),
    clauses(lang, inside.map(says)),
    clauses(lang, after.map(says)),
  );
  return {
    model: preset.name,
    batch: trace.batch,
    seq: trace.newTokens,
    layers: L,
    residual: shapes.residual,
    steps,
    description,
  };
}
