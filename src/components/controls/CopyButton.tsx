import { useState } from 'react';
import { useT } from '../i18n/i18n';

interface CopyButtonProps {
  label: string;
  /** Produces the text when clicked (so it is always current). */
  text: () => string;
}

/** Copies text to the clipboard and says so; falls back to a selectable box. */
export function CopyButton({ label, text }: CopyButtonProps) {
  const t = useT();
  const [status, setStatus] = useState<'idle' | 'copied' | { fallback: string }>('idle');
  const onClick = async () => {
    const value = text();
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
      setTimeout(() => setStatus('idle'), 2000);
    } catch {
      setStatus({ fallback: value });
    }
  };
  return (
    <>
      <button type="button" onClick={onClick}>
        {label}
      </button>
      <span aria-live="polite" className="copy-status">
        {status === 'copied' ? t('Copied.') : ''}
      </span>
      {typeof status === 'object' && (
        <textarea aria-label={t(`${label}: select and copy`)} readOnly value={status.fallback} onFocus={(e) => e.target.select()} />
      )}
    </>
  );
}
