import { useEffect, useRef, useState } from 'react';
import { expandQuery, mergeResults, type PageHit, type RankedPage } from '../../lib/search';
import { t } from '../../i18n/ui';
import type { Lang } from '../../lib/lang';

interface PagefindSubResult {
  title: string;
  url: string;
  weighted_locations?: { balanced_score: number }[];
  locations?: number[];
}
interface PagefindData {
  url: string;
  meta: { title?: string };
  excerpt: string;
  sub_results?: PagefindSubResult[];
}
interface PagefindApi {
  init(): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<PagefindData> }[] }>;
}

/** Pages read per query variant (each costs one small fragment download). */
const PER_VARIANT = 12;

function toHit(d: PagefindData): PageHit {
  return {
    url: d.url,
    title: d.meta.title ?? d.url,
    excerpt: d.excerpt,
    sections: (d.sub_results ?? []).map((s) => ({
      title: s.title,
      url: s.url,
      score: s.weighted_locations?.reduce((sum, w) => sum + w.balanced_score, 0) ?? s.locations?.length ?? 0,
    })),
  };
}

/**
 * Full-text search over the chapters with Pagefind's self-hosted index (built after astro build).
 * The query is normalised and expanded with synonyms (TTFT ↔ time to first token …), each variant
 * searched, and the results merged so that a page with a section titled by the query comes first
 * and each result lists its best-matching sections (src/lib/search.ts).
 */
/**
 * `lang`: the edition of the page it sits on. Pagefind loads the index of the page's <html lang>, so
 * /zh/search/ searches only the Chinese pages (indexed as Chinese) and /search/ only the English ones.
 */
export default function SearchBox({ base, lang = 'en' }: { base: string; lang?: Lang }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<RankedPage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useRef<Promise<PagefindApi> | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q') ?? '';
    setQuery(q);
    input.current?.focus();
  }, []);

  useEffect(() => {
    const q = query.trim();
    const url = q ? `?q=${encodeURIComponent(q)}` : window.location.pathname;
    window.history.replaceState(window.history.state, '', url);
    if (!q) {
      setResults(null);
      return;
    }
    let cancelled = false;
    api.current ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`).then(async (m: PagefindApi) => {
      await m.init();
      return m;
    });
    const plan = expandQuery(q);
    api.current
      .then((pagefind) =>
        Promise.all(
          plan.searches.map(async (v) => {
            const found = await pagefind.search(v);
            return (await Promise.all(found.results.slice(0, PER_VARIANT).map((r) => r.data()))).map(toHit);
          }),
        ),
      )
      .then((lists) => {
        if (cancelled) return;
        setError(null);
        setResults(mergeResults(lists, plan.forms));
      })
      .catch(() => {
        if (!cancelled) setError(t(lang, 'search.missingIndex'));
      });
    return () => {
      cancelled = true;
    };
  }, [query, base, lang]);

  return (
    <div className="search-page">
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="search-q">{t(lang, 'search.label')}</label>
        <input
          id="search-q"
          ref={input}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby="search-status"
        />
      </form>
      <p id="search-status" aria-live="polite" className="page-meta">
        {error ?? (results === null ? t(lang, 'search.hint') : t(lang, results.length === 1 ? 'search.foundOne' : 'search.foundMany', { n: results.length }))}
      </p>
      {results && (
        <ol className="search-results">
          {results.map((r) => (
            <li key={r.url}>
              <a href={r.url}>{r.title}</a>
              <p dangerouslySetInnerHTML={{ __html: r.excerpt }} />
              {r.sections.length > 0 && (
                <ul>
                  {r.sections.slice(0, 4).map((s) => (
                    <li key={s.url}>
                      <a href={s.url}>{s.title}</a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
