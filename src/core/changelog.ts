/**
 * The version of the core's formulas and the conventions behind them. A link keeps
 * its inputs in the URL; if a convention ever changes (what a FLOP counts, GB vs GiB,
 * whether attention is in MFU), the change is recorded here with the version, so a
 * number in an old design doc can be traced to the convention it was computed under.
 */
export interface ChangelogEntry {
  version: string;
  /** ISO date. */
  date: string;
  /** Formula ids affected (empty for site-wide conventions). */
  formulas: readonly string[];
  change: string;
}

export const CHANGELOG: readonly ChangelogEntry[] = [
  {
    version: '1.0.0',
    date: '2026-11-28',
    formulas: [],
    change:
      'First release. Conventions: one FLOP is one multiply or one add (an FMA is 2); bytes are SI (GB = 1e9 B), GiB only when labelled; GPU peaks are dense (no 2:4 sparsity); parameter counts exclude non-trainable buffers (causal masks, rotary inv_freq).',
  },
  {
    version: '1.0.1',
    date: '2026-12-02',
    formulas: [],
    change:
      'No formula changed; errata in the text and sources added. Corrected: the anatomy takeaways (the layers hold most, not \u201cnearly all\u201d, of GPT-2\u2019s parameters and FLOPs); the memory chapter (the article\u2019s hundred-request picture is a 70B model with the multi-head formula, which the GQA checkpoint does not reproduce). Marked as corrections: the article\u2019s S\u2032 \u226a H condition (the course uses S\u2032 \u226a 6H) and its per-token L\u00b7h\u00b7d cache (missing 2\u00b7sizeof). Added: the article\u2019s \u201cabout 10\u00d7\u201d training memory per parameter, the too-large half of the tile-size point, a note in each chapter on where the course departs from the article, the /references/ page, and a Sources line on every derivation card.',
  },
];

/** The current formulas version: the newest changelog entry. */
export const FORMULAS_VERSION: string = CHANGELOG[CHANGELOG.length - 1]?.version ?? '0.0.0';
