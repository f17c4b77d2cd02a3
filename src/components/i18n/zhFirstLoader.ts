/**
 * Loads the first-render Chinese of the islands on this page (./zhFirst/<Island>.ts, one small
 * chunk each) into the maps ./i18n.ts reads. Imported by ./i18n.ts on Chinese pages only, so
 * the list of files costs English pages nothing.
 */
import type { FirstStrings } from './i18n';

// One lazily loaded chunk per island; the island's name is the file's name.
const FIRST = import.meta.glob<{ default: FirstStrings }>('./zhFirst/*.ts');

/** The names of the islands on this page, from Astro's `<astro-island opts='{"name":…}'>`. */
function islandsOnPage(): string[] {
  const names = new Set<string>();
  for (const el of document.querySelectorAll('astro-island[opts]')) {
    try {
      const name = (JSON.parse(el.getAttribute('opts') ?? '{}') as { name?: unknown }).name;
      if (typeof name === 'string') names.add(name);
    } catch {
      // an island without readable opts hydrates with what the other files hold
    }
  }
  return [...names];
}

/** Fills `t` (English → Chinese) and `titles` (derivation id → Chinese title) for the islands on the page. */
export async function loadFirst(t: Map<string, string>, titles: Map<string, string>): Promise<void> {
  const names = islandsOnPage();
  // The texts four or more islands share (the framework's words, data types, the model picker).
  if (names.length > 0) names.push('_common');
  await Promise.all(
    names.map(async (name) => {
      const load = FIRST[`./zhFirst/${name}.ts`];
      // An island that shows no Chinese through the catalogue has no file (SearchBox, the models table).
      if (!load) return;
      const { default: strings } = await load();
      for (const [en, zh] of Object.entries(strings.t)) t.set(en, zh);
      for (const [id, zh] of Object.entries(strings.titles)) titles.set(id, zh);
    }),
  );
}
