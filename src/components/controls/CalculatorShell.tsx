import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { installSearchShortcut } from '../state/shortcuts';
import { CopyButton } from './CopyButton';

interface CalculatorShellProps {
  /** Anchor of the island on its page (kebab-case). */
  anchor: string;
  title: string;
  /** Inputs (Field components). */
  inputs: ReactNode;
  /** Message from the core that no single field owns. */
  error?: string | null;
  stale?: boolean;
  linkUrl: (anchor?: string) => string;
  /** False until the island runs: inputs are disabled until then, and without JavaScript a note says so. */
  live?: boolean;
  children: ReactNode;
}

/** The frame every calculator shares: title, inputs, results, stale note, copy link. */
export function CalculatorShell({ anchor, title, inputs, error, stale, linkUrl, live = true, children }: CalculatorShellProps) {
  useEffect(installSearchShortcut, []);
  const t = useT();
  return (
    <section className="calculator" id={anchor} aria-labelledby={`${anchor}-title`} aria-busy={live ? undefined : true} data-live={live ? 'true' : 'false'}>
      <h3 className="calc-title" id={`${anchor}-title`}>
        {title}
      </h3>
      <noscript>
        <p className="note">
          {t('This calculator needs JavaScript to respond to its inputs: the results below are its defaults, computed when the page was built.')}
        </p>
      </noscript>
      {/* A disabled fieldset disables every input in it until the island runs. */}
      <fieldset className="calc-inputs" disabled={!live}>
        <legend className="sr-only">{t('Inputs')}</legend>
        {inputs}
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {stale && <p className="stale-note">{t('Showing the last valid result: fix the highlighted input to update it.')}</p>}
      <div className={stale ? 'stale' : undefined} aria-live="polite">
        {children}
      </div>
      <div className="calc-actions">
        <CopyButton label={t('Copy link to these numbers')} text={() => linkUrl(anchor)} />
      </div>
    </section>
  );
}
