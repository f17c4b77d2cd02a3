/**
 * The language of an island and the words it shows. Every island takes `lang?: 'en' | 'zh'`
 * (default 'en'); the calculator framework puts it in LangContext, and the controls, charts and
 * derivation views read it there and render their words through `useT()`.
 *
 * The Chinese comes in two parts, so that a Chinese page weighs what its English twin does:
 * - the words each island shows when it first renders (./zhFirst/<Island>.ts, generated from
 *   the catalogues by test/components/zh-first.test.tsx; a text whose Chinese is itself — a
 *   number with its unit, a GPU's name — is left out, as English is what a miss shows): on a
 *   Chinese page this module awaits the files of the islands on the page (read from their
 *   `<astro-island opts>`, by ./zhFirstLoader.ts, a chunk English pages never load) before any
 *   island module runs (top-level await), so each island hydrates in Chinese — no English
 *   flash, no re-render, no layout shift — carrying only the strings it shows;
 * - the whole catalogue (./zhBundle.ts: core messages, formula texts, calculator strings), for
 *   what a reader's input can bring up (an error, a warning, another option's rows): loaded when
 *   the reader first touches an island (focus, pointer down, key), when a link carries a
 *   calculator's state (its first render is not the default one). Until it is there a string
 *   the island had not shown yet stays English, and the island re-renders when it arrives.
 * The server always has the whole catalogue (the build writes Chinese into the HTML). English
 * pages load none of it.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { Lang } from '../../core/i18n/translate';
import type * as ZhBundle from './zhBundle';

export type { Lang } from '../../core/i18n/translate';

type Bundle = typeof ZhBundle;

/** What one island shows on its first render: English → Chinese, and derivation id → title. */
export interface FirstStrings {
  t: Readonly<Record<string, string>>;
  titles: Readonly<Record<string, string>>;
}

let bundle: Bundle | null = null;
let loading: Promise<Bundle> | null = null;
const waiting = new Set<() => void>();
const firstT = new Map<string, string>();
const firstTitles = new Map<string, string>();

/** Loads the whole Chinese catalogue once; resolves at once when it is there. */
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

type Recorder = { t(english: string, zh: string): void; title(id: string, zh: string): void };
let recorder: Recorder | null = null;
/** For test/components/zh-first.test.tsx: hears every Chinese string an island asks for. */
export function recordZh(r: Recorder | null): void {
  recorder = r;
}

/** The reader's first touch of an island brings the whole catalogue (before the input changes anything). */
function loadOnFirstTouch(): void {
  const touch = (event: Event) => {
    if (!(event.target instanceof Element) || event.target.closest('astro-island') === null) return;
    for (const type of TOUCH) document.removeEventListener(type, touch, true);
    void loadZh();
  };
  for (const type of TOUCH) document.addEventListener(type, touch, true);
}
const TOUCH = ['focusin', 'pointerdown', 'keydown'] as const;

if (import.meta.env.SSR) await loadZh();
else if (typeof document !== 'undefined' && document.documentElement.lang.startsWith('zh')) {
  // A link with a query sets some calculator's state: its first render is not the one the
  // files were made from, so the whole catalogue comes first (as it did before the split).
  if (location.search.length > 1) await loadZh();
  else {
    const { loadFirst } = await import('./zhFirstLoader');
    await loadFirst(firstT, firstTitles);
    loadOnFirstTouch();
  }
}

/**
 * An English text in `lang`, synchronously: the catalogue's Chinese when it is loaded, else
 * the island's first-render Chinese, else the English (never empty).
 */
export function tr(english: string, lang: Lang): string {
  if (lang !== 'zh') return english;
  let zh: string | undefined;
  if (bundle !== null) zh = bundle.translateZh(english);
  else {
    // Not in the first-render files: a text that reads the same in Chinese, or one the island
    // shows only after the reader's input (by then the whole catalogue is on its way).
    zh = firstT.get(english) ?? english;
  }
  recorder?.t(english, zh);
  return zh;
}

/** A derivation's title in `lang` (English until its Chinese has loaded). */
export function derivationTitle(d: { id: string; title: string }, lang: Lang): string {
  if (lang !== 'zh') return d.title;
  let zh: string | undefined;
  if (bundle !== null) zh = bundle.derivationTitle(d, 'zh');
  else {
    zh = firstTitles.get(d.id) ?? d.title;
  }
  recorder?.title(d.id, zh);
  return zh;
}

/** The island's language, set by the calculator framework (or an island of its own). */
export const LangContext = createContext<Lang>('en');

/** The language of the island this component is in. */
export function useLang(): Lang {
  return useContext(LangContext);
}

/**
 * `t(english)` for the island's language; re-renders the component once the whole Chinese
 * catalogue arrives, if it was not there yet (its first-render strings show until then).
 */
export function useT(langOverride?: Lang): (english: string) => string {
  const context = useContext(LangContext);
  const lang = langOverride ?? context;
  const [, setLoaded] = useState(bundle !== null);
  useEffect(() => {
    if (lang !== 'zh' || bundle !== null) return;
    const wake = () => setLoaded(true);
    waiting.add(wake);
    return () => {
      waiting.delete(wake);
    };
  }, [lang]);
  return (english: string) => tr(english, lang);
}
