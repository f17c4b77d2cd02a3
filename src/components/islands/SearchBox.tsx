import { useEffect, useRef, useState } from 'react';

interface SubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface Result {
  url: string;
  title: string;
  excerpt: string;
  subResults: SubResult[];
}
interface PagefindApi {
  init(): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<{ url: string; meta: { title?: string }; excerpt: string; sub_results?: SubResult[] }> }[] }>;
}

/** Full-text search over the chapters with Pagefind's self-hosted index (built after astro build). */
export default function SearchBox({ base }: { base: string }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Result[] | null>(null);
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
    api.current
      .then((pagefind) => pagefind.search(q))
      .then((found) => Promise.all(found.results.slice(0, 10).map((r) => r.data())))
      .then((pages) => {
        if (cancelled) return;
        setError(null);
        setResults(
          pages.map((p) => ({
            url: p.url,
            title: p.meta.title ?? p.url,
            excerpt: p.excerpt,
            subResults: (p.sub_results ?? []).filter((s) => s.url !== p.url).slice(0, 4),
          })),
        );
      })
      .catch(() => {
        if (!cancelled) setError('The search index is missing: build the site with `npm run build` (it runs Pagefind).');
      });
    return () => {
      cancelled = true;
    };
  }, [query, base]);

  return (
    <div className="search-page">
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="search-q">Search the course</label>
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
        {error ?? (results === null ? 'Type a word: a quantity (KV cache), a model (Llama 2 70B) or a symbol name.' : `${results.length} page${results.length === 1 ? '' : 's'} found.`)}
      </p>
      {results && (
        <ol className="search-results">
          {results.map((r) => (
            <li key={r.url}>
              <a href={r.url}>{r.title}</a>
              <p dangerouslySetInnerHTML={{ __html: r.excerpt }} />
              {r.subResults.length > 0 && (
                <ul>
                  {r.subResults.map((s) => (
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
