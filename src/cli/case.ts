/**
 * `case <id> [--json] [--<assumption> value …]`: one of the four worked questions with
 * its steps, assumptions, answer and verdict. Any assumption can be overridden by name,
 * e.g. `case llama2-70b-ttft --mfu 0.6` or `case llama2-70b-concurrency --memoryReading GB`.
 * Each assumption is declared below with its kind and bound, like any other flag.
 */
import { CASE_IDS, type CaseId } from '../core/cases/types';
import { runCase } from '../core/cases/run';
import { InputError } from '../core/units';
import { helpText, parseArgs, tokenize, wantsHelp, COMMON_FLAGS, type Command, type FlagSpec, type FlagTable } from './args';
import { parseJsonText } from './files';
import type { CliWarning } from './output';
import { checkConfigBounds } from '../core/bounds';
import { MEMORY_READINGS } from '../core/gpu/gpu';

/**
 * The cases' assumptions as flags, by name (camelCase, as in each case's JSON
 * `assumptions`). A name means the same quantity in every case that takes it (`gpus`,
 * `peak`, `mfu` …), so it is declared once. Defaults are each case's own, read from the
 * core when the command runs. An assumption a case adds later without a line here is
 * still checked by the type of its default (a strictly parsed finite number, or text).
 */
export const CASE_ASSUMPTION_FLAGS = {
  gpu: { kind: 'string', metavar: 'ID', description: 'GPU id (see `gpu list`)' },
  gpus: { kind: 'integer', bound: 'gpus', unit: 'GPUs', description: 'GPUs, tensor parallel' },
  peak: { kind: 'number', bound: 'flopsPerSecond', unit: 'FLOP/s', description: 'dense 16-bit peak per GPU' },
  params: { kind: 'number', bound: 'params', unit: 'params', description: 'N for the headline MFU (the article’s round 70B)' },
  layers: { kind: 'integer', bound: 'layers', unit: 'layers', description: 'layers L (for the attention-inclusive MFU)' },
  heads: { kind: 'integer', bound: 'heads', unit: 'heads', description: 'attention heads h' },
  headDim: { kind: 'integer', bound: 'width', unit: 'elements', description: 'head dim d' },
  seq: { kind: 'integer', bound: 'sequence', unit: 'tokens', description: 'training sequence length S' },
  tokens: { kind: 'number', bound: 'trainingTokens', unit: 'tokens', description: 'training tokens D' },
  gpuHours: { kind: 'number', bound: 'gpuHours', unit: 'GPU-h', description: 'GPU-hours of the whole run' },
  model: { kind: 'string', metavar: 'ID', description: 'preset whose config is counted, or `custom` to count --config' },
  config: { kind: 'string', metavar: 'JSON', description: 'a Hugging Face config.json (its text), read when --model is custom' },
  requests: { kind: 'integer', bound: 'batch', unit: 'requests', description: 'prompts prefilled together' },
  inputTokens: { kind: 'integer', bound: 'sequence', unit: 'tokens', description: 'tokens per prompt' },
  maskFactor: { kind: 'number', bound: 'fraction', unit: 'share of keys', description: '1: every key counted (the article); 0.5: causal mask' },
  mfu: { kind: 'number', bound: 'fraction', unit: 'share of peak', description: 'a realistic prefill MFU' },
  targetLowSeconds: { kind: 'number', bound: 'seconds', unit: 's', description: 'low end of the first-token target' },
  targetHighSeconds: { kind: 'number', bound: 'seconds', unit: 's', description: 'high end of the first-token target' },
  memoryBandwidth: { kind: 'number', bound: 'bandwidth', unit: 'B/s', description: 'HBM bandwidth per GPU' },
  linkBandwidth: { kind: 'number', bound: 'bandwidth', unit: 'B/s', description: 'GPU-to-GPU link per direction' },
  commEfficiency: { kind: 'number', bound: 'efficiency', unit: 'share of peak', description: 'share of the link a ring all-reduce reaches' },
  memoryReading: { kind: 'enum', choices: MEMORY_READINGS, description: 'how a marketed "80GB" is read: what the runtime sees, 80 GiB, or 80e9 B' },
  utilization: { kind: 'number', bound: 'fraction', unit: 'share of memory', description: 'share of each GPU the server uses; the rest is reserved' },
  bytesPerElement: { kind: 'number', bound: 'bytesPerElement', unit: 'B', description: 'bytes per weight and per KV element' },
  maxTokens: { kind: 'integer', bound: 'sequence', unit: 'tokens', description: 'input + output tokens per request, at most' },
  activationTokens: { kind: 'integer', bound: 'sequence', unit: 'tokens', description: 'tokens in the largest forward pass (activation working set)' },
} as const satisfies FlagTable;

/**
 * The flag spec of one assumption: its declaration, or one from the type of its default.
 * @example assumptionFlag('mfu', 0.5).bound //=> 'fraction'
 */
