/**
 * The Chinese formula changelog (src/core/i18n/changelogZh.ts): every entry of the English record
 * (src/core/changelog.ts) has its Chinese, no Chinese entry is left without its English, and
 * the Chinese keeps what a reader checks an old number against: every number, formula id,
 * path, URL key and code identifier of the English entry, written the same way.
 */
import { describe, expect, it } from 'vitest';
import { CHANGELOG } from '../../../src/core/changelog';
import { CHANGELOG_ZH, changelogKey } from '../../../src/core/i18n/changelogZh';

const entries = CHANGELOG.map((entry, index) => ({ key: changelogKey(CHANGELOG, index), entry, zh: CHANGELOG_ZH[changelogKey(CHANGELOG, index)] }));

/** Numbers as written: "4,000", "6.59", "2" in "Llama 2", "70" in "llama2-70b", "300" in "1e+300". */
const numbers = (text: string) => text.match(/\d+(?:[.,]\d+)*/g) ?? [];

/**
 * What must appear verbatim: code in backticks, paths and URLs (/zh/, src/core/…, /memory/?kv.model=…),
 * dotted ids (latency.prefill, kv.S), camelCase and snake_case identifiers (secondsAtMfu, m_mask, inv_freq),
 * command-line flags (--lang), and kebab-case ids (llama2-70b-ttft, h100-sxm, peak-dtype-fallback).
 */
const identifiers = (text: string) =>
  text.match(
    /`[^`]+`|(?<!\w)\/[\w\-./#?=&]+|\bsrc\/[\w\-./]+|\b[a-z][\w-]*\.[a-zA-Z][\w.]*\b|\b[a-z]+[A-Z]\w*\b|\b\w+_\w+\b|--[a-z]+|\b[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}\b|\b(?=[a-z0-9-]*\d)[a-z][a-z0-9]*-[a-z0-9-]+\b/g,
  ) ?? [];

/** Numbers the Chinese writes that the English spells in words, by entry. */
const ADDED_NUMBERS: Readonly<Record<string, string[]>> = {
  // "10 million FLOP/B" is written 10⁷（1000 万）FLOP/B.
  '2.0.0#5': ['1000'],
};

/** English left in a Chinese entry: four English words in a row (names, units and quoted identifiers aside). */
const englishRun = (text: string) => text.match(/\b[a-z]{2,}(?: [a-z]{2,}){3,}\b/gi) ?? [];

describe('changelogKey', () => {
  it("changelogKey(CHANGELOG, i) numbers the entries of one version: '1.0.0#0', '2.0.0#0' … '2.0.0#6', '2.1.0#0'", () => {
    expect(entries.map((e) => e.key)).toEqual([
      '1.0.0#0',
      '1.0.1#0',
      ...Array.from({ length: 7 }, (_, i) => `2.0.0#${i}`),
      '2.1.0#0',
      '2.1.0#1',
      '2.1.0#2',
      ...entries.slice(12).map((e) => e.key),
    ]);
    expect(new Set(entries.map((e) => e.key)).size).toBe(CHANGELOG.length);
    expect(() => changelogKey(CHANGELOG, CHANGELOG.length)).toThrow(/No changelog entry/);
  });
});

describe('the Chinese formula changelog', () => {
  it('has the Chinese of every entry', () => {
    expect(entries.filter((e) => e.zh === undefined).map((e) => `${e.key}: ${e.entry.change.slice(0, 80)}…`)).toEqual([]);
  });

  it('has no entry the English record does not have', () => {
    const keys = new Set(entries.map((e) => e.key));
    expect(Object.keys(CHANGELOG_ZH).filter((k) => !keys.has(k))).toEqual([]);
  });

  it.each(entries)('$key keeps every number of the English entry, written the same way', ({ key, entry, zh }) => {
    const have = new Set(numbers(zh!));
    expect(numbers(entry.change).filter((n) => !have.has(n))).toEqual([]);
    // …and adds none (a number only the Chinese has would be a typo or a different figure).
    const had = new Set(numbers(entry.change));
    expect(numbers(zh!).filter((n) => !had.has(n))).toEqual(ADDED_NUMBERS[key] ?? []);
  });

  it.each(entries)('$key keeps every formula id, path, URL key and identifier of the English entry', ({ entry, zh }) => {
    expect(identifiers(entry.change).filter((id) => !zh!.includes(id))).toEqual([]);
  });

  it.each(entries)('$key reads in Chinese', ({ zh }) => {
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect((zh!.match(/[\u4e00-\u9fff]/g) ?? []).length).toBeGreaterThan(zh!.length / 4);
    expect(englishRun(zh!)).toEqual([]);
    // Chinese punctuation inside Chinese sentences.
    expect(zh).not.toMatch(/[\u4e00-\u9fff][,;:] /);
    expect(zh).toMatch(/。$/);
  });
});
