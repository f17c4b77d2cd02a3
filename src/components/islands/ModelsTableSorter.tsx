import { useMemo, useState } from 'react';

/** One cell: what it shows and the value it sorts by. */
export interface ModelsCell {
  text: string;
  /** Numbers sort numerically, strings alphabetically; null sorts last. */
  sort: number | string | null;
  /** Extra title text (e.g. the source of an official count). */
  title?: string;
}

export interface ModelsColumn {
  key: string;
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** A longer description for screen readers and tooltips. */
  description?: string;
}

export interface ModelsRow {
  id: string;
  /** The model's display name, for the link's accessible label. */
  name: string;
  cells: Record<string, ModelsCell>;
  /** Where the row's "count it" link goes. */
  href: string;
  /** Footnote number of the official count's source. */
  note: number | null;
}

interface ModelsTableSorterProps {
  columns: readonly ModelsColumn[];
  rows: readonly ModelsRow[];
  caption: string;
}

type Direction = 'ascending' | 'descending';

function compare(a: ModelsCell | undefined, b: ModelsCell | undefined): number {
  const x = a?.sort ?? null;
  const y = b?.sort ?? null;
  if (x === null && y === null) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  if (typeof x === 'number' && typeof y === 'number') return x === y ? 0 : x < y ? -1 : 1;
  return String(x).localeCompare(String(y));
}

/**
 * The models table. Rendered in full at build time (every row, every number from the
 * core); once hydrated, the column headers sort it. Sorting only reorders rows.
 */
export default function ModelsTableSorter({ columns, rows, caption }: ModelsTableSorterProps) {
  const [sort, setSort] = useState<{ key: string; dir: Direction } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const out = [...rows].sort((r1, r2) => compare(r1.cells[sort.key], r2.cells[sort.key]));
    // Keep nulls last in both directions.
    if (sort.dir === 'descending') {
      const present = out.filter((r) => (r.cells[sort.key]?.sort ?? null) !== null).reverse();
      return [...present, ...out.filter((r) => (r.cells[sort.key]?.sort ?? null) === null)];
    }
    return out;
  }, [rows, sort]);
  const onSort = (key: string) =>
    setSort((prev) => (prev?.key === key ? { key, dir: prev.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: 'ascending' }));
  return (
    <div className="table-scroll" style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Models table">
      <table className="models-table" id="models-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort?.key === c.key ? sort.dir : undefined} title={c.description}>
                <button type="button" className="sort-button" onClick={() => onSort(c.key)} data-column={c.key}>
                  {c.label}
                  <span aria-hidden="true">{sort?.key === c.key ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
            <th scope="col">Ledger</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.id} data-model={r.id}>
              {columns.map((c, i) => {
                const cell = r.cells[c.key];
                const content = (
                  <>
                    {cell?.text ?? ''}
                    {c.key === 'official' && r.note !== null && (
                      <sup>
                        <a href={`#source-${r.id}`} aria-label={`Source of the official count, note ${r.note}`}>
                          {r.note}
                        </a>
                      </sup>
                    )}
                  </>
                );
                return i === 0 ? (
                  <th key={c.key} scope="row" title={cell?.title}>
                    {content}
                  </th>
                ) : (
                  <td key={c.key} className={c.numeric ? 'num' : undefined} title={cell?.title}>
                    {content}
                  </td>
                );
              })}
              <td>
                <a href={r.href} aria-label={`Count ${r.name} tensor by tensor`}>
                  count it
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
