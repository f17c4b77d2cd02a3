import { describe, expect, it } from 'vitest';
import { CHAPTER_TITLES_ZH, UI, t, type UiKey } from '../../src/i18n/ui';
import { CHAPTERS } from '../../src/core/chapters';

const keys = Object.keys(UI) as UiKey[];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff]/;
// Chinese texts that are rightly not Chinese: names of formats and of the other edition.
const LATIN_IN_ZH = new Set<UiKey>(['cite.latex', 'cite.markdown', 'lang.other']);

describe('UI chrome strings (src/i18n/ui.ts)', () => {
  it('has the chrome of both editions', () => {
    // The note quotes this count: one key, both languages.
    console.info(`ui.ts: ${keys.length} keys, ${keys.filter((k) => UI[k].en).length} English, ${keys.filter((k) => UI[k].zh).length} Chinese`);
    expect(keys.length).toBeGreaterThanOrEqual(60);
  });

  it.each(keys)('%s has non-empty English and Chinese texts with the same placeholders', (key) => {
    const { en, zh } = UI[key];
    expect(en.trim(), `${key}.en`).not.toBe('');
    expect(zh.trim(), `${key}.zh`).not.toBe('');
    expect(placeholders(zh), `${key}: placeholders`).toEqual(placeholders(en));
    if (!LATIN_IN_ZH.has(key)) expect(zh, `${key}.zh is Chinese`).toMatch(CJK);
  });

  it('fills placeholders', () => {
    expect(t('zh', 'chapter.meta', { n: 6, m: 13 })).toBe('第 6 章 共 13 章');
    expect(t('en', 'chapter.meta', { n: 6, m: 13 })).toBe('Chapter 6 of 13');
    expect(t('zh', 'solution.show')).toBe('查看解答');
    expect(t('en', 'toc.label')).toBe('On this page');
    expect(t('zh', 'toc.label')).toBe('本页内容');
    // An unknown placeholder stays visible rather than printing "undefined".
    expect(t('en', 'footer.formulas')).toBe('Formulas v{version}');
  });

  it('names every chapter in Chinese', () => {
    for (const c of CHAPTERS) expect(CHAPTER_TITLES_ZH[c.slug], c.slug).toMatch(CJK);
    expect(Object.keys(CHAPTER_TITLES_ZH).sort()).toEqual(CHAPTERS.map((c) => c.slug).sort());
  });
});
