/**
 * `model <config.json path | preset-id> [--json]`: the exact parameter ledger, the
 * article's approximation beside it, active parameters and the KV cache per token (bf16).
 */
import { readFileSync, existsSync } from 'node:fs';
import { InputError } from '../core/units';
import { parseHfConfigText } from '../core/model/parseHfConfig';
import { getPreset, hasPreset } from '../core/model/presets';
import type { ModelSpec } from '../core/model/spec';
import { activeParams, countParams, paramsApprox } from '../core/params/params';
import { kvCacheBytesPerToken, weightsBytes } from '../core/memory/memory';
import type { Command } from './args';

/** A preset id, or a path to a config.json. */
export function loadModel(arg: string | undefined): { spec: ModelSpec; preset: ReturnType<typeof getPreset> | null } {
  if (!arg) throw new InputError('model', 'a preset id or a path to a config.json is required');
  if (hasPreset(arg)) return { spec: getPreset(arg).spec, preset: getPreset(arg) };
  if (arg.endsWith('.json') || arg.includes('/') || existsSync(arg)) {
    if (!existsSync(arg)) throw new InputError('model', `no file at "${arg}"`);
    const id = arg.split('/').pop()?.replace(/\.json$/, '') ?? arg;
    return { spec: parseHfConfigText(readFileSync(arg, 'utf8'), id === 'config' ? undefined : id), preset: null };
  }
  return { spec: getPreset(arg).spec, preset: null }; // throws the unknown-model error
}

export const modelCommand: Command = {
  usage: 'model <config.json | preset-id> [--json]',
  run(positionals) {
    const { spec, preset } = loadModel(positionals[0]);
    const ledger = countParams(spec);
    const approx = paramsApprox(spec);
    return {
      id: spec.id,
      modelType: spec.modelType,
      params: {
        total: ledger.total,
        embedding: ledger.embedding,
        positionEmbedding: ledger.positionEmbedding,
        lmHead: ledger.lmHead,
        attention: ledger.attention,
        mlp: ledger.mlp,
        denseFfn: ledger.denseFfn,
        experts: ledger.experts,
        sharedExperts: ledger.sharedExperts,
        router: ledger.router,
        norms: ledger.norms,
        biases: ledger.biases,
        perLayer: ledger.perLayer,
        mtp: ledger.mtp,
      },
      paramsApprox: approx.approx,
      paramsApproxError: approx.error,
      paramsApproxTerms: approx.terms,
      activeParams: activeParams(spec),
      kvCacheBytesPerToken: kvCacheBytesPerToken(spec, 2),
      weightsBytes: { bf16: weightsBytes(spec, 'bf16'), fp8: weightsBytes(spec, 'fp8'), int4: weightsBytes(spec, 'int4') },
      official: preset ? { params: preset.officialParams, source: preset.officialParamsSource } : null,
      spec,
    };
  },
};
