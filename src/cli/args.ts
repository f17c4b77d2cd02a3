/**
 * Declared arguments for the CLI commands: each command lists its flags (name, kind,
 * bound, unit, default, one-line description) and its positional arguments, and
 * everything else on the command line is refused with a one-line message that names it.
 * The same table prints `<command> --help`.
 *
 * - `--name value` and `--name=value`; boolean flags (`--json`, `--help`) take no value.
 * - Unknown flags name the nearest known one ("did you mean --dtype?").
 * - A flag given twice, a positional argument the command does not take, `--__proto__`
 *   or `--constructor`: refused, never interpreted. Values are stored in objects
 *   without a prototype and looked up with Object.hasOwn.
 * - Numbers go through the core's strict parser (src/core/parse.ts) and the flag's
 *   bound (src/core/bounds.ts), so `--m 1,2,3` or `--gpus 1e300` never reach a formula.
 */
import { BOUNDS, formatBound, type BoundKind } from '../core/bounds';
import { parseQuantity } from '../core/parse';
import { InputError, formatInteger } from '../core/units';

/** What a flag holds. `integer` is a number that must be whole; `enum` one of `choices`. */
export type FlagKind = 'number' | 'integer' | 'enum' | 'string' | 'boolean';

/** One declared flag. */
export interface FlagSpec {
  readonly kind: FlagKind;
  /** One line for `--help`. */
  readonly description: string;
  /** The physical bound a number is checked against (src/core/bounds.ts). */
  readonly bound?: BoundKind;
  /** Unit shown by `--help`, e.g. `tokens`, `B/s`, `FLOP/s`. */
  readonly unit?: string;
  /** Used when the flag is absent, and shown by `--help`. */
  readonly default?: number | string | boolean;
  /** The command refuses to run without it. */
  readonly required?: boolean;
  /** The accepted values of an `enum` flag. */
  readonly choices?: readonly string[];
  /** Placeholder in `--help`, e.g. `ID`; defaults to the unit or the kind. */
  readonly metavar?: string;
  /** 0 is accepted besides the bound, meaning "none" (e.g. no interconnect). */
  readonly zeroMeansNone?: boolean;
  /**
   * The name a range error reports as `(field: …)` when it differs from the flag: the
   * core's name for the quantity, kept so scripts that matched it still do.
   */
  readonly field?: string;
}

/** A command's flags by name (without the leading `--`). */
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** One positional argument, for `--help` and for counting. */
export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
}

type FlagValue<S extends FlagSpec> = S['kind'] extends 'number' | 'integer'
  ? number
  : S['kind'] extends 'boolean'
    ? boolean
    : S extends { readonly choices: readonly (infer C extends string)[] }
      ? C
      : string;

type Guaranteed<S extends FlagSpec> = S extends { readonly default: unknown } ? true : S extends { readonly required: true } ? true : false;

/** The parsed flags of a table: a value for every flag with a default or `required`, possibly absent for the rest. */
export type FlagValues<F extends FlagTable> = {
  readonly [K in keyof F as Guaranteed<F[K]> extends true ? K : never]: FlagValue<F[K]>;
} & {
  readonly [K in keyof F as Guaranteed<F[K]> extends true ? never : K]?: FlagValue<F[K]>;
};

/** A parsed command line. */
export interface Invocation<F extends FlagTable> {
  readonly positionals: readonly string[];
  /** Declared flags only, defaults applied. */
  readonly flags: FlagValues<F>;
  /** Flags the user typed (defaults not included). */
  readonly given: ReadonlySet<string>;
  /** `--json`: one compact line instead of indented JSON. */
  readonly json: boolean;
}

/** What running a command produced: a result object for stdout, or its help text. */
export type CommandOutput = { kind: 'result'; result: object; json: boolean } | { kind: 'help'; text: string };

/** A CLI command as the dispatcher sees it. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** e.g. `inference <model> --gpu ID --gpus N … [flags]`. */
  readonly usage: string;
  /** Runs the command on its arguments (the command name removed). Throws InputError on bad input. */
  execute(argv: readonly string[]): CommandOutput;
}

/** Flags every command takes. */
export const COMMON_FLAGS = {
  json: { kind: 'boolean', description: 'print the result as one compact JSON line' },
  help: { kind: 'boolean', description: 'print this help and exit' },
} as const satisfies FlagTable;

