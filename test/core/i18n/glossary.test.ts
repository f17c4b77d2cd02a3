import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../../src/core/i18n/glossary';
import { CHAPTERS } from '../../../src/core/chapters';

// content/NN-slug.mdx or content/slug.mdx → its explicit heading ids ({/*id*/}).
const files = readdirSync('content').filter((f) => f.endsWith('.mdx'));
const headingIds = new Map(
  files.map((f) => [
    f.replace(/^\d+-/, '').replace(/\.mdx$/, ''),
    new Set([...readFileSync(`content/${f}`, 'utf8').matchAll(/^#{2,6} .*\{\/\*\s*([a-z0-9-]+)\s*\*\/\}\s*$/gm)].map((m) => m[1])),
  ]),
);
const order = (slug: string) => CHAPTERS.find((c) => c.slug === slug)?.order ?? 99;

describe('the glossary (src/core/i18n/glossary.ts)', () => {
  it('holds every term the course relies on, including the article’s', () => {
    console.info(`glossary: ${GLOSSARY.length} terms, ${GLOSSARY.filter((g) => g.article).length} from the reference article`);
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(80);
    // The design's list of the article's terms: each must be a glossary entry (Chinese side).
    const zh = GLOSSARY.map((g) => g.zh).join('|');
    for (const term of [
      '算力',
      '访存量',
      '显存',
      '首 Token 时延',
      '每 Token 时延',
      '隐空间',
      '词表',
      '参数量',
      '计算量',
      '推理',
      '训练',
      '激活值',
      '优化器状态',
      '并发',
      '吞吐',
      '批大小',
      '序列长度',
      '流水并行',
      '张量并行',
      '序列并行',
      '数据并行',
      '专家并行',
      '上下文并行',
      '算术强度',
      '屋顶线模型',
      '矩阵乘',
      '注意力',
      '前馈网络',
      '多头注意力',
      '分组查询注意力',
      '滑动窗口',
      '混合专家',
      'KV Cache',
      '预填充',
      '解码',
      '连续批处理',
      '分页 KV Cache',
      '前缀缓存',
      '分块预填充',
      '投机解码',
      '量化',
      '预填充/解码分离',
      '有效吞吐',
      '模型算力利用率',
      '硬件算力利用率',
      '重计算',
      '气泡',
    ]) {
      expect(zh, term).toContain(term);
    }
  });

  it.each(GLOSSARY.map((g) => [g.zh, g] as const))('%s links to a heading of its page', (_, g) => {
    const ids = headingIds.get(g.page);
    expect(ids, `content page ${g.page}`).toBeDefined();
    expect([...(ids ?? [])], `${g.page}#${g.anchor}`).toContain(g.anchor);
    expect(g.zh.trim()).not.toBe('');
    expect(g.en.trim()).not.toBe('');
  });

  it('has no term twice, in either language', () => {
    const zh = GLOSSARY.map((g) => g.zh);
    const en = GLOSSARY.map((g) => g.en.toLowerCase());
    expect(zh.filter((z, i) => zh.indexOf(z) !== i)).toEqual([]);
    expect(en.filter((e, i) => en.indexOf(e) !== i)).toEqual([]);
  });

  it('is in the course’s order (by the chapter that first explains each term)', () => {
    const orders = GLOSSARY.map((g) => order(g.page));
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });
});
