/**
 * A derivation as text people paste into a design doc: LaTeX (symbolic and
 * substituted) or Markdown with a link back to the page that explains it.
 */
import type { Derivation } from './formula';

/**
 * Both forms as a LaTeX `align*` block.
 * @example derivationAsLatex(matmulFlopsFormula.derive({ M: 2, K: 3, N: 4 })) //=> "% Matmul FLOPs…"
 */
export function derivationAsLatex(d: Derivation, context?: string): string {
  const lines = [`% ${oneLine(d.title)}`];
  if (context) lines.push(`% ${oneLine(context)}`);
  return [...lines, '\\begin{align*}', `${d.symbolic} \\\\`, `${d.substituted}`, '\\end{align*}'].join('\n');
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

/** Markdown with display math ($$…$$) and a link to the calculator or explanation, the setup named. */
export function derivationAsMarkdown(d: Derivation, url: string, context?: string): string {
  const result = d.exact && d.exact !== d.formatted ? `${d.formatted} (${d.exact} ${d.unit})` : d.formatted;
  const head = `**${oneLine(d.title)}** = ${oneLine(result)}${context ? ` for ${oneLine(context)}` : ''} ([derivation](${markdownSafeUrl(url)}))`;
  return [head, '', '$$', d.symbolic, '$$', '', '$$', d.substituted, '$$'].join('\n');
}
