import { useMemo } from 'react';
import type { Derivation } from '../core/formula';
import { derivationAsLatex, derivationAsMarkdown } from '../core/cite';
import { CopyButton } from './controls/CopyButton';
import { derivationTitle, useLang, useT } from './i18n/i18n';
import { chainRows, linkTex } from './math/chain';
import { texToMathmlChunks } from './math/texToMathml';
import './math/math.css';

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
    // Pieces that may wrap between them (after an operator), as KaTeX's inline formulas do.
    html = texToMathmlChunks(tex).chunks.join('<wbr>');
    if (rendered.size > 500) rendered.clear();
    rendered.set(tex, html);
  }
  return html;
}

/** A derivation rendered live in an island: its chain of relations, the result, copy as LaTeX or Markdown. */
export function DerivationView({ derivation: d, stale = false, link, context }: DerivationViewProps) {
  // Words in the island's language (LangContext); the math and the numbers are the same in both.
  const t = useT();
  const lang = useLang();
  const chain = useMemo(
    () => (d ? { lhs: renderTex(d.lhs), rows: chainRows(d).map((row) => row.map((l) => ({ role: l.role, html: renderTex(linkTex(l)) }))) } : null),
    [d],
  );
  if (!d || !chain) return null;
  const showExact = d.exact !== null && !d.formatted.includes(d.exact);
  const url = () => (link ? link() : `${(typeof window !== 'undefined' ? window.location.href : '').split('#')[0]}#${d.anchor}`);
  const title = derivationTitle(d, lang);
  return (
    <div className={stale ? 'derivation live stale' : 'derivation live'} data-formula={d.id}>
      <div className="title">{title}</div>
      {/* The same layout as the static cards (math/MathChain.astro): rows aligned on their relations. */}
      <div className="math-chain live" data-math-chain>
        <div className="mc-lhs" dangerouslySetInnerHTML={{ __html: chain.lhs }} />
        {chain.rows.map((row, r) => (
          <div className="mc-row" key={r}>
            {row.map((l) => (
              <div
                className="mc-link"
                data-role={l.role}
                key={l.role}
                tabIndex={l.role === 'result' ? undefined : 0}
                dangerouslySetInnerHTML={{ __html: l.html }}
              />
            ))}
          </div>
        ))}
      </div>
      <p className="result" data-testid={`result-${d.id}`}>
        {title}
        {lang === 'zh' ? '：' : ': '}
        {d.formatted}
        {showExact && (
          <span className="exact">
            {' '}
            ({d.exact} {d.unit})
          </span>
        )}
      </p>
      <div className="calc-actions">
        <CopyButton label={t('Copy LaTeX')} text={() => derivationAsLatex(d, context)} />
        <CopyButton label={t('Copy Markdown')} text={() => derivationAsMarkdown(d, url(), context)} />
      </div>
    </div>
  );
}
