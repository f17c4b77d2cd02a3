/**
 * `--lang zh`: the CLI's errors and warnings in Chinese, JSON field names and every number as
 * in English; `--lang` with another value is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { main, takeLang } from '../../src/cli';
import { COMMANDS } from '../../src/cli/commands';
import { HELP_ZH, helpInChinese } from '../../src/cli/helpZh';
import { CASE_IDS } from '../../src/core/cases';

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

const V100 = ['training', 'llama-2-7b', '--tokens', '2T', '--seq', '4096', '--gpu', 'v100-sxm2-32gb', '--gpu-hours', '1M', '--json'];

describe('cli --lang', () => {
  it('a V100 run in Chinese: the fallback warning reads in Chinese, codes, fields and numbers as in English', () => {
    const en = run(V100);
    const zh = run([...V100, '--lang', 'zh']);
    expect(en.code).toBe(0);
    expect(zh.code).toBe(0);
    const a = JSON.parse(en.out[0] as string);
    const b = JSON.parse(zh.out[0] as string);
    const { warnings: wa, ...restA } = a;
    const { warnings: wb, ...restB } = b;
    expect(restB).toEqual(restA);
    expect(wb.map((w: { code: string; field?: string }) => [w.code, w.field])).toEqual(wa.map((w: { code: string; field?: string }) => [w.code, w.field]));
    const fallback = wb.find((w: { code: string }) => w.code === 'peak-dtype-fallback');
    expect(fallback.message).toMatch(/^NVIDIA V100 .*没有 bf16 的 Tensor Core 算力：MFU 和时间按其 fp16 峰值计算。$/);
  });

  it('an error in Chinese, "Error:" and the field kept for scripts', () => {
    const { code, err } = run(['matmul', '--m', '0', '--k', '4096', '--n', '4096', '--lang=zh']);
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^Error: --m 必须是 1 到 1,000,000,000,000 之间的整数（任一维度达到一万亿，已超过任何集群能放下的张量）\s?\(field: /);
  });

  it('an unknown command in Chinese', () => {
    const { code, err } = run(['--lang', 'zh', 'matmull']);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^Error: 未知命令 "matmull"；是不是想输入 matmul？可用命令：/);
  });

  it('--lang xx is refused by name; --lang en is the default', () => {
    const { code, err } = run(['matmul', '--m', '2', '--k', '3', '--n', '4', '--lang', 'fr']);
    expect(code).toBe(1);
    expect(err).toEqual(['Error: --lang must be en or zh, got "fr" (field: lang)']);
    expect(run(['matmul', '--m', '2', '--k', '3', '--n', '4', '--lang', 'en', '--json']).code).toBe(0);
    expect(takeLang(['matmul', '--lang'])).toEqual({ error: '--lang must be en or zh, got ""' });
    expect(takeLang(['--lang', 'zh', '--lang=en'])).toEqual({ error: '--lang is given twice; give it once' });
  });

  it('the usage names --lang', () => {
    const { out } = run(['--help']);
    expect(out[0]).toContain('--lang zh');
  });

  it('the usage in Chinese with --lang zh: every command summarised in Chinese', () => {
    const { out, code } = run(['--help', '--lang', 'zh']);
    expect(code).toBe(0);
    const text = out[0] ?? '';
    expect(text).toMatch(/^用法：/);
    const commands = text.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const line of commands) expect(line, line).toMatch(/[\u4e00-\u9fff]/);
    expect(run(['--help']).out[0]).toMatch(/^Usage:/);
  });

  /** English words left in a text, names, flags and units aside: three or more lowercase words in a row. */
  const englishLeft = (text: string) =>
    text
      .replace(/--[\w-]+(?: <[^>]*>)?|`[^`]*`|\b[\w-]+\.json\b|\bgpu_memory_utilization\b|\b(?:all-reduce|all-to-all|all-gather|point-to-point)\b/g, ' ')
      .match(/\b[a-z]{2,}(?:[ '’-]+[a-z]{2,}){2,}\b/g) ?? [];

  /** Every `--help` a reader can ask for: each command's, and each worked case's. */
  const HELPS = [...[...COMMANDS.keys()].map((c) => [c]), ...CASE_IDS.map((id) => ['case', id])];

  it.each(HELPS.map((command) => [command.join(' '), command] as const))(
    '%s --help --lang zh: every line in Chinese, flags, ids and numbers as in English',
    (_, command) => {
      const zh = run([...command, '--help', '--lang', 'zh']);
      const en = run([...command, '--help']);
      expect(zh.code).toBe(0);
      const zhLines = (zh.out[0] ?? '').split('\n');
      const enLines = (en.out[0] ?? '').split('\n');
      expect(zhLines).toHaveLength(enLines.length);
      expect(zhLines[0]).toMatch(/^用法：npm run --silent cli -- /);
      // The usage line names the command as it is typed.
      expect(zhLines.slice(1).flatMap((l) => englishLeft(l).map((w) => `${w}  ⟵  ${l}`))).toEqual([]);
      for (const [i, line] of enLines.entries()) {
        const flag = /^ {2}(--\S+(?: <[^>]*>)?|<\S+>)/.exec(line);
        // The same flag, placeholder and numbers on the same line.
        if (flag) expect(zhLines[i]).toContain(flag[1]);
        for (const n of line.match(/\d[\d,.]*(?:e\d+)?/g) ?? []) expect(zhLines[i], line).toContain(n);
        // Each description, note and heading reads in Chinese.
        if (line !== '' && !/^ {2}\S+ +(?:--\S+ ?)*$/.test(line)) expect(zhLines[i], line).toMatch(/[\u4e00-\u9fff]/);
      }
    },
  );

  it('HELP_ZH has no entry no help line uses (stale keys)', () => {
    const english = HELPS.map((command) => run([...command, '--help']).out[0] ?? '').join('\n');
    const used = new Set<string>();
    for (const line of english.split('\n')) {
      const flag = /^ {2}(?:--\S+(?: <[^>]*>)?|<\S+>) +(.*?)(?: \[((?:unit|required|default|range)[^\]]*)\])?$/.exec(line);
      if (flag) {
        used.add(flag[1]!);
        for (const fact of (flag[2] ?? '').split('; ')) if (fact.startsWith('unit: ')) used.add(fact.slice('unit: '.length));
      } else used.add(line);
    }
    for (const c of COMMANDS.values()) used.add(c.summary);
    const symbols = Object.keys(HELP_ZH).filter((k) => !used.has(k));
    expect(symbols).toEqual([]);
  });

  it('helpInChinese keeps a line it has no Chinese for, and translates the facts in brackets', () => {
    expect(helpInChinese('Flags:\n  --m <N>                        rows of the left operand, M [unit: rows; required; range: 1 to 1,000,000,000,000]')).toBe(
      '选项：\n  --m <N>                        左操作数的行数 M [单位：行；必填；范围：1 到 1,000,000,000,000]',
    );
    expect(helpInChinese('  --x <N>                        something new [default: 3]')).toBe('  --x <N>                        something new [默认：3]');
  });
});
