/**
 * The Chinese of the data records' notes (src/core/i18n/dataNotesZh.ts): one entry per preset,
 * keyed by a real record id, in Chinese, and carrying every figure of the English note (counts,
 * byte totals, commits, repositories), so the Chinese page cites exactly what the English does.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/core/model/presets';
import { MEASUREMENTS_DESCRIPTION_ZH, METRIC_LABELS_ZH, OFFICIAL_PARAMS_SOURCE_ZH, TRAINING_BASIS_ZH } from '../../../src/core/i18n/dataNotesZh';
import { METRIC_LABELS } from '../../../src/core/reality/inference';
import { compareTrainingRuns } from '../../../src/core/reality/training';

/** Numbers (with their digit grouping), hex commits and repository paths in a text. */
function figures(text: string): string[] {
  return [...text.matchAll(/\b[0-9a-f]{7}\b|[\d][\d,_.]*\d|[\w.-]+\/[\w.-]+/g)].map((m) => m[0]);
}

describe('official parameter count sources in Chinese', () => {
  const byId = new Map(PRESETS.map((p) => [p.id, p]));

  it('names only presets that exist, and covers every preset with an official count', () => {
    expect(Object.keys(OFFICIAL_PARAMS_SOURCE_ZH).filter((id) => !byId.has(id))).toEqual([]);
    expect(PRESETS.filter((p) => p.officialParams !== null && !(p.id in OFFICIAL_PARAMS_SOURCE_ZH)).map((p) => p.id)).toEqual([]);
  });

  it.each(Object.entries(OFFICIAL_PARAMS_SOURCE_ZH))('%s: Chinese, with every figure of the English', (id, zh) => {
    const en = byId.get(id)!.officialParamsSource;
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    const missing = figures(en).filter((f) => !zh.includes(f));
    expect(missing).toEqual([]);
  });

  it('catches a changed figure (the check can fail)', () => {
    expect(figures('total_size 5,012,344,832 B @757646d in github.com/x').filter((f) => !'total_size 5,012,344,833 B'.includes(f))).toEqual([
      '5,012,344,832',
      '757646d',
      'github.com/x',
    ]);
  });
});

describe('the reality check in Chinese', () => {
  it('names every metric', () => {
    expect(Object.keys(METRIC_LABELS_ZH).sort()).toEqual(Object.keys(METRIC_LABELS).sort());
  });

  it('says how every training run’s MFU is recomputed', () => {
    const bases = [...new Set(compareTrainingRuns().map((t) => t.basis))];
    expect(bases.length).toBeGreaterThan(0);
    expect(bases.filter((b) => !(b in TRAINING_BASIS_ZH))).toEqual([]);
  });

  it('describes the measurements in Chinese, naming the same GPUs', () => {
    expect(MEASUREMENTS_DESCRIPTION_ZH).toMatch(/[\u4e00-\u9fff]/);
    for (const name of ['H100', 'H200', 'FP8', 'H800', 'TPU', 'V100', 'derived', 'inferred=true']) expect(MEASUREMENTS_DESCRIPTION_ZH).toContain(name);
  });
});
