import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';

export interface ComparisonRow {
  label: string;
  /** One cell per column, already formatted by the core's formatters. */
  cells: readonly ReactNode[];
  /** data-testid prefix: cells get `${testId}-0`, `${testId}-1`, … */
  testId?: string;
}

interface ComparisonTableProps {
  caption: string;
  /** Column headings after the row label, e.g. ["Base", "Variant", "Variant ÷ base"]. */
  columns: readonly string[];
  rows: readonly ComparisonRow[];
}

/** A small table of results side by side (base vs variant, before vs after). */
export function ComparisonTable({ caption, columns, rows }: ComparisonTableProps) {
  const t = useT();
  return (
    <table className="comparison">
      <caption>{t(caption)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('Quantity')}</th>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {t(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{t(r.label)}</th>
            {r.cells.map((cell, i) => (
              <td key={i} data-testid={r.testId ? `${r.testId}-${i}` : undefined}>
                {typeof cell === 'string' ? t(cell) : cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
