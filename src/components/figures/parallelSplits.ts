/**
 * Data for the four-splits figure (chapter 9): the same [B, S, H] × L workload cut along
 * B (data), S (context), L (pipeline) and the heads and FFN width (tensor), with what one
 * GPU holds under each cut for a real model. Per-GPU sizes come from the core's
 * perGpuDims; this module only words them.
 */
import type { Dim } from '../../core/flops/stages';
import { getPreset } from '../../core/model/presets';
import { perGpuDims, type SplitDegrees, type SplitDims } from '../../core/parallel/splits';
import type { Lang } from '../../core/i18n/translate';
import { formatInteger } from '../../core/units';
import { figureText, sentences } from './text';

export type SplitKey = 'data' | 'context' | 'pipeline' | 'tensor';

export interface SplitPanel {
  key: SplitKey;
  title: string;
  /** The degree's symbol and value. */
  degree: { symbol: string; value: number };
  /** What one GPU holds: its activation shape and its number of layers. */
  shape: Dim[];
  layers: Dim;
  /** The cut dimension, "per GPU of total", e.g. "B/D = 1 of 4 sequences". */
  cut: { label: string; perGpu: number; total: number; unit: string }[];
  perGpu: SplitDims;
}

export interface ParallelSplitsFigure {
  model: string;
  dims: SplitDims;
  panels: SplitPanel[];
  description: string;
}

/**
 * The four cuts of `presetId`'s training workload (B sequences of S tokens), each at `degree` GPUs,
 * worded in `lang`.
 * @example parallelSplitsFigure('llama-2-70b', 4, 4096, 4).panels.map((p) => p.perGpu.layers) //=> [80, 80, 20, 80]
 */
export function parallelSplitsFigure(presetId: string, batch: number, seq: number, degree: number, lang: Lang = 'en'): ParallelSplitsFigure {
  const say = figureText(lang);
  const preset = getPreset(presetId);
  const spec = preset.spec;
  const dims: SplitDims = {
    batch,
    seq,
    layers: spec.layers,
    hidden: spec.hidden,
    heads: spec.heads,
    kvHeads: spec.kvHeads,
    ffnWidth: spec.ffnWidth,
  };
  const one: SplitDegrees = { dp: 1, cp: 1, pp: 1, tp: 1 };
  const panel = (
    key: SplitKey,
    title: string,
    symbol: string,
    degrees: SplitDegrees,
    labels: { B: string; S: string; L: string },
    cut: (g: SplitDims) => SplitPanel['cut'],
  ): SplitPanel => {
    const g = perGpuDims(dims, degrees);
    return {
      key,
      title,
      degree: { symbol, value: degree },
      shape: [
        { label: labels.B, size: g.batch },
        { label: labels.S, size: g.seq },
        { label: 'H', size: g.hidden },
      ],
      layers: { label: labels.L, size: g.layers },
      cut: cut(g),
      perGpu: g,
    };
  };
  const panels = [
    panel('data', say('Data parallel: split B'), 'D', { ...one, dp: degree }, { B: 'B/D', S: 'S', L: 'L' }, (g) => [
      { label: 'B/D', perGpu: g.batch, total: dims.batch, unit: say('sequences') },
    ]),
    panel('context', say('Context parallel: split S'), 'c', { ...one, cp: degree }, { B: 'B', S: 'S/c', L: 'L' }, (g) => [
      { label: 'S/c', perGpu: g.seq, total: dims.seq, unit: say('tokens') },
    ]),
    panel('pipeline', say('Pipeline parallel: split L'), 'p', { ...one, pp: degree }, { B: 'B', S: 'S', L: 'L/p' }, (g) => [
      { label: 'L/p', perGpu: g.layers, total: dims.layers, unit: say('layers') },
    ]),
    panel('tensor', say('Tensor parallel: split h and I'), 't', { ...one, tp: degree }, { B: 'B', S: 'S', L: 'L' }, (g) => [
      { label: 'h/t', perGpu: g.heads, total: dims.heads, unit: say('heads') },
      { label: 'I/t', perGpu: g.ffnWidth, total: dims.ffnWidth, unit: say('FFN columns') },
    ]),
  ];
  const f = formatInteger;
  const says = (p: SplitPanel) =>
    say(
      '{}: each GPU holds [{}] × {} = [{}] × {} layers, {}',
      p.title,
      p.shape.map((d) => d.label).join(', '),
      p.layers.label,
      p.shape.map((d) => f(d.size)).join(', '),
      f(p.layers.size),
      p.cut.map((c) => cutText(lang, c)).join(lang === 'zh' ? '；' : ' and '),
    );
  const description = say(
    'One {} training workload, B = {} sequences of S = {} tokens through L = {} layers of width H = {}, cut four ways over {} GPUs each. {}.',
    preset.name,
    f(batch),
    f(seq),
    f(dims.layers),
    f(dims.hidden),
    f(degree),
    sentences(lang, panels.map(says)),
  );
  return { model: preset.name, dims, panels, description };
}

/**
 * One cut as text, "h/t = 16 of 64 heads", or without its unit ("I/t = 7,168 of 28,672") where
 * a figure has no room for it.
 */
export function cutText(lang: Lang, c: SplitPanel['cut'][number], withUnit = true): string {
  const say = figureText(lang);
  const f = formatInteger;
  return withUnit ? say('{} = {} of {} {}', c.label, f(c.perGpu), f(c.total), c.unit) : say('{} = {} of {}', c.label, f(c.perGpu), f(c.total));
}