/** A command declared by its flag table. */
export interface CommandSpec<F extends FlagTable> {
  readonly name: string;
  readonly summary: string;
  readonly positionals: readonly PositionalSpec[];
  readonly flags: F;
  /** Lines printed after the flags by `--help` (conventions, examples). */
  readonly notes?: readonly string[];
  run(inv: Invocation<F>): object;
}

/**
 * A Command from its declared table: parsing, validation and `--help` come from the table.
 * @example defineCommand({ name: 'hello', summary: 'says hello', positionals: [], flags: {}, run: () => ({ hello: 1 }) }).execute(['--json']) //=> { kind: 'result', result: { hello: 1 }, json: true }
 */
export function defineCommand<const F extends FlagTable>(spec: CommandSpec<F>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: usageLine(spec.name, spec.positionals, spec.flags),
    execute(argv) {
      if (wantsHelp(argv)) return { kind: 'help', text: helpText(spec.name, spec.summary, spec.positionals, spec.flags, spec.notes) };
      const inv = parseArgs(argv, spec.flags, { command: spec.name, positionals: spec.positionals });
      return { kind: 'result', result: spec.run(inv), json: inv.json };
    },
  };
}

/**
 * True when `--help` or `-h` is among the arguments (help wins over any other error).
 * @example wantsHelp(['llama-2-7b', '--help']) //=> true
 */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** A flag as typed: its name, its value text (absent for booleans or when missing), and the token. */
interface RawFlag {
  name: string;
  value: string | undefined;
  /** `--name=value` was typed (so a boolean flag got a value). */
  inline: boolean;
}

/**
 * Splits arguments into flags and positionals. A flag takes the next argument as its
 * value unless `isBoolean(name)`, the flag is `--name=value`, or the next argument is
 * itself a flag (`--…`); negative numbers (`-5`) are values. `--` ends the flags.
 * @example tokenize(['gpt2', '--dtype', 'bf16', '--json'], (n) => n === 'json') //=> { flags: [{ name: 'dtype', value: 'bf16', inline: false }, { name: 'json', value: undefined, inline: false }], positionals: ['gpt2'] }
 */
export function tokenize(argv: readonly string[], isBoolean: (name: string) => boolean): { flags: RawFlag[]; positionals: string[] } {
  const flags: RawFlag[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.push({ name: 'help', value: undefined, inline: false });
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) {
      flags.push({ name: body.slice(0, eq), value: body.slice(eq + 1), inline: true });
      continue;
    }
    const next = argv[i + 1];
    if (isBoolean(body) || next === undefined || next.startsWith('--')) {
      flags.push({ name: body, value: undefined, inline: false });
    } else {
      flags.push({ name: body, value: next, inline: false });
      i += 1;
    }
  }
  return { flags, positionals };
}

/** Where the parser is, for messages. */
export interface ParseContext {
  /** e.g. `inference`, or `case llama2-70b-ttft`. */
  command: string;
  positionals: readonly PositionalSpec[];
}

/**
 * Parses and validates a command line against a flag table. Throws InputError (one line,
 * naming the flag, the argument or the field) for anything it does not understand.
 * @example parseArgs(['--m', '4,096', '--json'], { m: { kind: 'integer', bound: 'matmulDim', description: 'rows' } }, { command: 'matmul', positionals: [] }).flags.m //=> 4096
 */
