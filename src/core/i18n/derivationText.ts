/**
 * A derivation's title and notes in either language, from the data the derivation carries:
 * no registry lookup, so a view can call it for any derivation it is handed.
 * @example derivationText(matmulFlopsFormula.derive({ M: 1, K: 1, N: 1 }), 'zh').title //=> '矩阵乘计算量'
 */
import type { Derivation } from '../formula';
import { FORMULA_NOTES_ZH, FORMULA_TITLES_ZH } from './formulasZh';
import type { Lang } from './translate';

/** The title and notes of `d` in `lang`; English where a Chinese entry is missing. */
export function derivationText(d: Pick<Derivation, 'id' | 'title' | 'notes'>, lang: Lang): { title: string; notes: readonly string[] } {
  if (lang === 'en') return { title: d.title, notes: d.notes };
  const notes = FORMULA_NOTES_ZH[d.id] ?? [];
  return { title: derivationTitle(d, lang), notes: notes.length === d.notes.length ? notes : d.notes };
}

/** The title of `d` in `lang` alone: what a live derivation shows (no notes, so an island bundles only the titles). */
export function derivationTitle(d: Pick<Derivation, 'id' | 'title'>, lang: Lang): string {
  return lang === 'zh' ? (FORMULA_TITLES_ZH[d.id] ?? d.title) : d.title;
}
