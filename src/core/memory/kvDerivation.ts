/**
 * Which formula gives a model's KV cache: the plain 2·L·S'·h_kv·d·s, MLA's latent
 * (r_kv + d_R)·L·S'·s, or the sliding window's 2·L·min(S', W)·h_kv·d·s. The exact figure
 * is always `kvCacheBytes` (./memory.ts); this picks the one derivation that reproduces
 * it, so a view can show its working without choosing a formula itself.
 */
import { windowedLayers } from '../flops/flops';
import type { Derivation } from '../formula';
import type { ModelSpec } from '../model/spec';
import { kvCacheFormula, mlaKvCacheFormula, slidingWindowKvCacheFormula } from './formulas';
import { kvCacheBytes } from './memory';

/**
 * The KV cache of one sequence of S' tokens as the formula that gives this model's exact
 * figure; null when no single formula does (a model that mixes windowed and full layers).
 * @example kvCacheDerivation(getPreset('llama-2-70b').spec, 4000, 2)?.value //=> 1310720000
 * @example kvCacheDerivation(getPreset('deepseek-v3').spec, 1, 2)?.id //=> 'memory.mlaKvCache'
 */
export function kvCacheDerivation(spec: ModelSpec, contextTokens: number, bytesPerElement: number): Derivation | null {
  const Sc = contextTokens;
  const s = bytesPerElement;
  let d: Derivation;
  if (spec.mla) d = mlaKvCacheFormula.derive({ r: spec.mla.kvLoraRank, dR: spec.mla.qkRopeHeadDim, L: spec.layers, Sc, s });
  else if (spec.slidingWindow && windowedLayers(spec) === spec.layers) {
    d = slidingWindowKvCacheFormula.derive({ L: spec.layers, Sc, W: spec.slidingWindow.size, hKv: spec.kvHeads, d: spec.headDim, s });
  } else d = kvCacheFormula.derive({ L: spec.layers, Sc, hKv: spec.kvHeads, d: spec.headDim, s });
  return d.value === kvCacheBytes(spec, Sc, s) ? d : null;
}
