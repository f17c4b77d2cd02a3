import type { ReactNode, RefObject } from 'react';
import { useLang, useT } from '../i18n/i18n';
import { sep } from '../calculator/words';
import type { Lang } from '../i18n/i18n';

/**
 * A chart's text alternative: an English sentence (rendered through the catalogue), or, for a
 * summary joined from per-bar pieces, a function that builds it in the island's language from
 * `t` and the separators of `lang` (../calculator/words.ts).
 */
export type Summary = string | ((t: (english: string) => string, lang: Lang) => string);

interface ChartFrameProps {
  frameRef: RefObject<HTMLElement | null>;
  title: string;
  summary: Summary;
  width: number;
  height: number;
  legend?: readonly { label: string; colour: string; line?: boolean }[];
  children: ReactNode;
}

/**
 * What every chart shares: a visible title, the SVG drawn at its real pixel size (so its
 * 12 px text stays 12 px), an HTML legend that wraps instead of overlapping, and the summary
 * as its text alternative.
 */
export function ChartFrame({ frameRef, title: english, summary: summaryEn, width, height, legend, children }: ChartFrameProps) {
  // The title, legend and summary in the island's language (LangContext).
  const t = useT();
  const title = t(english);
  const lang = useLang();
  const summary = t(typeof summaryEn === 'function' ? summaryEn(t, lang) : summaryEn);
  // Title and summary read as two sentences: '. ' in English, '。' in Chinese.
  const stop = sep('. ', lang);
  return (
    <figure className="chart-figure" ref={frameRef as RefObject<HTMLElement>}>
      <figcaption className="chart-title">
        {title}
        <span className="sr-only">
          {stop}
          {summary}
        </span>
      </figcaption>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} style={{ height }} role="img" aria-label={`${title}${stop}${summary}`}>
        {children}
      </svg>
      {legend && legend.length > 1 && (
        <ul className="chart-legend" aria-hidden="true">
          {legend.map((l) => (
            <li key={l.label}>
              <span className={l.line ? 'swatch swatch-line' : 'swatch'} style={{ background: l.colour }} />
              {t(l.label)}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** The n-th series colour, from the theme. */
export const seriesColour = (i: number) => `var(--chart-${(i % 5) + 1})`;
