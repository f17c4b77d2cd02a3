/**
 * How a fuzz probe's outcome is judged: a clean rejection, a correct result, or one of
 * the failures the hostile-input issue names (a silent misread, an ugly error, a valid
 * input refused, a timeout, a crash). Shared by the fuzz test and by any script that
 * replays the probes against another version of the CLI.
 */
import type { Probe } from './probes';

export type Category = 'clean-rejection' | 'correct-result' | 'silent-misread' | 'ugly-error' | 'valid-refused' | 'timeout' | 'crash';

/** What one run of `main()` did. */
export interface Outcome {
  code: number | null;
  out: string[];
  err: string[];
  ms: number;
  /** An exception escaped main() (or the process died). */
  threw?: string;
  /** The run was stopped at the time limit. */
  killed?: boolean;
}

export interface Verdict {
  category: Category;
  /** Why, when the category is a failure. */
  problem?: string;
}

/** Fields that must be numbers (never null) in a result, per command. */
const NUMERIC_FIELDS: Readonly<Record<string, readonly string[]>> = {
  matmul: ['flops', 'bytes', 'arithmeticIntensity'],
  inference: ['prefillFlops', 'ttftSeconds', 'tpotSeconds', 'weightsBytes', 'kvCacheBytes', 'maxConcurrency'],
  training: ['flopsPerToken', 'totalFlops', 'mfu'],
  model: ['params.total', 'activeParams', 'kvCacheBytesPerToken'],
  gpu: ['memoryBytes', 'memoryBandwidth'],
};

const UGLY =
  /\bE[A-Z]{3,}\b:|TypeError|RangeError|ReferenceError|SyntaxError|Cannot read|is not a function|Maximum call stack|internal error|\bundefined\b|\bat .*\(.*:\d+:\d+\)/;

function at(json: unknown, path: string): unknown {
  let v: unknown = json;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The first problem with a successful run's stdout, or null. */
function resultProblem(probe: Probe, out: readonly string[], requireWarnings: boolean): string | null {
  if (out.length !== 1) return `${out.length} writes to stdout`;
  let json: unknown;
  try {
    json = JSON.parse(out[0] as string);
  } catch {
    return 'stdout is not JSON';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'stdout is not a JSON object';
  const command = probe.argv[0] ?? '';
  const isList = probe.argv[1] === 'list';
  const fields = isList ? [] : [...(NUMERIC_FIELDS[command] ?? []), ...(probe.argv[1] === 'custom' ? ['derivedPeakFlops.bf16'] : [])];
  for (const field of fields) {
    const v = at(json, field);
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${field} is ${JSON.stringify(v)}, not a number`;
  }
  if (command === 'case') {
    const answer = at(json, 'answer');
    if (typeof answer === 'object' && answer !== null) {
      const bad = Object.entries(answer).find(([, v]) => v === null);
      if (bad) return `answer.${bad[0]} is null`;
    }
  }
  if (requireWarnings) {
    const w = (json as { warnings?: unknown }).warnings;
    if (!Array.isArray(w)) return 'no warnings array';
    const badWarning = w.find(
      (x: unknown) =>
        typeof x !== 'object' || x === null || typeof (x as { code?: unknown }).code !== 'string' || typeof (x as { message?: unknown }).message !== 'string',
    );
    if (badWarning !== undefined) return `malformed warning ${JSON.stringify(badWarning)}`;
  }
  return null;
}

/** The first problem with a refusal's output, or null when it is one clean line naming the culprit. */
export function rejectionProblem(probe: Probe, out: readonly string[], err: readonly string[]): string | null {
  if (out.length !== 0) return 'something on stdout';
  if (err.length !== 1) return `${err.length} writes to stderr`;
  const line = err[0] as string;
  if (/[\n\r]/.test(line)) return 'more than one line on stderr';
  if (!/^Error: .+ \(field: [^)]+\)$/.test(line)) return 'no field named';
  if (UGLY.test(line)) return 'an internal error text';
  if (probe.names !== undefined && probe.names !== '' && !line.includes(probe.names)) return `does not name ${JSON.stringify(probe.names)}`;
  return null;
}

/**
 * The category of one probe's outcome.
 * @example judge({ argv: ['matmul', '--m', '1,2,3'], expect: 'reject' }, { code: 0, out: ['{}'], err: [], ms: 1 }, { limitMs: 2000, requireWarnings: true }).category //=> 'silent-misread'
 */
export function judge(probe: Probe, o: Outcome, opts: { limitMs: number; requireWarnings: boolean }): Verdict {
  if (o.killed === true || o.ms > opts.limitMs) return { category: 'timeout', problem: `${Math.round(o.ms)} ms` };
  if (o.threw !== undefined) return { category: 'crash', problem: o.threw };
  if (o.code === 0) {
    if (probe.expect === 'reject') return { category: 'silent-misread', problem: 'exit 0 where the input should be refused' };
    const problem = resultProblem(probe, o.out, opts.requireWarnings);
    return problem === null ? { category: 'correct-result' } : { category: 'silent-misread', problem };
  }
  if (o.code !== 1) return { category: 'crash', problem: `exit code ${String(o.code)}` };
  const problem = rejectionProblem(probe, o.out, o.err);
  if (probe.expect === 'accept') return { category: 'valid-refused', problem: o.err.join(' | ') };
  return problem === null ? { category: 'clean-rejection' } : { category: 'ugly-error', problem: `${problem}: ${o.err.join(' | ').slice(0, 200)}` };
}
