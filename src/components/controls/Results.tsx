import type { ReactNode } from 'react';

export interface ResultItem {
  label: string;
  value: ReactNode;
  /** A second line: exact digits, GiB, an explanation. */
  detail?: ReactNode;
  testId?: string;
}

/** Results as a definition list: label above, value below. */
export function Results({ items }: { items: readonly ResultItem[] }) {
  return (
    <dl className="results">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd data-testid={item.testId}>
            {item.value}
            {item.detail !== undefined && <small>{item.detail}</small>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
