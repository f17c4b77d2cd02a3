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
import { plain, shapeSentence } from './text';

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
 * logits (training, or a prefill that keeps every position's logits).
 * @example decoderBlockFigure('llama-2-7b', 1, 4096).steps.find((s) => s.key === 'qkv')?.weight?.dims //=> [H 4096, (h + 2·h_kv)·d 12288]
 */
export function decoderBlockFigure(presetId: string, batch: number, seq: number): DecoderBlockFigure {
  const preset = getPreset(presetId);
  const spec = preset.spec;
  if (spec.mla || spec.moe) throw new Error(`The decoder-block figure draws a dense MHA/GQA layer; ${preset.name} has ${spec.mla ? 'MLA' : 'MoE'}`);
  const trace = decoderStages({ spec, batch, seq, pass: 'training' });
  const shapes = layerTensorShapes(layerShapeOf(spec), { B: trace.batch, S: trace.newTokens, Sc: trace.contextTokens });
  const st = trace.byKey;
  const norm = spec.norm === 'rmsnorm' ? 'RMSNorm' : 'LayerNorm';
  const gated = spec.ffn === 'gated';
  const steps: FigureStep[] = [];
  steps.push({ key: 'tokens', title: 'Token ids', kind: 'io', weight: null, out: st.tokenizer!.out, inLayer: false });
  steps.push({
    key: 'embedding',
    title: 'Embedding lookup',
    kind: 'op',
    weight: { name: 'W_E', dims: st.embedding!.weight! },
    out: st.embedding!.out,
    inLayer: false,
  });
  if (st.positions) {
    steps.push({ key: 'positions', title: '+ position embedding', kind: 'op', weight: { name: 'W_P', dims: st.positions.weight! }, out: null, inLayer: false });
  }
  steps.push(
    { key: 'norm1', title: norm, kind: 'norm', weight: null, out: null, inLayer: true },
    { key: 'qkv', title: 'QKV projection', kind: 'op', weight: { name: 'W_QKV', dims: shapes.wQkv }, out: shapes.qkv, inLayer: true },
    { key: 'attention', title: 'Multi-head attention', kind: 'op', weight: { name: 'scores', dims: shapes.scores }, out: shapes.merged, inLayer: true },
    { key: 'out', title: 'Output projection', kind: 'op', weight: { name: 'W_O', dims: shapes.wO }, out: shapes.residual, inLayer: true },
    { key: 'add1', title: '+ residual', kind: 'add', weight: null, out: null, inLayer: true },
    { key: 'norm2', title: norm, kind: 'norm', weight: null, out: null, inLayer: true },
    {
      key: 'up',
      title: gated ? 'FFN up and gate' : 'FFN up',
      kind: 'op',
      weight: { name: gated ? 'W_up, W_gate' : 'W_up', dims: shapes.wUp },
      out: shapes.ffnHidden,
      inLayer: true,
    },
    { key: 'down', title: 'FFN down', kind: 'op', weight: { name: 'W_down', dims: shapes.wDown }, out: shapes.residual, inLayer: true },
    { key: 'add2', title: '+ residual', kind: 'add', weight: null, out: null, inLayer: true },
  );
  if (st.finalNorm) steps.push({ key: 'finalNorm', title: `Final ${norm}`, kind: 'norm', weight: null, out: null, inLayer: false });
  steps.push({ key: 'lmHead', title: 'LM head', kind: 'op', weight: { name: 'W_head', dims: st.lmHead!.weight! }, out: null, inLayer: false });
  steps.push({ key: 'logits', title: 'Logits', kind: 'io', weight: null, out: st.lmHead!.out, inLayer: false });

  const L = spec.layers;
  const says = (s: FigureStep) => {
    const w = s.weight ? ` (${s.weight.name === 'scores' ? 'scores' : `weight ${plain(s.weight.name)}`} ${shapeSentence(s.weight.dims)})` : '';
    const o = s.out ? `${s.kind === 'io' ? '' : ' gives'} ${shapeSentence(s.out)}` : '';
    return `${s.title}${w}${o}`;
  };
  const before = steps.filter((s) => !s.inLayer && steps.indexOf(s) < steps.findIndex((x) => x.inLayer));
  const inside = steps.filter((s) => s.inLayer);
  const after = steps.filter((s) => !s.inLayer && steps.indexOf(s) > steps.findIndex((x) => x.inLayer));
  const description =
    `The data flow of ${preset.name} for B = ${formatInteger(trace.batch)} ${trace.batch === 1 ? 'sequence' : 'sequences'} of S = ${formatInteger(trace.newTokens)} tokens, ` +
    `every tensor as symbols and sizes. ${before.map(says).join('; ')}. ` +
    `Then each of the L = ${formatInteger(L)} layers, which keep the shape ${shapeSentence(shapes.residual)}: ${inside.map(says).join('; ')}. ` +
    `After the last layer: ${after.map(says).join('; ')}.`;
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
