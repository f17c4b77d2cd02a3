/**
 * The core from a terminal: `npm run --silent cli -- <command> [options] [--json]`.
 * A result: one JSON object on stdout (with `--json`, on one line), exit 0; it always
 * carries `warnings` and every number in it is finite. Bad input: exit 1 and exactly one
 * line on stderr naming the field, flag, argument, command or file; never usage text.
 * `--help` (bare, or after a command) prints help on stdout, exit 0.
 * The command names and JSON fields are a public interface (design.md).
 */
import { isLang, translate, type Lang } from './core/i18n/messages';
import { InputError } from './core/units';
import { nearest } from './cli/args';
import { COMMANDS } from './cli/commands';
import { helpInChinese } from './cli/helpZh';
import { finalizeResult } from './cli/output';

/** Longest error line printed; anything longer is cut (a pasted config can be long). */
const MAX_ERROR_LENGTH = 600;

function commandList(): string {
  const names = [...COMMANDS.keys()];
  return names.join(', ');
}

function usage(lang: Lang = 'en'): string {
  const width = Math.max(...[...COMMANDS.values()].map((c) => c.name.length)) + 2;
  if (lang === 'zh') {
    return [
      '用法：npm run --silent cli -- <命令> [选项] [--json]',
      '',
      '命令：',
      ...[...COMMANDS.values()].map((c) => `  ${c.name.padEnd(width)} ${helpInChinese(c.summary)}`),
      '',
      '`<命令> --help` 列出该命令的参数和选项，以及它们的单位、默认值和取值范围。',
      '数字写法：4096、4,096、4_096、1e12，以及后缀 k/K、M、G、B（十亿）、T、P（15T、6.4M）。',
      '出错时：退出码 1，stderr 上一行说明要改什么。结果：JSON，带一个 `warnings` 数组。',
      '语言：--lang zh 以中文输出错误和警告（JSON 字段名不变）；默认 --lang en。',
    ].join('\n');
  }
  return [
    'Usage: npm run --silent cli -- <command> [options] [--json]',
    '',
    'Commands:',
    ...[...COMMANDS.values()].map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    '`<command> --help` lists its arguments and flags with their units, defaults and ranges.',
    'Numbers: 4096, 4,096, 4_096, 1e12, and the suffixes k/K, M, G, B (billion), T, P (15T, 6.4M).',
    'Errors: exit 1 with one line on stderr naming what to fix. Results: JSON with a `warnings` array.',
    'Language: --lang zh prints errors and warnings in Chinese (JSON field names stay as they are); --lang en is the default.',
  ].join('\n');
}

/**
 * The `--lang` flag, wherever it stands, and the arguments without it. Any command takes it;
 * a value other than en or zh is refused.
 * @example takeLang(['matmul', '--lang', 'zh', '--m', '2']) //=> { lang: 'zh', rest: ['matmul', '--m', '2'] }
 */
export function takeLang(argv: readonly string[]): { lang: Lang; rest: string[] } | { error: string } {
  const rest: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    if (a === '--lang') {
      if (lang !== undefined) return { error: '--lang is given twice; give it once' };
      lang = argv[i + 1] ?? '';
      i += 1;
    } else if (a.startsWith('--lang=')) {
      if (lang !== undefined) return { error: '--lang is given twice; give it once' };
      lang = a.slice('--lang='.length);
    } else rest.push(a);
  }
  if (lang === undefined) return { lang: 'en', rest };
  if (!isLang(lang)) return { error: `--lang must be en or zh, got ${JSON.stringify(lang.length > 20 ? `${lang.slice(0, 20)}…` : lang)}` };
  return { lang, rest };
}

/** One line: control characters (a newline typed into a value) shown escaped, length capped. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  const escaped = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > MAX_ERROR_LENGTH ? `${escaped.slice(0, MAX_ERROR_LENGTH)}…` : escaped;
}

/**
 * Runs one CLI invocation; returns the exit code (for tests, without spawning a process).
 * @example main(['matmul', '--m', '2', '--k', '3', '--n', '4', '--json'], console.log, console.error) //=> 0 (prints {"shape":…,"flops":48,…,"warnings":[]})
 */
export function main(argvWithLang: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const taken = takeLang(argvWithLang);
  const lang: Lang = 'lang' in taken ? taken.lang : 'en';
  const fail = (message: string, field: string): number => {
    // The field closes the line (cut to fit, without parentheses) so scripts can read it; in
    // Chinese the message is translated, "Error:" and "(field: …)" stay for scripts.
    const name = oneLine(field.replace(/[()]/g, '')).slice(0, 80) || '?';
    err(`Error: ${oneLine(translate(message, lang))} (field: ${name})`);
    return 1;
  };
  if ('error' in taken) return fail(taken.error, 'lang');
  const argv = taken.rest;
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    out(usage(lang));
    return 0;
  }
  if (name === undefined || name.startsWith('-')) {
    return fail(`a command is required first: ${commandList()} (see --help)`, 'command');
  }
  if (name === 'help' && rest.length > 1) {
    return fail(`unexpected argument ${JSON.stringify(rest[1])} for help; it takes one: <command>`, 'arguments');
  }
  const helpTarget = name === 'help' ? rest[0] : undefined;
  const command = COMMANDS.get(helpTarget ?? name);
  if (!command) {
    const typed = helpTarget ?? name;
    const near = nearest(typed, [...COMMANDS.keys()]);
    const shown = JSON.stringify(typed.length > 40 ? `${typed.slice(0, 40)}…` : typed);
    return fail(`unknown command ${shown}; ${near !== null ? `did you mean ${near}? ` : ''}commands: ${commandList()}`, 'command');
  }
  try {
    const output = command.execute(helpTarget !== undefined ? ['--help'] : rest);
    if (output.kind === 'help') {
      out(lang === 'zh' ? helpInChinese(output.text) : output.text);
      return 0;
    }
    const result = finalizeResult(output.result);
    // Warnings for people in the chosen language; codes, fields and every number unchanged.
    if (lang === 'zh') result.warnings = result.warnings.map((w) => ({ ...w, message: translate(w.message, 'zh') }));
    out(output.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof InputError) return fail(e.message, e.field);
    // A bug, not bad input: still one line, naming the command.
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return fail(`internal error in ${command.name}: ${message}`, command.name);
  }
}

const isEntry = process.argv[1] !== undefined && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = main(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  );
}
