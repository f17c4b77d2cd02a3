import { useEffect, useRef, useState } from 'react';
import type { Derivation } from '../../core/formula';
import { DerivationView } from '../DerivationView';
import { useT } from '../i18n/i18n';

interface MoreDerivationsProps {
  items: readonly (Derivation | null)[];
  stale: boolean;
  /** The link a copied derivation points to (the calculator with its state). */
  link?: () => string;
  /** The setup, named in copied text (model, hardware, workload). */
  context?: string;
}

/** Derivations folded under a summary; they render only once opened, so typing stays fast. */
export function MoreDerivations({ items, stale, link, context }: MoreDerivationsProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDetailsElement>(null);
  // A native listener: Preact names an onToggle prop's event after the element's own
  // `ontoggle` property, which some DOMs lack.
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const sync = () => setOpen(details.open);
    details.addEventListener('toggle', sync);
    return () => details.removeEventListener('toggle', sync);
  }, []);
  const shown = items.filter((d): d is Derivation => d !== null);
  if (shown.length === 0) return null;
  return (
    <details ref={ref} className="more-derivations">
      <summary>{t(`More derivations (${shown.length})`)}</summary>
      {open &&
        shown.map((d, i) => <DerivationView key={`${d.id}-${i}`} derivation={d} stale={stale} {...(link ? { link } : {})} {...(context ? { context } : {})} />)}
    </details>
  );
}
