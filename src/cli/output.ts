/**
 * What the CLI prints: every result carries `warnings` (empty when there are none), and
 * no number in it is NaN or ±Infinity (JSON would print `null` where a number belongs).
 * A non-finite number is an overflow for these inputs: an error naming the field path.
 */
import { InputError } from '../core/units';

/** A warning on a result: a stable code for scripts and a sentence for people (the scenario engine's Warning fits). */
export interface CliWarning {
  /** Stable, kebab-case, e.g. `mfu-above-100`. */
  code: string;
  message: string;
  /** The input most likely at fault, when one is. */
  field?: string;
}

/**
 * The path of the first number in `value` that is not finite (NaN, ±Infinity), or null.
 * Paths read like property access: `prefill.seconds`, `steps[2].value`.
 * @example firstNonFinite({ a: 1, b: { c: [0, Infinity] } }) //=> 'b.c[1]'
 * @example firstNonFinite({ a: 1, b: null }) //=> null
 */
export function firstNonFinite(value: unknown): string | null {
  const seen = new Set<object>();
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string };
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return path === '' ? 'result' : path;
      continue;
    }
    if (typeof v === 'bigint') return path === '' ? 'result' : path;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ value: v[i], path: `${path}[${i}]` });
    } else {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [k, child] = entries[i] as [string, unknown];
        stack.push({ value: child, path: path === '' ? k : `${path}.${k}` });
      }
    }
  }
  return null;
}

/**
 * A command's result as printed: `warnings` last (kept when the command set it, `[]`
 * otherwise), every number finite. Throws InputError naming the path of a non-finite number.
 * @example finalizeResult({ flops: 48 }) //=> { flops: 48, warnings: [] }
 */
export function finalizeResult(result: object): object & { warnings: CliWarning[] } {
  const own = (result as { warnings?: unknown }).warnings;
  const warnings = Array.isArray(own) ? (own as CliWarning[]) : [];
  const rest = Object.entries(result).filter(([k]) => k !== 'warnings');
  const out = { ...(Object.fromEntries(rest) as Record<string, unknown>), warnings };
  const bad = firstNonFinite(out);
  if (bad !== null) throw new InputError(bad, `overflow: ${bad} is not a finite number for these inputs`);
  return out;
}
