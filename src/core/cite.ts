/**
 * A derivation as text people paste into a design doc: LaTeX (symbolic and
 * substituted) or Markdown with a link back to the page that explains it.
 */
import type { Derivation } from './formula';

/**
 * Both forms as a LaTeX `align*` block.
 * @example derivationAsLatex(matmulFlopsFormula.derive({ M: 2, K: 3, N: 4 })) //=> "% Matmul FLOPs…"
 */
export function derivationAsLatex(d: Derivation): string {
  return [`% ${d.title}`, '\\begin{align*}', `${d.symbolic} \\\\`, `${d.substituted}`, '\\end{align*}'].join('\n');
}

/** Markdown with display math ($$…$$) and a link to the explanation. */
export function derivationAsMarkdown(d: Derivation, url: string): string {
  const result = d.exact && d.exact !== d.formatted ? `${d.formatted} (${d.exact} ${d.unit})` : d.formatted;
  return [`**${d.title}** = ${result} ([derivation](${url}))`, '', '$$', d.symbolic, '$$', '', '$$', d.substituted, '$$'].join('\n');
}