export function assumptionFlag(name: string, fallback: unknown, note?: string): FlagSpec {
  if (Object.hasOwn(CASE_ASSUMPTION_FLAGS, name)) return CASE_ASSUMPTION_FLAGS[name as keyof typeof CASE_ASSUMPTION_FLAGS];
  const description = note ?? name;
  return typeof fallback === 'number' ? { kind: 'number', description } : { kind: 'string', description };
}

function isCaseId(id: string): id is CaseId {
  return (CASE_IDS as readonly string[]).includes(id);
}

/** A case's flag table: one flag per assumption, with the case's default. */
function caseTable(id: CaseId): FlagTable {
  const c = runCase(id);
  const defaults = c.assumptions as Record<string, unknown>;
  const notes = c.assumptionNotes as Record<string, string | undefined>;
  const table: Record<string, FlagSpec> = Object.create(null) as Record<string, FlagSpec>;
  for (const [name, d] of Object.entries(defaults)) {
    const spec = assumptionFlag(name, d, notes[name]);
    table[name] = typeof d === 'number' || typeof d === 'string' || typeof d === 'boolean' ? { ...spec, default: d } : spec;
  }
  return table;
}

const SUMMARY = 'One of the four worked questions: its steps, assumptions, answer and verdict; any assumption can be overridden by name';

function caseHelp(id: CaseId | null): string {
  if (id !== null) {
    return helpText(`case ${id}`, `${runCase(id).question}`, [], caseTable(id), [
      'Every flag is an assumption of the case, named as in its JSON `assumptions`.',
    ]);
  }
  const lines = [
    'Usage: npm run --silent cli -- case <id> [--<assumption> value …] [--json]',
    '',
    SUMMARY,
    '',
    'Cases (`case <id> --help` lists its assumptions with their defaults and units):',
    ...CASE_IDS.map(
      (c) =>
        `  ${c.padEnd(26)} ${Object.keys(caseTable(c))
          .map((k) => `--${k}`)
          .join(' ')}`,
    ),
    '',
    'Flags of every case:',
    ...Object.entries(COMMON_FLAGS).map(([k, s]) => `  --${k.padEnd(26)} ${s.description}`),
  ];
  return lines.join('\n');
}

/**
 * `case <id> [--<assumption> value …]`: a worked question with its steps and answer.
 * @example caseCommand.execute(['llama2-7b-params']) //=> { kind: 'result', result: { id: 'llama2-7b-params', answer: { params: 6738415616, … }, … }, json: false }
 */
export const caseCommand: Command = {
  name: 'case',
  summary: SUMMARY,
  usage: `case <${CASE_IDS.join(' | ')}> [--<assumption> value …]`,
  execute(argv) {
    // The id decides which assumptions are flags; find it first (assumption flags all take a value).
    const { positionals } = tokenize(argv, (name) => name === 'json' || name === 'help');
    const first = positionals[0];
    const id = first !== undefined && isCaseId(first) ? first : null;
    if (wantsHelp(argv)) return { kind: 'help', text: caseHelp(id) };
    if (first === undefined) throw new InputError('case', `a case id is required: ${CASE_IDS.join(', ')}`);
    if (id === null) runCase(first); // throws the unknown-case error, naming the ids
    const caseId = id as CaseId;
    const table = caseTable(caseId);
    const inv = parseArgs(argv, table, { command: `case ${caseId}`, positionals: [{ name: 'id', description: 'case id' }] });
    const overrides: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of inv.given) {
      if (Object.hasOwn(table, name)) overrides[name] = (inv.flags as Record<string, unknown>)[name];
    }
    checkTargetRange(caseId, inv.given, inv.flags as Record<string, unknown>);
    if (caseId === 'llama2-7b-params' && typeof overrides['config'] === 'string') {
      checkConfigBounds(parseJsonText(overrides['config'], '--config'));
    }
    const c = runCase(caseId, { ...overrides });
    return {
      kind: 'result',
      json: inv.json,
      result: {
        id: c.id,
        title: c.title,
        question: c.question,
        answer: c.answer,
        verdict: c.verdict,
        steps: c.steps,
        assumptions: c.assumptions,
        assumptionNotes: c.assumptionNotes,
        // The case's own warnings when it gives them (impossible MFU, nothing fits …).
        warnings: caseWarnings(c),
      },
    };
  },
};

function caseWarnings(c: object): CliWarning[] {
  const w = (c as { warnings?: unknown }).warnings;
  return Array.isArray(w) ? (w as CliWarning[]) : [];
}

/** A target range whose low end is above its high end is refused, naming the flag the user typed. */
function checkTargetRange(id: CaseId, given: ReadonlySet<string>, flags: Readonly<Record<string, unknown>>): void {
  if (id !== 'llama2-70b-ttft') return;
  const low = flags['targetLowSeconds'];
  const high = flags['targetHighSeconds'];
  if (typeof low !== 'number' || typeof high !== 'number' || low <= high) return;
  const culprit = given.has('targetLowSeconds') ? 'targetLowSeconds' : 'targetHighSeconds';
  throw new InputError(culprit, `--${culprit}: the target range must not be reversed; --targetLowSeconds (${low} s) is above --targetHighSeconds (${high} s)`);
}
