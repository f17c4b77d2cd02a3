/**
 * Which pages each edition has, at build time: the .astro pages under src/pages/ (English) and
 * src/pages/zh/ (Chinese) plus the MDX pages of the `pages` and `pagesZh` collections. A page's
 * twin is linked (language switch, hreflang, sitemap) only when it exists, so an untranslated
 * chapter never links to a missing page.
 */
import { getCollection } from 'astro:content';
import { splitPath, type Lang } from './lang';

const names = (files: string[], dir: string) =>
  files
    .map((f) => f.slice(dir.length).replace(/\.astro$/, ''))
    .filter((n) => !n.startsWith('[') && n !== '404')
    .map((n) => (n === 'index' ? '' : `${n}/`));

const EN_FILES = names(Object.keys(import.meta.glob('../pages/*.astro')), '../pages/');
const ZH_FILES = names(Object.keys(import.meta.glob('../pages/zh/*.astro')), '../pages/zh/');

let cache: Promise<Record<Lang, Set<string>>> | undefined;

/** Every page path (below the edition, e.g. '' or 'memory/') of each edition. */
export function editionPages(): Promise<Record<Lang, Set<string>>> {
  cache ??= (async () => {
    const en = (await getCollection('pages')).map((p: { id: string }) => `${p.id}/`);
    const zh = (await getCollection('pagesZh')).map((p: { id: string }) => `${p.id}/`);
    return { en: new Set([...EN_FILES, ...en]), zh: new Set([...ZH_FILES, ...zh]) };
  })();
  return cache;
}

/** The page at `pathname` in both editions: its path below the edition and which editions have it. */
export async function twinsOf(pathname: string): Promise<{ lang: Lang; path: string; has: Record<Lang, boolean> }> {
  const { lang, path } = splitPath(pathname);
  const pages = await editionPages();
  const p = path === '' || path.endsWith('/') ? path : `${path}/`;
  return { lang, path: p, has: { en: pages.en.has(p), zh: pages.zh.has(p) } };
}
