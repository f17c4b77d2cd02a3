import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';

export interface ResultItem {
  label: string;
  value: ReactNode;
  /** A second line: exact digits, GiB, an explanation. */
  detail?: ReactNode;
  testId?: string;
}

/** Results as a definition list: label above, value below. */
export function Results({ items }: { items: readonly ResultItem[] }) {
  const t = useT();
  // Words in the island's language; a value or detail that is not a string (a number already formatted in JSX) is shown as given.
  const words = (node: ReactNode) => (typeof node === 'string' ? t(node) : node);
  return (
    <dl className="results">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{t(item.label)}</dt>
          <dd data-testid={item.testId}>
            {words(item.value)}
            {item.detail !== undefined && <small>{words(item.detail)}</small>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
