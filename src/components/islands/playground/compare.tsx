/**
 * Compare mode: every result row of the forward view for scenario A and scenario B, with
 * B − A and (B − A)/|A| from the core (src/core/scenario/reverseModes.ts `difference`), the
 * rows and inputs that differ marked with ≠ and a word, never by colour alone.
 */
import { difference } from '../../../core/scenario/reverseModes';
import type { Warning } from '../../../core/scenario/warnings';
import { formatPercent, formatQuantity } from '../../../core/units';
import { useT } from '../../i18n/i18n';
import { playgroundGroups, type Comparable, type PlaygroundResult, type PlaygroundValues, type Row } from './definition';

/** "+1.23 GB", "−629 ms", "0": a signed difference in the row's unit, with a true minus sign. */
function signed(text: string, sign: number): string {
  if (sign === 0) return text;
  return `${sign > 0 ? '+' : '−'}${text}`;
}

interface Cell {
  a: string;
  b: string;
  delta: string;
  relative: string;
  differs: boolean;
}

/** A row of A and its twin of B, compared. */
export function compareRow(ra: Row, rb: Row): Cell {
  const a = ra.compare;
  const b = rb.compare;
  const text = (c: Comparable) => (c.kind === 'number' ? formatQuantity(c.value, c.unit) : c.text);
  if (a.kind === 'number' && b.kind === 'number' && a.unit === b.unit) {
    const d = difference(a.value, b.value);
    if (d.same) return { a: text(a), b: text(b), delta: 'same', relative: '—', differs: false };
    const magnitude = formatQuantity(Math.abs(d.absolute), a.unit);
    return {
      a: text(a),
      b: text(b),
      delta: signed(magnitude, Math.sign(d.absolute)),
      relative: d.relative === null ? 'from 0' : signed(formatPercent(Math.abs(d.relative)), Math.sign(d.relative)),
      differs: true,
    };
  }
  const differs = text(a) !== text(b);
  return { a: text(a), b: text(b), delta: differs ? 'differs' : 'same', relative: '—', differs };
}

interface CompareResultsProps {
  ra: PlaygroundResult;
  va: PlaygroundValues;
  rb: PlaygroundResult;
  vb: PlaygroundValues;
}

/** Scenario A's and B's results, group by group, with their differences. */
export function CompareResults({ ra, va, rb, vb }: CompareResultsProps) {
  const groupsA = playgroundGroups(ra, va);
  const groupsB = playgroundGroups(rb, vb);
  const differing = groupsA.flatMap((g, i) => g.rows.filter((row, j) => compareRow(row, groupsB[i]!.rows[j]!).differs)).length;
  const total = groupsA.reduce((n, g) => n + g.rows.length, 0);
  const t = useT();
  return (
    <>
      <p className="pg-compare-summary" data-testid="pgc-summary">
        {differing === 0 ? t(`All ${total} results are the same for A and B.`) : t(`${differing} of ${total} results differ between A and B (marked ≠).`)}
      </p>
      {groupsA.map((g, i) => {
        const gb = groupsB[i]!;
        return (
          <section key={g.key} className="pg-group" aria-labelledby={`pgc-${g.key}-title`}>
            <h4 id={`pgc-${g.key}-title`}>{t(g.title)}</h4>
            <div className="table-scroll">
              <table className="pg-compare">
                <colgroup>
                  <col className="pg-col-label" />
                  <col span={4} className="pg-col-value" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">{t('Result')}</th>
                    <th scope="col">A</th>
                    <th scope="col">B</th>
                    <th scope="col">B − A</th>
                    <th scope="col">{t('Relative')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.rows.map((row, j) => {
                    const twin = gb.rows[j]!;
                    const c = compareRow(row, twin);
                    return (
                      <tr
                        key={row.key}
                        className={c.differs ? 'pg-differs' : undefined}
                        data-testid={`pgc-${row.key}`}
                        data-differs={c.differs ? 'true' : 'false'}
                      >
                        <th scope="row">
                          {c.differs && (
                            <span className="pg-diff-mark" title={t('differs')}>
                              ≠<span className="sr-only"> {t('differs:')}</span>
                            </span>
                          )}{' '}
                          {t(row.compareLabel ?? row.label)}
                        </th>
                        <td data-label="A">{t(c.a)}</td>
                        <td data-label="B">{t(c.b)}</td>
                        <td data-label="B − A">{c.delta === 'same' ? t('same') : c.delta === 'differs' ? t('differs') : c.delta}</td>
                        <td data-label={t('Relative')}>{c.relative === 'from 0' ? t('from 0') : c.relative}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}

/** Both scenarios' warnings, each saying which scenario it is about. */
export function compareWarnings(a: readonly Warning[], b: readonly Warning[]): { ns: string; warning: Warning }[] {
  return [
    ...a.map((w) => ({ ns: 'pg', warning: { ...w, message: `A · ${w.message}` } })),
    ...b.map((w) => ({ ns: 'pgb', warning: { ...w, message: `B · ${w.message}` } })),
  ];
}
