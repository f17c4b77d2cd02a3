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
];

/** The current formulas version: the newest changelog entry. */
export const FORMULAS_VERSION: string = CHANGELOG[CHANGELOG.length - 1]?.version ?? '0.0.0';
