// The built site as files: every HTML page in dist/ and its URL path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const DIST = process.env['OUT_DIR'] ?? 'dist';

export interface BuiltPage {
  /** URL path below the base, e.g. '' for the home page, 'tensors/' for a chapter. */
  path: string;
  file: string;
  html: string;
}

export function builtPages(): BuiltPage[] {
  const out: BuiltPage[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name === '_astro' || name === 'pagefind') continue;
        walk(full);
      } else if (name.endsWith('.html')) {
        const rel = relative(DIST, full).split(sep).join('/');
        const path = rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
        out.push({ path, file: full, html: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(DIST);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Values of `id="…"` attributes in an HTML string. */
export function idsIn(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
}