export function parseArgs<F extends FlagTable>(argv: readonly string[], table: F, ctx: ParseContext): Invocation<F> {
  const declared = (name: string): FlagSpec | undefined =>
    Object.hasOwn(table, name) ? table[name] : Object.hasOwn(COMMON_FLAGS, name) ? COMMON_FLAGS[name as keyof typeof COMMON_FLAGS] : undefined;
  const { flags: raw, positionals } = tokenize(argv, (name) => declared(name)?.kind === 'boolean');
  const values: Record<string, number | string | boolean> = Object.create(null) as Record<string, number | string | boolean>;
  const given = new Set<string>();
  let json = false;
  for (const flag of raw) {
    const spec = declared(flag.name);
    if (spec === undefined) throw unknownFlag(flag.name, [...Object.keys(table), ...Object.keys(COMMON_FLAGS)], ctx.command);
    if (given.has(flag.name)) throw new InputError(flag.name, `--${flag.name} is given twice; give it once`);
    given.add(flag.name);
    if (spec.kind === 'boolean') {
      if (flag.inline) throw new InputError(flag.name, `--${flag.name} takes no value (got "--${flag.name}=${flag.value ?? ''}")`);
      if (flag.name === 'json') json = true;
      else if (Object.hasOwn(table, flag.name)) values[flag.name] = true;
      continue;
    }
    if (flag.value === undefined) throw new InputError(flag.name, `--${flag.name} needs a value (${describeValue(spec)})`);
    values[flag.name] = convertFlag(flag.name, flag.value, spec);
  }
  if (positionals.length > ctx.positionals.length) {
    const stray = positionals.slice(ctx.positionals.length).map((p) => JSON.stringify(clip(p)));
    const takes =
      ctx.positionals.length === 0
        ? 'it takes no positional arguments'
        : `it takes ${ctx.positionals.length === 1 ? 'one' : ctx.positionals.length}: ${ctx.positionals.map((p) => `<${p.name}>`).join(' ')}`;
    throw new InputError('arguments', `unexpected argument${stray.length > 1 ? 's' : ''} ${stray.join(', ')} for ${ctx.command}; ${takes}`);
  }
  for (const [name, spec] of Object.entries(table)) {
    if (Object.hasOwn(values, name)) continue;
    if (spec.default !== undefined) values[name] = spec.default;
    else if (spec.required === true) throw new InputError(name, `--${name} is required: ${spec.description} (${describeValue(spec)})`);
  }
  return { positionals, flags: values as FlagValues<F>, given, json };
}

/**
 * A flag's value text → its value, checked against the flag's kind, choices and bound.
 * @example convertFlag('gpus', '8', { kind: 'integer', bound: 'gpus', description: 'GPUs' }) //=> 8
 */
export function convertFlag(name: string, text: string, spec: FlagSpec): number | string {
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      if (spec.zeroMeansNone === true) {
        const plain = parseQuantity(text);
        if (plain.ok && plain.value === 0) return 0;
      }
      const r = parseQuantity(text, {
        field: `--${name}`,
        integer: spec.kind === 'integer',
        ...(spec.bound !== undefined ? { kind: spec.bound } : {}),
      });
      if (!r.ok) {
        // A readable number outside the bound is reported under the core's name, when it has one.
        const readable = parseQuantity(text).ok;
        throw new InputError(readable && spec.field !== undefined ? spec.field : name, r.error);
      }
      return r.value;
    }
    case 'enum': {
      const choices = spec.choices ?? [];
      if (choices.includes(text)) return text;
      const near = nearest(text, choices);
      throw new InputError(
        name,
        `--${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(clip(text))}${near !== null ? `; did you mean ${near}?` : ''}`,
      );
    }
    case 'string': {
      if (text.trim() === '') throw new InputError(name, `--${name} is empty: ${spec.description}`);
      return text;
    }
    case 'boolean':
      throw new InputError(name, `--${name} takes no value`);
  }
}

function describeValue(spec: FlagSpec): string {
  if (spec.kind === 'enum') return `one of ${(spec.choices ?? []).join(', ')}`;
  if (spec.kind === 'string') return spec.metavar ?? 'text';
  const what = spec.kind === 'integer' ? 'a whole number' : 'a number';
  return spec.unit !== undefined ? `${what}, ${spec.unit}` : what;
}

/**
 * Text quoted in a message, cut to a readable length.
 * @example clip('x'.repeat(50), 4) //=> 'xxxx… (50 characters)'
 */
