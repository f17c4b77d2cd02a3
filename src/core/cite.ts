/**
 * A derivation as text people paste into a design doc: LaTeX or Markdown, the chain of
 * relations aligned row by row (symbolic, substituted, result), the setup named, and in
 * Markdown a link back to the calculator with its numbers or to the explanation.
 */
import type { Derivation } from './formula';

/**
 * The chain `lhs = symbolic = substituted = result` as aligned rows, one relation per row
 * (`&=`), the way the site lays it out: a long substituted form never pushes the result off
 * the page of a design doc either. `env` is `align*` for a LaTeX document, `aligned` inside
 * Markdown's `$$…$$`.
 * @example derivationAligned(matmulFlopsFormula.derive({ M: 2, K: 3, N: 4 })) //=> "\\begin{align*}\nF &= 2 \\cdot M \\cdot K \\cdot N \\\\\n  &= 2 \\cdot 2 \\cdot 3 \\cdot 4 \\\\\n  &= \\text{48 FLOPs}\n\\end{align*}"
 */
export function derivationAligned(d: Derivation, env: 'align*' | 'aligned' = 'align*'): string {
  const rows = d.chain.map((link, i) => `${i === 0 ? d.lhs : ' '} &${link.relation} ${link.rhs}`);
  return [`\\begin{${env}}`, rows.join(' \\\\\n'), `\\end{${env}}`].join('\n');
}

/**
 * The derivation as LaTeX: its title and the setup as comments, then the aligned chain.
 * @example derivationAsLatex(matmulFlopsFormula.derive({ M: 2, K: 3, N: 4 }), 'M = 2') //=> "% Matmul FLOPs\n% M = 2\n\\begin{align*}…"
 */
export function derivationAsLatex(d: Derivation, context?: string): string {
  const lines = [`% ${oneLine(d.title)}`];
  if (context) lines.push(`% ${oneLine(context)}`);
  return [...lines, derivationAligned(d, 'align*')].join('\n');
}

/** Text on one line, with nothing Markdown or a LaTeX comment could read as structure (a "$" of a price would open math). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[[\]()<>*_`\\$]/g, (c) => `\\${c}`);
}

/**
 * A URL made safe to paste inside Markdown's `(…)`: anything but unreserved and common
 * delimiter characters is percent-encoded, so a crafted query cannot close the link or open
 * another one.
 * @example markdownSafeUrl('https://x.org/a/?q=)%20[evil](https://e.example)') //=> 'https://x.org/a/?q=%29%20%5Bevil%5D%28https://e.example%29'
 */
export function markdownSafeUrl(url: string): string {
  const hex = (c: string) => [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return url.replace(/[^A-Za-z0-9\-._~:/?#@&+,;=%]/gu, hex);
}

/**
 * Markdown: the title, the result and the setup in a sentence with a link to the calculator
 * or explanation, then the aligned chain as display math (`$$\\begin{aligned}…\\end{aligned}$$`,
 * which GitHub, GitLab, Obsidian and KaTeX-based renderers all read).
 */
export function derivationAsMarkdown(d: Derivation, url: string, context?: string): string {
  const result = d.exact && d.exact !== d.formatted ? `${d.formatted} (${d.exact} ${d.unit})` : d.formatted;
  const head = `**${oneLine(d.title)}** = ${oneLine(result)}${context ? ` for ${oneLine(context)}` : ''} ([derivation](${markdownSafeUrl(url)}))`;
  return [head, '', '$$', derivationAligned(d, 'aligned'), '$$'].join('\n');
}
