/**
 * The playground's modes and the inputs only they take. URL keys (pinned in
 * test/e2e/__snapshots__/url-keys.json): `pg.mode`; compare mode's scenario B is every `pg.*`
 * field again under `pgb.*`; reverse mode's question is `pgr.*`. A link without `pg.mode`
 * opens the forward mode, so every link made before the modes existed still works.
 */
import { CAPACITY_BOUNDS } from '../../../core/capacity/bounds';
import type { FieldSpecs, FieldValues } from '../../state/fields';

export type Mode = 'forward' | 'reverse' | 'compare';

export const MODES: readonly { value: Mode; label: string; hint: string }[] = [
  { value: 'forward', label: 'Forward', hint: 'every result for these inputs' },
  { value: 'reverse', label: 'Reverse', hint: 'solve for GPUs, TP degree, batch or prompt length' },
  { value: 'compare', label: 'Compare', hint: 'two scenarios side by side' },
];

export const MODE_FIELDS = {
  mode: { kind: 'select', label: 'Mode', default: 'forward', options: MODES.map((m) => ({ value: m.value, label: m.label })) },
} satisfies FieldSpecs;

/** Namespace of compare mode's second scenario. */
export const B_NS = 'pgb';
/** Namespace of reverse mode's question. */
export const REVERSE_NS = 'pgr';

const TARGET_MAX = CAPACITY_BOUNDS.latencyTarget.max;

export const REVERSE_FIELDS = {
  solve: {
    kind: 'select',
    label: 'Solve for',
    default: 'batch',
    options: [
      { value: 'gpus', label: 'GPUs G of one replica for B requests' },
      { value: 'tp', label: 'Tensor-parallel degree for an arrival rate' },
      { value: 'batch', label: 'Concurrent requests B' },
      { value: 'prompt', label: 'Longest prompt S' },
    ],
  },
  ttft: { kind: 'number', label: 'TTFT target (s)', default: 0.5, domain: 'positive', max: TARGET_MAX, hint: 'mean time to first token; 0.5 = 500 ms' },
  tpot: { kind: 'number', label: 'TPOT target (s)', default: 0.05, domain: 'positive', max: TARGET_MAX, hint: 'mean time per output token; 0.05 = 50 ms' },
  lambda: {
    kind: 'number',
    label: 'Arrival rate λ (requests/s)',
    default: 10,
    domain: 'positive',
    max: CAPACITY_BOUNDS.arrivalRate.max,
    hint: 'requests per second, the whole service',
  },
  batching: {
    kind: 'select',
    label: 'Latency read as',
    default: 'static',
    options: [
      { value: 'static', label: 'static batch' },
      { value: 'continuous', label: 'continuous batching' },
    ],
    hint: 'static: the TTFT and TPOT forward mode shows; continuous: the steady state, queueing included',
  },
} satisfies FieldSpecs;

export type ReverseValues = FieldValues<typeof REVERSE_FIELDS>;

/** What the core calls the reverse question's inputs. */
export const REVERSE_FIELD_FOR: Readonly<Record<string, keyof typeof REVERSE_FIELDS>> = {
  ttftTargetSeconds: 'ttft',
  tpotTargetSeconds: 'tpot',
  arrivalRate: 'lambda',
  quantity: 'solve',
};

/** The playground's inputs each reverse question solves for: shown as "solved" in reverse mode. */
export const SOLVED: Readonly<Record<string, readonly string[]>> = {
  gpus: ['G'],
  tp: ['G', 'B'],
  batch: ['B'],
  prompt: ['Sin'],
};

/** Which reverse inputs each question uses (the others are shown disabled). */
export const USES: Readonly<Record<string, readonly (keyof typeof REVERSE_FIELDS)[]>> = {
  gpus: ['solve', 'ttft', 'tpot', 'batching'],
  tp: ['solve', 'ttft', 'tpot', 'lambda'],
  batch: ['solve', 'ttft', 'tpot', 'batching'],
  prompt: ['solve', 'ttft', 'tpot'],
};
