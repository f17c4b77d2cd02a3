/**
 * One term for one idea: the Chinese edition writes each glossary term as the glossary does
 * (src/core/i18n/glossary.ts). A variant seen in earlier drafts (屋脊点 beside 拐点, 受算力限制
 * beside 计算受限) fails here wherever Chinese text lives: the catalogues (core messages,
 * formula texts, calculator strings), the UI chrome, the Chinese chapters and pages, the CLI.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../../src/core/i18n/glossary';
import { ZH_MESSAGES } from '../../../src/core/i18n/zh';
import { FORMULA_DESCRIPTIONS_ZH, FORMULA_LABELS_ZH, FORMULA_NOTES_ZH, FORMULA_TITLES_ZH } from '../../../src/core/i18n/formulasZh';
import { CALCULATORS_ZH } from '../../../src/components/i18n/calculatorsZh';

/** Variant → the glossary's term. */
const VARIANTS: Readonly<Record<string, string>> = {
  屋脊点: '拐点',
  受算力限制: '计算受限',
  算力受限: '计算受限',
  受访存限制: '访存受限',
  受显存带宽限制: '访存受限',
  内存受限: '访存受限',
  显存受限: '访存受限',
  'KV 缓存': 'KV Cache',
  键值缓存: 'KV Cache',
  词汇表: '词表',
  流水线并行: '流水并行',
  首字时延: '首 Token 时延',
  批量大小: '批大小',
  专家混合: '混合专家',
};

/** Where a variant is named on purpose, as the other name readers may know. */
const ALLOWED = ['（ridge point，也译作屋脊点）'];

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

function variantsIn(text: string): string[] {
  let clean = text;
  for (const a of ALLOWED) clean = clean.split(a).join('');
  return Object.keys(VARIANTS).filter((v) => clean.includes(v));
}

describe('one term for one idea', () => {
  it('prefers a term the glossary lists, and no variant is itself a glossary term', () => {
    const zh = new Set(GLOSSARY.map((g) => g.zh));
    for (const [variant, term] of Object.entries(VARIANTS)) {
      expect(
        [...zh].some((g) => g.includes(term)),
        `${term} (for ${variant})`,
      ).toBe(true);
      expect(zh.has(variant), variant).toBe(false);
    }
  });

  it('the catalogues use no variant', () => {
    const strings: [string, string][] = [
      ...Object.entries(ZH_MESSAGES),
      ...Object.entries(FORMULA_TITLES_ZH),
      ...Object.entries(FORMULA_DESCRIPTIONS_ZH),
      ...Object.entries(FORMULA_LABELS_ZH),
      ...Object.entries(FORMULA_NOTES_ZH).flatMap(([id, notes]) => notes.map((n) => [id, n] as [string, string])),
      ...Object.entries(CALCULATORS_ZH),
    ];
    expect(strings.length).toBeGreaterThan(1000);
    const found = strings.flatMap(([key, zh]) => variantsIn(zh).map((v) => `${key}: ${v} → ${VARIANTS[v]}`));
    expect(found).toEqual([]);
  });

  it('the Chinese chapters, pages, UI chrome and CLI use no variant', () => {
    const paths = [...files('content/zh', /\.mdx$/), ...files('src', /\.(ts|tsx|astro)$/).filter((p) => !p.includes('glossary.ts'))];
    expect(paths.length).toBeGreaterThan(50);
    const found = paths.flatMap((p) => variantsIn(readFileSync(p, 'utf8')).map((v) => `${p}: ${v} → ${VARIANTS[v]}`));
    expect(found).toEqual([]);
  });

  it('fails on a variant (the check can fail)', () => {
    expect(variantsIn('解码受访存限制，远低于屋脊点')).toEqual(['屋脊点', '受访存限制']);
    expect(variantsIn('称为拐点（ridge point，也译作屋脊点）')).toEqual([]);
  });
});
