/**
 * Reading a config.json from disk for the CLI, with one-line errors that name the file:
 * a missing file, a directory, a file over 50 MB (refused from its size, before it is
 * read), a file that cannot be read, JSON that does not parse (with line and column),
 * and numbers outside their physical bounds (src/core/bounds.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { checkConfigBounds } from '../core/bounds';
import { InputError, formatInteger } from '../core/units';
import { clip } from './args';

/** Largest config file read: 50 MB (real config.json files are a few kB). */
export const MAX_CONFIG_BYTES = 50_000_000;

/**
 * Line and column (both from 1) of a character offset in `text`.
 * @example lineColumn('{\n  "a": ,\n}', 9) //=> { line: 2, column: 8 }
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      start = i + 1;
    }
  }
  return { line, column: end - start + 1 };
}

/**
 * Offset of the first JSON syntax error in `text`, or -1 when it is valid JSON. A small
 * iterative scanner (no recursion, so nesting depth cannot overflow the stack), used
 * only to say where JSON.parse failed: its messages differ between Node versions and
 * do not always give a position.
 * @example jsonErrorOffset('{"a": ,}') //=> 6
 * @example jsonErrorOffset('[1, 2]') //=> -1
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  };
  const string = (): boolean => {
    i += 1; // the opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i += 1;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== '' && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          i += 1;
          return false;
        }
      } else {
        i += 1;
      }
    }
    return false;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const key = (): boolean => {
    if (text[i] !== '"' || !string()) return false;
    ws();
    if (text[i] !== ':') return false;
    i += 1;
    return true;
  };
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const c = text[i];
      expectValue = false;
      if (c === '{' || c === '[') {
        i += 1;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i += 1;
          continue;
        }
        stack.push(c);
        if (c === '{' && !key()) return i;
        expectValue = true;
      } else if (c === '"') {
        if (!string()) return i;
      } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m || m[0] === '-' || m[0] === '') return i;
        i += m[0].length;
      } else {
        const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (word === undefined) return i;
        i += word.length;
      }
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? i : -1;
    const c = text[i];
    if (c === ',') {
      i += 1;
      ws();
      if (top === '{' && !key()) return i;
      expectValue = true;
    } else if (c === (top === '{' ? '}' : ']')) {
      i += 1;
      stack.pop();
    } else {
      return i;
    }
  }
}

/**
 * JSON text → value; a syntax error becomes InputError('config') saying where, e.g.
 * `"m.json" is not valid JSON at line 3, column 5: unexpected "}"`.
 * @example parseJsonText('{"a": 1}', 'a.json') //=> { a: 1 }
 */
export function parseJsonText(text: string, name: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // a byte-order mark is not an error
  try {
    return JSON.parse(body) as unknown;
  } catch {
    const found = jsonErrorOffset(body);
    const offset = found < 0 ? body.length : found;
    const { line, column } = lineColumn(body, offset);
    const what = offset >= body.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(body[offset])}`;
    throw new InputError('config', `${name} is not valid JSON at line ${line}, column ${column}: ${what}`);
  }
}

/**
 * The parsed, bounds-checked JSON of a config file. Throws InputError naming the file
 * (field `model`) or the config key at fault.
 * @example readConfigFile('/tmp') // throws InputError('model', '"/tmp" is a directory, not a config.json file')
 */
export function readConfigFile(path: string): unknown {
  const name = JSON.stringify(clip(path, 120));
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError('model', `${name} is a directory, not a config.json file`);
    if (!st.isFile()) throw new InputError('model', `${name} is not a regular file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('model', `no file at ${name}`);
  }
  if (size > MAX_CONFIG_BYTES) {
    throw new InputError('model', `${name} is ${formatInteger(size)} bytes; a config.json is at most ${formatInteger(MAX_CONFIG_BYTES)} bytes (50 MB)`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'it could not be read';
    throw new InputError('model', `cannot read ${name}: ${why}`);
  }
  const json = parseJsonText(text, name);
  checkConfigBounds(json);
  return json;
}
