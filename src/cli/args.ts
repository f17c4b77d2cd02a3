/** Small helpers shared by the CLI commands: flags in, numbers out, one-line errors. */
import { InputError } from '../core/units';
import { parseNumber } from '../core/parse';

export type Flags = Record<string, string | boolean | undefined>;

/** A required numeric flag; throws InputError naming `--name` when missing or not a number. */
export function numberFlag(flags: Flags, name: string): number {
  const raw = flags[name];
  if (raw === undefined || raw === true || raw === false) throw new InputError(name, `--${name} is required (a number)`);
  const value = parseNumber(raw);
  if (value === null) throw new InputError(name, `--${name} must be a number, got "${raw}"`);
  return value;
}

/** An optional numeric flag with a default. */
export function optionalNumberFlag(flags: Flags, name: string, fallback: number): number {
  return flags[name] === undefined ? fallback : numberFlag(flags, name);
}

/** An optional string flag with a default. */
export function stringFlag(flags: Flags, name: string, fallback?: string): string {
  const raw = flags[name];
  if (typeof raw === 'string') return raw;
  if (fallback !== undefined) return fallback;
  throw new InputError(name, `--${name} is required`);
}

/** A CLI command: parses its flags and positionals, returns a plain JSON-able object. */
export interface Command {
  usage: string;
  run(positionals: string[], flags: Flags): unknown;
}

/** Flags that never take a value. */
const BOOLEAN_FLAGS = new Set(['json', 'help']);

/**
 * `--name value`, `--name=value` and bare positionals. A flag followed by another
 * flag (or by nothing) is boolean.
 * @example parseFlags(['model', 'gpt2', '--dtype', 'bf16', '--json']) //=> { positionals: ['model','gpt2'], flags: { dtype: 'bf16', json: true } }
 */
export function parseFlags(args: readonly string[]): { flags: Flags; positionals: string[] } {
  const flags: Flags = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) {
      flags[body.slice(0, eq)] = body.slice(eq + 1);
      continue;
    }
    const next = args[i + 1];
    if (BOOLEAN_FLAGS.has(body) || next === undefined || next.startsWith('--')) {
      flags[body] = true;
    } else {
      flags[body] = next;
      i += 1;
    }
  }
  return { flags, positionals };
}
