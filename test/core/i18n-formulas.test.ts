/**
 * Every registered formula has its words in Chinese: title, description, every symbol's name
 * and every note; and no Chinese entry outlives its formula.
 */
import { describe, expect, it } from 'vitest';
import { derivationText } from '../../src/core/i18n/derivationText';
import { formulaText } from '../../src/core/i18n/formulaText';
import { FORMULA_DESCRIPTIONS_ZH, FORMULA_LABELS_ZH, FORMULA_NOTES_ZH, FORMULA_TITLES_ZH } from '../../src/core/i18n/formulasZh';
import { FORMULAS, getFormula } from '../../src/core/registry';

const CJK = /[\u4e00-\u9fff]/;

describe('formula texts in Chinese', () => {
  it.each(FORMULAS.map((f) => [f.id, f] as const))('%s: title, description, labels and notes', (id, f) => {
    expect(FORMULA_TITLES_ZH[id], `add ${id} to FORMULA_TITLES_ZH in src/core/i18n/formulasZh.ts`).toMatch(CJK);
    expect(FORMULA_DESCRIPTIONS_ZH[id], `add ${id} to FORMULA_DESCRIPTIONS_ZH`).toMatch(CJK);
    for (const label of Object.values(f.labels) as string[]) expect(FORMULA_LABELS_ZH[label], `label "${label}" of ${id}`).toBeDefined();
    expect(FORMULA_NOTES_ZH[id] ?? [], `${id} has ${(f.notes ?? []).length} notes`).toHaveLength((f.notes ?? []).length);
  });

  it('has no entry for a formula or a label that is gone', () => {
    const ids = new Set(FORMULAS.map((f) => f.id));
    for (const table of [FORMULA_TITLES_ZH, FORMULA_DESCRIPTIONS_ZH, FORMULA_NOTES_ZH]) expect(Object.keys(table).filter((id) => !ids.has(id))).toEqual([]);
    const labels = new Set(FORMULAS.flatMap((f) => Object.values(f.labels) as string[]));
    expect(Object.keys(FORMULA_LABELS_ZH).filter((l) => !labels.has(l))).toEqual([]);
  });

  it('formulaText gives the Chinese words and keeps the English edition as written', () => {
    expect(formulaText('matmul.flops', 'zh')).toEqual({
      title: '矩阵乘计算量',
      description: '[M,K]@[K,N] 的浮点运算次数：输出的每一项都要做一次乘法和一次加法。',
      labels: { M: '行数 M', K: '内维度 K', N: '输出列数 N' },
      notes: [],
    });
    const f = getFormula('matmul.flops');
    expect(formulaText('matmul.flops', 'en')).toEqual({ title: f.title, description: f.description, labels: f.labels, notes: [] });
    // A retired id resolves as the registry resolves it.
    expect(formulaText('gpu.ridgePoint', 'zh').title).toBe('拐点');
  });

  it('derivationText translates a derivation it is handed, notes in order', () => {
    const d = getFormula('matmul.ridgePoint').derive({ P: 312e12, W: 2.039e12 });
    expect(derivationText(d, 'zh')).toEqual({ title: '拐点', notes: ['解码（每条序列一个 Token）远低于拐点，所以是访存受限的；预填充远高于拐点。'] });
    expect(derivationText(d, 'en')).toEqual({ title: 'Ridge point', notes: d.notes });
  });
});
