/**
 * A derivation's chain of relations, laid out for reading: the left-hand side and the
 * symbolic form on the first row; the form with the numbers substituted and the result on
 * the second, the result moving to a row of its own when the two do not fit side by side.
 * Static cards (MathChain.astro, KaTeX) and live ones (DerivationView, MathML) share it, so
 * both break a long equation the same way and never hide its result.
 */
import type { Derivation, RelationLink } from '../../core/formula';

/**
 * A link as TeX a renderer sets on its own: `{}=\nobreak rhs`. The empty group before the
 * relation spaces it on both sides, as `&=` does in an aligned environment; `\nobreak` keeps
 * the relation on the line of what follows it (a relation alone on a line says nothing).
 * @example linkTex({ relation: '=', rhs: '2 \\cdot M', role: 'symbolic' }) //=> '{}=\\nobreak 2 \\cdot M'
 */
export function linkTex(link: RelationLink): string {
  return `{}${link.relation}\\nobreak ${link.rhs}`;
}

/**
 * The rows of a derivation's chain: the symbolic link, then the substituted link with the
 * result.
 * @example chainRows(matmulFlopsFormula.derive({ M: 2, K: 3, N: 4 })).map((r) => r.map((l) => l.role)) //=> [['symbolic'], ['substituted', 'result']]
 */
export function chainRows(d: Pick<Derivation, 'chain'>): RelationLink[][] {
  const symbolic = d.chain.filter((l) => l.role === 'symbolic');
  const rest = d.chain.filter((l) => l.role !== 'symbolic');
  return [symbolic, rest].filter((row) => row.length > 0);
}
