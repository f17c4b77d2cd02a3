import { useMemo } from 'react';
import type { Derivation } from '../core/formula';
import { derivationAsLatex, derivationAsMarkdown } from '../core/cite';
import { CopyButton } from './controls/CopyButton';
import { texToMathml } from './math/texToMathml';

interface DerivationViewProps {
  derivation: Derivation | null;
  stale?: boolean;
  /**
   * The full URL a copied derivation links to: the calculator that shows it, with every
   * input in the query, so the link reopens on the same numbers. Default: the formula's
   * anchor on this page.
   */
  link?: () => string;
  /** The setup the numbers are for (model, hardware, workload), named in copied text. */
  context?: string;
}

// MathML, not KaTeX: keeps ~72 KB gzip of KaTeX out of every island (see math/texToMathml.ts).
// Symbolic forms never change and substituted ones repeat as readers type back and forth.
const rendered = new Map<string, string>();
function renderTex(tex: string): string {
  let html = rendered.get(tex);
  if (html === undefined) {
    html = texToMathml(tex).mathml;
    if (rendered.size > 500) rendered.clear();
    rendered.set(tex, html);
  }
  return html;
}

/** A derivation rendered live in an island: symbolic form, substituted form, result, copy as LaTeX or Markdown. */
export function DerivationView({ derivation: d, stale = false, link, context }: DerivationViewProps) {
  const html = useMemo(() => (d ? { symbolic: renderTex(d.symbolic), substituted: renderTex(d.substituted) } : null), [d]);
  if (!d || !html) return null;
  const showExact = d.exact !== null && !d.formatted.includes(d.exact);
  const url = () => (link ? link() : `${(typeof window !== 'undefined' ? window.location.href : '').split('#')[0]}#${d.anchor}`);
  return (
    <div className={stale ? 'derivation live stale' : 'derivation live'} data-formula={d.id}>
      <div className="title">{d.title}</div>
      {/* One keyboard-scrollable box for both forms: wide formulas scroll instead of widening the page. */}
      <div className="math-scroll" tabIndex={0}>
        <div dangerouslySetInnerHTML={{ __html: html.symbolic }} />
        <div dangerouslySetInnerHTML={{ __html: html.substituted }} />
      </div>
      <p className="result" data-testid={`result-${d.id}`}>
        {d.title}: {d.formatted}
        {showExact && (
          <span className="exact">
            {' '}
            ({d.exact} {d.unit})
          </span>
        )}
      </p>
      <div className="calc-actions">
        <CopyButton label="Copy LaTeX" text={() => derivationAsLatex(d, context)} />
        <CopyButton label="Copy Markdown" text={() => derivationAsMarkdown(d, url(), context)} />
      </div>
    </div>
  );
}
