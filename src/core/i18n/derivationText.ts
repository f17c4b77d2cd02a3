/**
 * A derivation's title and notes in either language, from the data the derivation carries:
 * no registry lookup, so a view can call it for any derivation it is handed.
 * @example derivationText(matmulFlopsFormula.derive({ M: 1, K: 1, N: 1 }), 'zh').title //=> '矩阵乘计算量'
 */
import type { Derivation } from '../formula';
import { FORMULAS_ZH } from './formulasZh';
import type { Lang } from './translate';

/** The title and notes of `d` in `lang`; English where a Chinese entry is missing. */
export function derivationText(d: Pick<Derivation, 'id' | 'title' | 'notes'>, lang: Lang): { title: string; notes: readonly string[] } {
  if (lang === 'en') return { title: d.title, notes: d.notes };
  const zh = FORMULAS_ZH[d.id];
  return {
    title: zh?.title ?? d.title,
    notes: zh?.notes && zh.notes.length === d.notes.length ? zh.notes : d.notes,
  };
}
