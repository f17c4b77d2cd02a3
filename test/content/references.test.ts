import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { FORMULAS } from '../../src/core/registry';
import { PRESETS } from '../../src/core/model/presets';
import {
  ARTICLE_SECTIONS,
  REFERENCES,
  REFERENCE_GROUPS,
  articleSectionLabel,
  getReference,
  hasReference,
  referenceGroup,
  referenceLink,
} from '../../src/core/references';
import { FORMULA_SOURCES, formulasCiting, sourcesOf } from '../../src/core/formulaSources';

const files = readdirSync('content').filter((f) => f.endsWith('.mdx'));
const texts = new Map(files.map((f) => [f, readFileSync(`content/${f}`, 'utf8')]));

describe('references (src/core/references.ts)', () => {
  it('ids are unique kebab-case anchors', () => {
    const ids = REFERENCES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, id).toMatch(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/);
  });

  it.each(REFERENCES.filter((r) => r.arxiv !== undefined).map((r) => [r.id, r] as const))('%s has a well-formed arXiv id', (_id, r) => {
    expect(r.arxiv).toMatch(/^\d{4}\.\d{4,5}$/);
  });

  it('every address is https, and every paper has an arXiv id or an address', () => {
    for (const r of REFERENCES) {
      if (r.url !== undefined) expect(r.url, r.id).toMatch(/^https:\/\//);
      if (r.kind === 'paper' && !['patarasuk-2009', 'little-1961'].includes(r.id)) expect(referenceLink(r), r.id).toBeDefined();
    }
  });

  it('every entry has a short citation, a year and a group shown on the page', () => {
    const groups = new Set(REFERENCE_GROUPS.map((g) => g.group));
    for (const r of REFERENCES) {
      expect(r.short.length, r.id).toBeGreaterThan(2);
      expect(r.year, r.id).toBeGreaterThanOrEqual(1950);
      expect(groups.has(referenceGroup(r)), r.id).toBe(true);
    }
  });

  it('the article is cited by its title and its hedged provenance, without an unconfirmed address', () => {
    const a = getReference('article');
    expect(a.title).toBe('如何定量分析 Llama 3，大模型系统工程师视角的 Transformer 架构');
    expect(a.authors).toBe('百度 Geek 说 (Baidu Geek Talk)');
    expect(a.year).toBe(2024);
    expect(a.url).toBeUndefined();
    expect(a.note).toMatch(/2024-10-07/);
    expect(a.note).toMatch(/besthub\.dev/);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('preset %s has a model-card entry hf-<id> with its config URL', (id, preset) => {
    const r = getReference(`hf-${id}`);
    expect(r.kind).toBe('model-card');
    expect(r.url).toBe(preset.source.url);
  });

  it("referenceLink(getReference('pope-2022')) = the arXiv abstract page", () => {
    expect(referenceLink(getReference('pope-2022'))).toBe('https://arxiv.org/abs/2211.05102');
  });

  it("referenceGroup puts benchmark pages under measurements and papers under their kind", () => {
    expect(referenceGroup(getReference('nim-benchmarking'))).toBe('measurements');
    expect(referenceGroup(getReference('chowdhery-2022'))).toBe('paper');
  });

  it('getReference throws on an unknown id', () => {
    expect(() => getReference('no-such-paper')).toThrow(/Unknown reference/);
  });
});

describe('formula sources (src/core/formulaSources.ts)', () => {
  it.each(FORMULAS.map((f) => [f.id] as const))('%s has at least one source', (id) => {
    expect(FORMULA_SOURCES[id]?.length ?? 0).toBeGreaterThan(0);
  });

  it('every source names an existing reference, and article sections exist', () => {
    for (const [id, sources] of Object.entries(FORMULA_SOURCES)) {
      for (const s of sources) {
        expect(hasReference(s.ref), `${id} → ${s.ref}`).toBe(true);
        if (s.ref === 'article') expect(ARTICLE_SECTIONS[s.section ?? ''], `${id} → article ${s.section}`).toBeDefined();
      }
    }
  });

  it('every mapped formula is registered (no stale ids)', () => {
    const ids = new Set(FORMULAS.map((f) => f.id));
    for (const id of Object.keys(FORMULA_SOURCES)) expect(ids.has(id), id).toBe(true);
  });

  it("sourcesOf('training.activationBytes') = Korthikanti et al. 2022 §4, then the article §2.15", () => {
    expect(sourcesOf('training.activationBytes').map((s) => [s.anchor, s.label])).toEqual([
      ['korthikanti-2022', 'Korthikanti et al. 2022, §4'],
      ['article', 'the reference article, §2.15, training memory'],
    ]);
  });

  it("sourcesOf('no.such') = []", () => {
    expect(sourcesOf('no.such')).toEqual([]);
  });

  it("articleSectionLabel('2.11') = '§2.11, inference FLOPs'", () => {
    expect(articleSectionLabel('2.11')).toBe('§2.11, inference FLOPs');
  });

  it("formulasCiting('patarasuk-2009') = the two ring all-reduce formulas", () => {
    expect(formulasCiting('patarasuk-2009')).toEqual(['latency.allReduce', 'parallel.dataAllReduce']);
  });
});

describe('citations in content/', () => {
  /** Text outside code fences and inline code, where a citation could appear. */
  const proseOf = (text: string) => text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

  it('every "the reference article" is the text of a link to its citation', () => {
    for (const [file, text] of texts) {
      const prose = proseOf(text);
      for (const m of prose.matchAll(/reference article/gi)) {
        const start = m.index ?? 0;
        const before = prose.slice(Math.max(0, start - 5), start);
        const after = prose.slice(start + m[0].length, start + m[0].length + 40);
        expect(`${before}${m[0]}${after}`, `${file}: unlinked "${m[0]}"`).toMatch(/\[(?:the |The )?reference article\]\(\.\.\/references\/#article\)/);
      }
    }
  });

  it('a page that mentions the article links to its citation at least once', () => {
    for (const [file, text] of texts) {
      if (!/\barticle\b/i.test(proseOf(text))) continue;
      expect(text, file).toMatch(/\]\(\.\.\/references\/#article\)/);
    }
  });

  it('every /references/#id link in content resolves to an entry', () => {
    for (const [file, text] of texts) {
      for (const m of text.matchAll(/\(\.\.\/references\/#([^)\s]+)\)/g)) expect(hasReference(m[1] as string), `${file}: #${m[1]}`).toBe(true);
      // The page itself, without an anchor, is fine; an absolute /references/ link would break under a base path.
      expect(text, `${file}: use ../references/, not /references/`).not.toMatch(/\]\(\/references\//);
    }
  });
});
