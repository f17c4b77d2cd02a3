/**
 * Model (and, re-exported, GPU) choices shared by every island that takes them: a preset list plus
 * "paste a config.json" (or custom hardware), resolved through the core's parsers.
 */
import { PRESETS } from '../../core/model/presets';
import { parseHfConfigText } from '../../core/model/parseHfConfig';
import type { ModelSpec } from '../../core/model/spec';
import { InputError } from '../../core/units';
import type { SelectFieldSpec, TextFieldSpec } from './fields';

export const CUSTOM_MODEL = 'custom';

/** The `model` select and the `config` text box, for an island's FIELDS. */
export function modelFields(defaultId: string): { model: SelectFieldSpec; config: TextFieldSpec } {
  return {
    model: {
      kind: 'select',
      label: 'Model',
      default: defaultId,
      options: [...PRESETS.map((p) => ({ value: p.id, label: p.name })), { value: CUSTOM_MODEL, label: 'Paste a config.json…' }],
    },
    config: {
      kind: 'text',
      label: 'config.json (Hugging Face)',
      default: '',
      hint: 'Paste the whole file; the model is parsed exactly as the presets are.',
    },
  };
}

/**
 * The spec for a model choice. A bad paste throws InputError on field `config` whose
 * message names the offending config key, so the island shows it by the text box.
 */
export function resolveModelChoice(choice: string, configText: string): ModelSpec {
  if (choice !== CUSTOM_MODEL) {
    const preset = PRESETS.find((p) => p.id === choice);
    if (!preset) throw new InputError('model', `Unknown model "${choice}": pick one from the list`);
    return preset.spec;
  }
  if (configText.trim() === '') throw new InputError('config', 'Paste a config.json to use a custom model');
  try {
    return parseHfConfigText(configText, 'custom');
  } catch (e) {
    if (e instanceof InputError) throw new InputError('config', `config.json: ${e.message}`);
    throw e;
  }
}

// GPU choices live in their own module so GPU-only islands don't ship the model presets.
export { gpuField, resolveGpu } from './gpuPicker';
