/**
 * The language of an island and the words it shows. Every island takes `lang?: 'en' | 'zh'`
 * (default 'en'); the calculator framework puts it in LangContext, and the controls, charts and
 * derivation views read it there and render their words through `useT()`.
 *
 * The Chinese catalogues (core messages, formula texts, calculator strings: ./zhBundle.ts) are
 * loaded only where they are needed: on the server always (so the build writes Chinese into a
 * Chinese page's HTML), in the browser on a page whose <html lang> is Chinese. English pages
 * carry none of it. Until the catalogue has arrived, text stays English and the island
 * re-renders when it does.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { Lang } from '../../core/i18n/translate';
import type * as ZhBundle from './zhBundle';

export type { Lang } from '../../core/i18n/translate';

type Bundle = typeof ZhBundle;

let bundle: Bundle | null = null;
let loading: Promise<Bundle> | null = null;
const waiting = new Set<() => void>();

/** Loads the Chinese catalogues once; resolves at once when they are there. */
export function loadZh(): Promise<Bundle> {
  if (bundle) return Promise.resolve(bundle);
  loading ??= import('./zhBundle').then((b) => {
    bundle = b;
    for (const wake of waiting) wake();
    waiting.clear();
    return b;
  });
  return loading;
}

// On the server, and on a Chinese page in the browser, the catalogue is there before any island
// renders: a Chinese island hydrates in Chinese (no English flash, no layout shift) and the
// server writes Chinese into the HTML. English pages never load it.
if (import.meta.env.SSR || (typeof document !== 'undefined' && document.documentElement.lang.startsWith('zh'))) await loadZh();

/**
 * An English text in `lang`, synchronously: the catalogue's Chinese when it is loaded, else
 * the English (never empty).
 */
export function tr(english: string, lang: Lang): string {
  if (lang !== 'zh' || bundle === null) return english;
  return bundle.translateZh(english);
}

/** A derivation's title in `lang` (English until the catalogue has loaded). */
export function derivationTitle(d: { id: string; title: string }, lang: Lang): string {
  if (lang !== 'zh' || bundle === null) return d.title;
  return bundle.derivationTitle(d, 'zh');
}

/** The island's language, set by the calculator framework (or an island of its own). */
export const LangContext = createContext<Lang>('en');

/** The language of the island this component is in. */
export function useLang(): Lang {
  return useContext(LangContext);
}

/**
 * `t(english)` for the island's language; re-renders the component once the Chinese catalogue
 * arrives, if it was not there yet.
 */
export function useT(langOverride?: Lang): (english: string) => string {
  const context = useContext(LangContext);
  const lang = langOverride ?? context;
  const [, setLoaded] = useState(bundle !== null);
  useEffect(() => {
    if (lang !== 'zh' || bundle !== null) return;
    const wake = () => setLoaded(true);
    waiting.add(wake);
    void loadZh();
    return () => {
      waiting.delete(wake);
    };
  }, [lang]);
  return (english: string) => tr(english, lang);
}
