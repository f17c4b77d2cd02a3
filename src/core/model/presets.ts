/**
 * Presets: real models from their original Hugging Face configs (src/data/models/), each
 * parsed by parseHfConfig, with the official parameter count and its source.
 */
import { PRESET_RECORDS, type PresetRecord, type PresetSource } from '../../data/models/records';
import { InputError } from '../units';
import { parseHfConfig } from './parseHfConfig';
import { checkSpec, type ModelSpec } from './spec';

export interface Preset {
  id: string;
  name: string;
  family: string;
  hfRepo: string;
  spec: ModelSpec;
  /** The original config.json object. */
  config: Record<string, unknown>;
  configProvenance: PresetRecord['configProvenance'];
  source: PresetSource;
  officialParams: number | null;
  officialParamsSource: string;
}

/** Every preset, in display order. */
export const PRESETS: readonly Preset[] = PRESET_RECORDS.map((r) => ({
  id: r.id,
  name: r.name,
  family: r.family,
  hfRepo: r.hfRepo,
  spec: parseHfConfig(r.config, r.id),
  config: r.config,
  configProvenance: r.configProvenance,
  source: r.source,
  officialParams: r.officialParams,
  officialParamsSource: r.officialParamsSource,
}));

const BY_ID = new Map(PRESETS.map((p) => [p.id, p]));

/** The ids of all presets. */
export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

/**
 * The preset with this id; InputError on `model` for an unknown id.
 * @example getPreset('llama-2-7b').spec.layers //=> 32
 */
export function getPreset(id: string): Preset {
  const preset = BY_ID.get(id);
  if (!preset) {
    const close = PRESET_IDS.filter((p) => p.includes(id.toLowerCase().split(/[-_.]/)[0] ?? '') && id.length > 0).slice(0, 5);
    const shown = JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);
    throw new InputError(
      'model',
      `unknown model ${shown}${close.length ? `; did you mean ${close.join(', ')}?` : ''} (see the models page for all ${PRESETS.length} presets)`,
    );
  }
  return preset;
}

/** True when `id` names a preset. */
export function hasPreset(id: string): boolean {
  return BY_ID.has(id);
}

/**
 * A preset id, a parsed config.json object, or a ModelSpec → ModelSpec. A ModelSpec is
 * checked against the bounds (checkSpec) like a parsed config, so no caller can hand the
 * core a layer count of 1e15 by skipping the parser.
 * @example resolveModel('mixtral-8x7b').moe?.experts //=> 8
 */
export function resolveModel(model: string | Record<string, unknown> | ModelSpec): ModelSpec {
  if (typeof model === 'string') return getPreset(model).spec;
  if (isModelSpec(model)) return checkSpec(model);
  return parseHfConfig(model);
}

/** A ModelSpec has its own layers, hidden and extras and no model_type (a config has model_type). */
function isModelSpec(x: unknown): x is ModelSpec {
  if (typeof x !== 'object' || x === null) return false;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(x, k);
  return has('layers') && has('hidden') && has('extras') && !has('model_type');
}
