import { useMemo, useState } from 'react';

/** One cell: what it shows and the value it sorts by. */
export interface ModelsCell {
  text: string;
  /** Numbers sort numerically, strings alphabetically; null sorts last. */
  sort: number | string | null;
  /** Extra title text (e.g. the exact value behind a compact one, or a source); undefined for none. */
  title?: string | undefined;
  /** A second, smaller line under the text (e.g. the model family under its name); undefined for none. */
  sub?: string | undefined;
}

export interface ModelsColumn {
  key: string;
  /** The header as shown: a symbol or a short word. */
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** What the label stands for: the header is an <abbr> with this title. */
  description?: string;
  /** The label of each value on a phone's card (default: the header). */
  cardLabel?: string;
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

/** The words of the sort control shown above the cards on a phone (the page's language). */
export interface ModelsSortWords {
  sortBy: string;
  /** The first choice: the table's own order. */
  unsorted: string;
  ascending: string;
  descending: string;
  /** The last column's heading and link, and the footnote link's name ({} = the note's number or the model's name). */
  ledger: string;
  countIt: string;
  countLabel: string;
  noteLabel: string;
}

const ENGLISH: ModelsSortWords = {
  sortBy: 'Sort by',
  unsorted: 'As listed',
  ascending: 'Ascending',
  descending: 'Descending',
  ledger: 'Ledger',
  countIt: 'count it',
  countLabel: 'Count {} tensor by tensor',
  noteLabel: 'Source of the official count, note {}',
};
const fill = (template: string, value: string | number) => template.replace('{}', String(value));

interface ModelsTableSorterProps {
  columns: readonly ModelsColumn[];
  rows: readonly ModelsRow[];
  caption: string;
  /** Default: English. */
  words?: ModelsSortWords;
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
 *
 * Laid out for its question (does the exact count match the official one, how far off is the
 * estimate): compact headers with their meaning in <abbr title>, a sticky first column, and on
 * phones one card per model (CSS in models.astro). Explicit table roles keep the table's
 * semantics when a phone's CSS lays rows out as cards.
 */
export default function ModelsTableSorter({ columns, rows, caption, words = ENGLISH }: ModelsTableSorterProps) {
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
  const labelOf = (c: ModelsColumn) => c.cardLabel ?? c.label;
  const dir = sort?.dir ?? 'ascending';
  return (
    <div className="models-table-wrap">
      <p className="models-caption" id="models-table-caption">
        {caption}
      </p>
      {/* Phones show the rows as cards, without the column headings: the same sort as a menu and a direction. */}
      <div className="models-sort" data-pagefind-ignore>
        <label htmlFor="models-sort-key">{words.sortBy}</label>
        <select
          id="models-sort-key"
          value={sort?.key ?? ''}
          onChange={(e) => {
            const key = e.currentTarget.value;
            setSort(key === '' ? null : { key, dir });
          }}
        >
          <option value="">{words.unsorted}</option>
          {columns.map((c) => (
            <option key={c.key} value={c.key}>
              {labelOf(c)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="models-sort-direction"
          disabled={sort === null}
          aria-pressed={sort !== null && dir === 'descending'}
          onClick={() => setSort((prev) => (prev ? { key: prev.key, dir: prev.dir === 'ascending' ? 'descending' : 'ascending' } : prev))}
        >
          <span aria-hidden="true">{dir === 'ascending' ? '▲ ' : '▼ '}</span>
          {dir === 'ascending' ? words.ascending : words.descending}
        </button>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="models-table-caption">
        <table className="models-table" id="models-table" role="table" aria-labelledby="models-table-caption">
          <thead role="rowgroup">
            <tr role="row">
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  role="columnheader"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort?.key === c.key ? sort.dir : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(c.key)} data-column={c.key}>
                    {c.description ? <abbr title={c.description}>{c.label}</abbr> : c.label}
                    <span aria-hidden="true">{sort?.key === c.key ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
              <th scope="col" role="columnheader">
                {words.ledger}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {sorted.map((r) => (
              <tr key={r.id} data-model={r.id} role="row">
                {columns.map((c, i) => {
                  const cell = r.cells[c.key];
                  const content = (
                    <>
                      {cell?.text ?? ''}
                      {c.key === 'official' && r.note !== null && (
                        <sup>
                          <a href={`#source-${r.id}`} aria-label={fill(words.noteLabel, r.note)}>
                            {r.note}
                          </a>
                        </sup>
                      )}
                      {cell?.sub && <small>{cell.sub}</small>}
                    </>
                  );
                  return i === 0 ? (
                    <th key={c.key} scope="row" role="rowheader" title={cell?.title}>
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} role="cell" className={c.numeric ? 'num' : undefined} title={cell?.title} data-label={labelOf(c)}>
                      {content}
                    </td>
                  );
                })}
                <td role="cell" className="ledger" data-label={words.ledger}>
                  <a href={r.href} aria-label={fill(words.countLabel, r.name)}>
                    {words.countIt}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {/* Parsed last: until it is, the table stays hidden (CSS :has), so a first paint of a half-parsed
            table cannot lay its columns out one way and the whole table another (a layout shift). */}
        <span className="table-end" hidden />
      </div>
    </div>
  );
}
