import { describe, expect, it } from 'vitest';
import { ALIASES, FORMULAS } from '../../src/core/registry';
import { builtPages, idsIn } from './site';

const pages = builtPages();
const byPath = new Map(pages.map((p) => [p.path, p]));

describe('links never break', () => {
  it.each(FORMULAS.map((f) => [f.id, f] as const))('formula %s has its anchor on its page', (_id, formula) => {
    const page = byPath.get(`${formula.page}/`);
    // Formulas of chapters not yet written have no page to check; the content test
    // (test/content/registry.test.ts) lists those.
    if (!page) return;
    expect(idsIn(page.html).has(formula.anchor), `${formula.page}/#${formula.anchor}`).toBe(true);
  });

  it.each(Object.entries(ALIASES))('renamed anchor %s still exists on its page', (key) => {
    const [page, anchor] = key.split('#') as [string, string];
    const built = byPath.get(`${page}/`);
    if (!built) return;
    expect(idsIn(built.html).has(anchor)).toBe(true);
  });

  it('every internal link and #anchor in dist/ resolves', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const match of page.html.matchAll(/\shref="([^"]+)"/g)) {
        const raw = (match[1] as string).replace(/&amp;/g, '&');
        if (/^(https?:|mailto:|data:)/.test(raw)) continue;
        const url = new URL(raw, `http://site/${page.path}`);
        let target = decodeURIComponent(url.pathname).replace(/^\//, '');
        const base = (process.env['SITE_BASE'] ?? '/').replace(/^\//, '');
        if (base && target.startsWith(base)) target = target.slice(base.length);
        if (/\.(css|js|svg|xml|png|woff2?)$/.test(target) || target.startsWith('_astro/') || target.startsWith('pagefind/')) continue;
        const dest = byPath.get(target) ?? byPath.get(target.endsWith('/') ? target : `${target}/`);
        if (!dest) {
          broken.push(`${page.path || '/'} → ${raw} (no page)`);
          continue;
        }
        const hash = url.hash.slice(1);
        if (hash && !idsIn(dest.html).has(decodeURIComponent(hash))) broken.push(`${page.path || '/'} → ${raw} (no #${hash})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('no page gives two elements the same id (a link to it would land on the first, aria-labelledby name the wrong one)', () => {
    const repeated = pages.flatMap((page) => {
      const ids = [...page.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string);
      return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))].map((id) => `${page.path || '/'}#${id}`);
    });
    expect(repeated).toEqual([]);
  });
});
