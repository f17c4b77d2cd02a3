/**
 * Parameters of one decoder layer as the article counts them: 4·H² for attention (Q, K,
 * V, O, each H×H) plus 8·H² for a 4H-wide two-matrix FFN. The exact count of a real
 * layer, with GQA, gated FFN width, norms and biases, is `layerCost` in ../flops/layer.ts
 * (or `countParams(spec).perLayer`).
 * @see content/04-attention-ffn.mdx
 */
import { defineFormula } from '../formula';
import { articleLayerWeights } from './params';

/** 12·H² per layer. @example //=> 201,326,592 for H=4096 */
export const layerParamsApproxFormula = defineFormula({
  id: 'params.layerApprox',
  anchor: 'layer-params',
  page: 'attention-ffn',
  title: 'Parameters of one layer',
  description: 'Attention 4·H² plus FFN 8·H²; norms and biases (a few H each) are left out, as are GQA and gated FFN widths.',
  lhs: 'N_{\\text{layer}}',
  unit: 'params',
  symbols: { H: 'H' },
  labels: { H: 'Hidden size H' },
  domains: { H: 'positiveInt' },
  tex: (v) => String.raw`4 \cdot ${v.H}^2 + 8 \cdot ${v.H}^2 = 12 \cdot ${v.H}^2`,
  compute: ({ H }) => articleLayerWeights(H),
  example: { H: 4096 },
  approximate: true,
});

export const layerParamsFormulas = [layerParamsApproxFormula];
