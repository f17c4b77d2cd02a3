/**
 * `model <config.json path | preset-id> [--json]`: the exact parameter ledger, the
 * article's approximation beside it, active parameters and the KV cache per token (bf16).
 * `model list`: every preset with its exact count and whether it matches the official one.
 */
import { existsSync } from 'node:fs';
import { MAX_EXACT_INTEGER } from '../core/bounds';
import { kvCacheBytesPerToken, weightsBytes } from '../core/memory/memory';
import { parseHfConfig } from '../core/model/parseHfConfig';
import { PRESETS, getPreset, hasPreset } from '../core/model/presets';
import type { ModelSpec } from '../core/model/spec';
import { activeParams, countParams, paramsApprox } from '../core/params/params';
import { InputError, formatInteger } from '../core/units';
import { defineCommand, type FlagTable } from './args';
import { readConfigFile } from './files';
import type { CliWarning } from './output';

/** `model` takes no flags besides --json and --help. */
export const MODEL_FLAGS = {} as const satisfies FlagTable;

/**
 * A preset id, or a path to a config.json (checked: exists, not a directory, at most
 * 50 MB, valid JSON, every size within its bound).
 * @example loadModel('llama-2-7b').spec.layers //=> 32
 */
export function loadModel(arg: string | undefined): { spec: ModelSpec; preset: ReturnType<typeof getPreset> | null } {
  if (!arg) throw new InputError('model', 'a preset id (see `model list`) or a path to a config.json is required');
  if (hasPreset(arg)) return { spec: getPreset(arg).spec, preset: getPreset(arg) };
  if (arg.endsWith('.json') || arg.includes('/') || arg.includes('\\') || existsSync(arg)) {
    const json = readConfigFile(arg);
    const id =
      arg
        .split(/[/\\]/)
        .pop()
        ?.replace(/\.json$/, '') ?? arg;
    return { spec: parseHfConfig(json, id === 'config' || id === '' ? undefined : id), preset: null };
  }
  return { spec: getPreset(arg).spec, preset: null }; // throws the unknown-model error
}

/**
 * Warnings for counts a double cannot hold exactly (above 2^53 − 1): the ledger's
 * figures are then approximate, not "exact".
 * @example inexactCountWarnings({ total: 6738415616 }) //=> []
 */
export function inexactCountWarnings(counts: Readonly<Record<string, number | boolean | null>>): CliWarning[] {
  const big = Object.entries(counts).filter(([, v]) => typeof v === 'number' && Math.abs(v) > MAX_EXACT_INTEGER);
  if (big.length === 0) return [];
  return [
    {
      code: 'inexact-count',
      message: `${big.map(([k]) => `params.${k}`).join(', ')} exceed${big.length === 1 ? 's' : ''} ${formatInteger(MAX_EXACT_INTEGER)} (2^53 − 1), so ${big.length === 1 ? 'it is' : 'they are'} rounded, not exact`,
    },
  ];
}

function listModels(): object {
  return {
    models: PRESETS.map((p) => {
      const total = countParams(p.spec).total;
      return {
        id: p.id,
        name: p.name,
        family: p.family,
        params: total,
        officialParams: p.officialParams,
        matchesOfficial: p.officialParams === null ? null : p.officialParams === total,
      };
    }),
  };
}

/**
 * `model <preset | config.json | list>`: the exact parameter ledger, or every preset.
 * @example modelCommand.execute(['llama-2-7b']) //=> { kind: 'result', result: { id: 'llama-2-7b', params: { total: 6738415616, … }, … }, json: false }
 */
export const modelCommand = defineCommand({
  name: 'model',
  summary: 'Exact parameter ledger of a preset or a config.json, the 12LH² + VH approximation, active parameters, KV cache per token',
  positionals: [{ name: 'model', description: 'a preset id, `list` for every preset, or a path to a Hugging Face config.json' }],
  flags: MODEL_FLAGS,
  run({ positionals }) {
    if (positionals[0] === 'list') return listModels();
    const { spec, preset } = loadModel(positionals[0]);
    const ledger = countParams(spec);
    const approx = paramsApprox(spec);
    const params = {
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
      // False when a count exceeds 2^53 − 1: the figures are then rounded (see warnings).
      exact: ledger.exact,
    };
    return {
      id: spec.id,
      modelType: spec.modelType,
      params,
      paramsApprox: approx.approx,
      paramsApproxError: approx.error,
      paramsApproxTerms: approx.terms,
      activeParams: activeParams(spec),
      kvCacheBytesPerToken: kvCacheBytesPerToken(spec, 2),
      weightsBytes: { bf16: weightsBytes(spec, 'bf16'), fp8: weightsBytes(spec, 'fp8'), int4: weightsBytes(spec, 'int4') },
      official: preset ? { params: preset.officialParams, source: preset.officialParamsSource } : null,
      spec,
      warnings: inexactCountWarnings(params),
    };
  },
});