export function clip(text: string, limit = 40): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${formatInteger(text.length)} characters)` : text;
}

function unknownFlag(name: string, known: readonly string[], command: string): InputError {
  const shown = `--${clip(name)}`;
  const near = nearest(name, known);
  return new InputError(
    clip(name) || '--',
    name === ''
      ? `"--" with no name is not a flag of ${command}`
      : `unknown flag ${shown} for ${command}${near !== null ? `; did you mean --${near}?` : `; see ${command} --help`}`,
  );
}

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
 * two adjacent letters each cost 1 (`dtpye` is one swap from `dtype`).
 * @example editDistance('dtpye', 'dtype') //=> 1
 * @example editDistance('utilisation', 'utilization') //=> 1
 */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] as number;
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The known name closest to `name`, if it is close enough to be a slip: the same
 * letters ignoring case and dashes (`memoryReading` → `memory-reading`), or within
 * one edit per three letters.
 * @example nearest('compute-effciency', ['compute-efficiency', 'memory-efficiency']) //=> 'compute-efficiency'
 * @example nearest('foo', ['gpu', 'gpus', 'json']) //=> null
 */
export function nearest(name: string, known: readonly string[]): string | null {
  const squash = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const exact = known.find((k) => squash(k) === squash(name));
  if (exact !== undefined) return exact;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(name.toLowerCase(), k.toLowerCase());
    if (dist <= limit && dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}

function metavar(spec: FlagSpec): string {
  if (spec.kind === 'boolean') return '';
  if (spec.metavar !== undefined) return ` <${spec.metavar}>`;
  if (spec.kind === 'enum') return ` <${(spec.choices ?? []).join('|')}>`;
  return ` <${spec.kind === 'string' ? 'text' : 'N'}>`;
}

function usageLine(name: string, positionals: readonly PositionalSpec[], table: FlagTable): string {
  const required = Object.entries(table)
    .filter(([, s]) => s.required === true)
    .map(([n, s]) => `--${n}${metavar(s)}`);
  return [name, ...positionals.map((p) => `<${p.name}>`), ...required, '[flags]'].join(' ');
}

const HELP_SUFFIXES: ReadonlyArray<readonly [number, string]> = [
  [15, 'P'],
  [12, 'T'],
  [9, 'G'],
  [6, 'M'],
];

/**
 * A default as a person would type it, and as the parser reads it back exactly:
 * 312T rather than 312000000000000.
 * @example formatDefault(2.039e12) //=> '2.039T'
 * @example formatDefault(4000) //=> '4,000'
 */
export function formatDefault(value: number): string {
  for (const [exponent, suffix] of HELP_SUFFIXES) {
    if (Math.abs(value) < 10 ** exponent) continue;
    const mantissa = String(Number((value / 10 ** exponent).toPrecision(6)));
    const text = `${mantissa}${suffix}`;
    const back = parseQuantity(text);
    if (mantissa.length <= 6 && back.ok && back.value === value) return text;
  }
  return Number.isInteger(value) ? formatInteger(value) : String(value);
}

function rangeText(spec: FlagSpec): string | null {
  if (spec.bound === undefined) return null;
  const b = BOUNDS[spec.bound];
  const lo = spec.bound === 'fraction' ? '> 0' : formatBound(b.min);
  return `${spec.zeroMeansNone === true ? '0 or ' : ''}${lo} to ${formatBound(b.max)}`;
}

/**
 * `--help` text for a table: usage, positional arguments, and one line per flag with its
 * unit, default (or "required") and range.
 * @example helpText('matmul', 'FLOPs of a matmul', [], MATMUL_FLAGS).split('\n')[0] //=> 'Usage: npm run --silent cli -- matmul --m <N> --k <N> --n <N> [flags]'
 */
export function helpText(name: string, summary: string, positionals: readonly PositionalSpec[], table: FlagTable, notes: readonly string[] = []): string {
  const lines = [`Usage: npm run --silent cli -- ${usageLine(name, positionals, table)}`, '', summary];
  if (positionals.length > 0) {
    lines.push('', 'Arguments:');
    for (const p of positionals) lines.push(`  ${`<${p.name}>`.padEnd(30)} ${p.description}`);
  }
  lines.push('', 'Flags:');
  for (const [flag, spec] of [...Object.entries(table), ...Object.entries(COMMON_FLAGS)] as Array<[string, FlagSpec]>) {
    const head = `--${flag}${metavar(spec)}`;
    const facts: string[] = [];
    if (spec.unit !== undefined) facts.push(`unit: ${spec.unit}`);
    if (spec.required === true) facts.push('required');
    else if (spec.default !== undefined) facts.push(`default: ${typeof spec.default === 'number' ? formatDefault(spec.default) : String(spec.default)}`);
    const range = rangeText(spec);
    if (range !== null) facts.push(`range: ${range}`);
    lines.push(`  ${head.padEnd(30)} ${spec.description}${facts.length > 0 ? ` [${facts.join('; ')}]` : ''}`);
  }
  if (notes.length > 0) lines.push('', ...notes);
  return lines.join('\n');
}
