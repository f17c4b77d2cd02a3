import type { FieldSpecs } from '../state/fields';
import { CUSTOM_MODEL, type modelFields } from '../state/pickers';
import type { CalculatorState } from '../state/useCalculatorState';
import { Field } from './Field';

interface ModelPickerProps<F extends FieldSpecs> {
  ns: string;
  fields: ReturnType<typeof modelFields>;
  state: CalculatorState<F>;
  /** The core's message for the pasted config (field `config`), if any. */
  configError?: string | null;
}

/** A preset select, and a config.json box when "Paste a config.json…" is chosen. */
export function ModelPicker<F extends FieldSpecs>({ ns, fields, state, configError }: ModelPickerProps<F>) {
  const raw = state.raw as Record<string, string>;
  return (
    <>
      <Field ns={ns} name={'model' as keyof F & string} spec={fields.model} state={state} />
      {raw['model'] === CUSTOM_MODEL && (
        <Field ns={ns} name={'config' as keyof F & string} spec={fields.config} state={state} coreError={configError ?? null} wide />
      )}
    </>
  );
}
