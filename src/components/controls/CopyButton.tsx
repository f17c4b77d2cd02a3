import { useRef, useState } from 'react';
import { loadZh, useLang, useT } from '../i18n/i18n';

interface CopyButtonProps {
  label: string;
  /** Produces the text when clicked (so it is always current). */
  text: () => string;
}

/** Copies text to the clipboard and says so; falls back to a selectable box. */
export function CopyButton({ label, text }: CopyButtonProps) {
  const t = useT();
  const lang = useLang();
  const [status, setStatus] = useState<'idle' | 'copied' | { fallback: string }>('idle');
  // The text as of the latest render: in Chinese, the words a copy names (the calculator's setup)
  // come with the whole catalogue, which the reader's touch has started loading.
  const latest = useRef(text);
  latest.current = text;
  const onClick = async () => {
    if (lang === 'zh') {
      await loadZh();
      // Let the islands re-render with the catalogue before the text is read.
      await new Promise((r) => setTimeout(r, 0));
    }
    const value = latest.current();
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
