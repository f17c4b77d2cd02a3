/**
 * Model presets: the records (original config.json, sources, official counts) and the
 * parsed presets (with their ModelSpec) from the core.
 */
export * from './records';
export { PRESETS, PRESET_IDS, getPreset, hasPreset, resolveModel, type Preset } from '../../core/model/presets';
