/**
 * A formula's words in either language: its title, description, symbol names and notes.
 * Numbers, LaTeX, ids and anchors are the same in both editions; only the words change.
 * @example formulaText('matmul.flops', 'zh').title //=> '矩阵乘计算量'
 */
import { getFormula } from '../registry';
import { FORMULA_DESCRIPTIONS_ZH, FORMULA_LABELS_ZH, FORMULA_NOTES_ZH, FORMULA_TITLES_ZH } from './formulasZh';
import type { Lang } from './translate';

export interface FormulaText {
  title: string;
  description: string;
  /** Plain-language name per input field (the keys of the formula's symbols). */
  labels: Readonly<Record<string, string>>;
  notes: readonly string[];
}

/** The words of formula `id` (aliases resolve as in the registry); English where a Chinese entry is missing. */
export function formulaText(id: string, lang: Lang): FormulaText {
  const f = getFormula(id);
  const notes: readonly string[] = f.notes ?? [];
  const en: FormulaText = { title: f.title, description: f.description, labels: f.labels as Record<string, string>, notes };
  if (lang === 'en') return en;
  const zhNotes = FORMULA_NOTES_ZH[f.id] ?? [];
  const labels: Record<string, string> = {};
  for (const [key, label] of Object.entries(en.labels)) labels[key] = FORMULA_LABELS_ZH[label] ?? label;
  return {
    title: FORMULA_TITLES_ZH[f.id] ?? en.title,
    description: FORMULA_DESCRIPTIONS_ZH[f.id] ?? en.description,
    labels,
    notes: zhNotes.length === notes.length ? zhNotes : notes,
  };
}
