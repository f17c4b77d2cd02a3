/**
 * The two editions of the site (issue 15): English at /x/, Chinese at /zh/x/ (home /zh/). Same
 * slugs, heading ids, formula ids and URL query keys in both, so a page's twin is its path with
 * or without the leading "zh/".
 */
import { href } from './paths';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** The `<html lang>` / hreflang code of an edition. */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

/** The language switch's localStorage key: the reader's remembered choice. */
export const LANG_STORAGE_KEY = 'tbn-lang';

/** The configured base path, always ending in "/" (e.g. "/" or "/tbn/"). */
function basePath(): string {
  const base = import.meta.env.BASE_URL ?? '/';
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * A URL path split into its edition and its path below the edition, e.g. "/tbn/zh/memory/" with
 * base "/tbn/" → { lang: 'zh', path: 'memory/' }; "/memory/" → { lang: 'en', path: 'memory/' }.
 * A path outside the base is read as below it.
 */
export function splitPath(pathname: string, base: string = basePath()): { lang: Lang; path: string } {
  const b = base.endsWith('/') ? base : `${base}/`;
  let rest = pathname.startsWith(b) ? pathname.slice(b.length) : pathname.replace(/^\//, '');
  if (rest === 'zh' || rest.startsWith('zh/')) {
    rest = rest === 'zh' ? '' : rest.slice(3);
    return { lang: 'zh', path: rest };
  }
  return { lang: 'en', path: rest };
}

/** What `langOf` reads from Astro's global (a structural type, so tests can pass a plain object). */
export interface AstroLike {
  currentLocale?: string | undefined;
  url: URL;
}

/**
 * The edition a page belongs to: Astro's i18n locale when it names Chinese ("zh", "zh-CN"),
 * otherwise the URL (a page under /zh/ is Chinese). Everything else is English.
 */
export function langOf(astro: AstroLike): Lang {
  const locale = astro.currentLocale?.toLowerCase();
  if (locale && locale.startsWith('zh')) return 'zh';
  return splitPath(astro.url.pathname).lang;
}

/**
 * A site path in an edition, under the configured base: localHref('memory/', 'zh') → '/zh/memory/',
 * localHref('memory/', 'en') → '/memory/', localHref('', 'zh') → '/zh/'.
 */
export function localHref(path: string, lang: Lang): string {
  const p = path.replace(/^\//, '');
  return href(lang === 'zh' ? `zh/${p}` : p);
}

/**
 * The same page in the other edition (or in `to`): twinHref('/zh/memory/') → '/memory/',
 * twinHref('/memory/') → '/zh/memory/', twinHref('/memory/', 'en') → '/memory/'.
 */
export function twinHref(pathname: string, to?: Lang): string {
  const { lang, path } = splitPath(pathname);
  return localHref(path, to ?? (lang === 'zh' ? 'en' : 'zh'));
}
