/**
 * What the search page does with a query before and after Pagefind (SearchBox.tsx): one spelling
 * for hyphenated terms, a few synonyms every serving engineer uses, and a ranking that puts the page
 * whose section is *titled* with the query first. Pure functions, no DOM; test/components/search.test.ts.
 */

/**
 * Groups of terms that mean the same thing, as they are written in the text. A query that is or
 * contains one of them is also searched with each of the others.
 */
export const SYNONYMS: readonly (readonly string[])[] = [
  ['TTFT', 'time to first token'],
  ['TPOT', 'time per output token', 'inter-token latency'],
  ['MFU', 'model FLOPs utilisation', 'model FLOPs utilization'],
  ['HFU', 'hardware FLOPs utilisation', 'hardware FLOPs utilization'],
  ['KV cache', 'key-value cache', 'key/value cache'],
];

/** At most this many searches run for one query (each is one Pagefind search). */
const MAX_VARIANTS = 4;

/**
 * Lower case, single spaces, and hyphens or slashes between letters or digits read as spaces,
 * so "KV-cache", "kv cache" and "KV cache" are one query (Pagefind indexes "KV-cache" under
 * "kv" and "cache" too).
 * @example normalizeQuery('  KV-Cache ') //=> 'kv cache'
 * @example normalizeQuery('key/value  cache') //=> 'key value cache'
 */
export function normalizeQuery(query: string): string {
  return query
    .toLowerCase()
    .replace(/(?<=[\p{L}\p{N}])[-‐‑–/](?=[\p{L}\p{N}])/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `term` occurs in `text` as whole words (both already normalised). */
function hasWords(text: string, term: string): boolean {
  return ` ${text} `.includes(` ${term} `);
}

/** What to search for one query, and the forms a heading is compared with (headingTier). */
export interface QueryPlan {
  /** Pagefind queries: the normalised query first, then its synonyms. */
  searches: string[];
  /** The same, normalised and unquoted. */
  forms: string[];
}

/**
 * The searches for a query: the normalised query, then the query with each synonym of a term it
 * contains (normalised, unquoted: Pagefind's quoted phrase search misses pages whose phrase it
 * should find, and the ranking in mergeResults puts the pages titled with a form first anyway).
 * @example expandQuery('TTFT') //=> { searches: ['ttft', 'time to first token'], forms: ['ttft', 'time to first token'] }
 * @example expandQuery('ridge point') //=> { searches: ['ridge point'], forms: ['ridge point'] }
 */
export function expandQuery(query: string): QueryPlan {
  const q = normalizeQuery(query);
  const plan: QueryPlan = { searches: [], forms: [] };
  const add = (search: string, form: string) => {
    if (plan.forms.includes(form) || plan.forms.length >= MAX_VARIANTS) return;
    plan.searches.push(search);
    plan.forms.push(form);
  };
  if (!q) return plan;
  add(q, q);
  for (const group of SYNONYMS) {
    const found = group.map(normalizeQuery).find((term) => hasWords(q, term));
    if (found === undefined) continue;
    for (const other of group) {
      const form = normalizeQuery(other);
      if (form === found) continue;
      const variant = ` ${q} `.replace(` ${found} `, ` ${form} `).trim();
      add(variant, variant);
    }
  }
  return plan;
}

/**
 * How well a heading names one of the query's forms: 3 when it is the form (a parenthesised
 * abbreviation aside, or the abbreviation itself: "Model FLOPs utilisation (MFU)" is both
 * "model flops utilisation" and "mfu"), 2 when it starts with it, 1 when it contains it, else 0.
 * @example headingTier('Time to first token (prefill)', ['time to first token']) //=> 3
 * @example headingTier('Time to first token with a prefix cache', ['time to first token']) //=> 2
 */
export function headingTier(heading: string, forms: readonly string[]): number {
  const h = normalizeQuery(heading);
  const bare = h.replace(/\s*\([^)]*\)/g, '').trim();
  const inParens = [...h.matchAll(/\(([^)]*)\)/g)].map((m) => (m[1] ?? '').trim());
  let tier = 0;
  for (const form of forms) {
    if (!form) continue;
    if (bare === form || inParens.includes(form)) return 3;
    if (bare.startsWith(`${form} `)) tier = Math.max(tier, 2);
    else if (hasWords(h, form)) tier = Math.max(tier, 1);
  }
  return tier;
}

/** A section of a page that matched (a Pagefind sub-result), with the weight of its hits. */
export interface SectionHit {
  title: string;
  url: string;
  /** Sum of the section's weighted hit scores: more and stronger hits, higher. */
  score: number;
}

/** One page as one query variant found it. */
export interface PageHit {
  url: string;
  title: string;
  excerpt: string;
  sections: SectionHit[];
}

/** A page in the merged list, with its sections best first. */
export interface RankedPage extends PageHit {
  /** The best heading tier of the page's title or any of its matching sections (headingTier). */
  tier: number;
}

/** Reciprocal-rank fusion constant: how much lower ranks still count when lists are merged. */
const RRF_K = 10;

/**
 * Merges the results of each query variant (each list in Pagefind's order) into one ranking:
 * pages whose title or a matching section is titled with the query (or a synonym) first, then by
 * reciprocal-rank fusion of their positions in the lists. A page's sections are merged by URL,
 * those titled with the query first, then by the weight of their hits; the part of a page before
 * its first heading (same URL as the page) is not a section.
 */
export function mergeResults(lists: readonly (readonly PageHit[])[], forms: readonly string[], limit = 10): RankedPage[] {
  const pages = new Map<string, { hit: PageHit; fused: number; first: number; sections: Map<string, SectionHit> }>();
  let order = 0;
  lists.forEach((list) =>
    list.forEach((hit, rank) => {
      let entry = pages.get(hit.url);
      if (!entry) {
        entry = { hit, fused: 0, first: order, sections: new Map() };
        pages.set(hit.url, entry);
      }
      order += 1;
      entry.fused += 1 / (RRF_K + rank);
      for (const s of hit.sections) {
        if (s.url === hit.url) continue;
        const known = entry.sections.get(s.url);
        entry.sections.set(s.url, known ? { ...known, score: known.score + s.score } : { ...s });
      }
    }),
  );
  return [...pages.values()]
    .map(({ hit, fused, first, sections }) => {
      const ranked = [...sections.values()]
        .map((s) => ({ s, tier: headingTier(s.title, forms) }))
        .sort((a, b) => b.tier - a.tier || b.s.score - a.s.score)
        .map(({ s }) => s);
      const tier = Math.max(headingTier(hit.title, forms), ...ranked.map((s) => headingTier(s.title, forms)));
      return { page: { ...hit, sections: ranked, tier }, fused, first };
    })
    .sort((a, b) => b.page.tier - a.page.tier || b.fused - a.fused || a.first - b.first)
    .slice(0, limit)
    .map(({ page }) => page);
}
