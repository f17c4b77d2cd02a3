/**
 * Parity of the Chinese edition (issue 15): each content/zh/<file>.mdx against content/<file>.mdx.
 * The prose differs; what computes and what links must not: the frontmatter's keys in the same
 * order (and the same chapter number), the import/export block identical except one more '../' in
 * import paths (and the Chinese number formatters of src/core/i18n/, which only the Chinese file
 * may import), and the same sequence of <Derivation id>, <Value …>, islands (with lang="zh"
 * added), figures and <Problem id … multiStep>, with the same props. Heading ids match too, so
 * every anchor and link works in both editions.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Overridable only to check that the test fails on a broken copy (see the commit that added it).
const EN_DIR = process.env['ZH_PARITY_EN'] ?? 'content';
const ZH_DIR = process.env['ZH_PARITY_ZH'] ?? 'content/zh';
const english = readdirSync(EN_DIR).filter((f) => f.endsWith('.mdx')).sort();
const chinese = existsSync(ZH_DIR) ? readdirSync(ZH_DIR).filter((f) => f.endsWith('.mdx')).sort() : [];
const twins = english.filter((f) => chinese.includes(f));
const untranslated = english.filter((f) => !chinese.includes(f));

interface Parsed {
  keys: string[];
  frontmatter: Record<string, string>;
  /** Top-level import/export statements (MDX ESM blocks), one string each. */
  esm: string[];
  /** The body without frontmatter, ESM blocks and fenced code. */
  body: string;
}

function parse(source: string): Parsed {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const fm = m ? (m[1] as string) : '';
  const keys: string[] = [];
  const frontmatter: Record<string, string> = {};
  for (const line of fm.split('\n')) {
    const k = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (k) {
      keys.push(k[1] as string);
      frontmatter[k[1] as string] = (k[2] as string).trim();
    }
  }
  const rest = m ? source.slice(m[0].length) : source;
  // MDX: a paragraph (lines up to a blank line) that starts with import/export at column 0 is ESM.
  const esm: string[] = [];
  const prose: string[] = [];
  for (const block of rest.split(/\n\s*\n/)) {
    if (/^(import|export)\s/.test(block)) {
      // One statement per import line; an export may continue over several lines.
      let current = '';
      for (const line of block.split('\n')) {
        if (/^(import|export)\s/.test(line)) {
          if (current) esm.push(current.trim());
          current = line;
        } else current += `\n${line}`;
      }
      if (current) esm.push(current.trim());
    } else prose.push(block);
  }
  const body = prose.join('\n\n').replace(/^```[\s\S]*?^```/gm, '');
  return { keys, frontmatter, esm, body };
}

/** The import/export statements with paths as the English file writes them, the Chinese-only helpers left out. */
function normalisedEsm(esm: string[], zh: boolean): string[] {
  return esm
    .filter((s) => !/^import\s[\s\S]*from\s+['"](?:\.\.\/)+src\/core\/i18n\//.test(s))
    .map((s) => (zh ? s.replace(/(from\s+['"]|import\s+['"])\.\.\/\.\.\//g, '$1../') : s))
    .map((s) => s.replace(/\s+/g, ' '));
}

/** The JSX tag starting at `start` ('<Name …>' or '<Name … />'), read past braces and quotes. */
function tagAt(text: string, start: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '>' && depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

/** The props of a tag, whitespace normalised, `lang="zh"` and (for problems) the title left out. */
function propsOf(tag: string, drop: string[]): string {
  let inner = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const name of drop) inner = inner.replace(new RegExp(`\\s${name}=(?:"[^"]*"|'[^']*'|\\{(?:[^{}]|\\{[^{}]*\\})*\\})`, 'g'), ' ');
  return inner.replace(/\s+/g, ' ').trim();
}

/** What a page computes and shows, in order: derivations, values, islands, figures and problems. */
function sequence(p: Parsed): string[] {
  // Component names imported from islands/ and figures/ (and charts/), in either file's paths.
  const components = new Map<string, string>();
  for (const s of p.esm) {
    const m = /^import\s+(\w+)\s+from\s+['"][^'"]*\/components\/(islands|figures|charts)\/[^'"]+['"]/.exec(s);
    if (m) components.set(m[1] as string, m[2] as string);
  }
  const names = ['Derivation', 'Value', 'Problem', ...components.keys()];
  const re = new RegExp(`<(${names.join('|')})(?=[\\s/>])`, 'g');
  const out: string[] = [];
  for (const m of p.body.matchAll(re)) {
    const name = m[1] as string;
    const tag = tagAt(p.body, m.index ?? 0);
    if (name === 'Problem') {
      const id = /\sid="([^"]+)"/.exec(tag)?.[1] ?? '?';
      out.push(`Problem#${id}${/\smultiStep\b/.test(tag) ? ' multiStep' : ''}`);
    } else if (name === 'Derivation' || name === 'Value') out.push(`${name} ${propsOf(tag, [])}`);
    else out.push(`${components.get(name)}:${name} ${propsOf(tag, ['lang'])}`);
  }
  return out;
}

/** Explicit heading ids, in order. */
const headingIds = (body: string) => [...body.matchAll(/^#{2,6} .*\{\/\*\s*([a-z0-9-]+)\s*\*\/\}\s*$/gm)].map((m) => m[1] as string);

describe('the Chinese edition mirrors the English one (content/zh/)', () => {
  it('lists the English pages without a Chinese twin', () => {
    console.info(`zh parity: ${twins.length} of ${english.length} English pages have a Chinese twin; untranslated: ${untranslated.join(', ') || 'none'}`);
    // Every Chinese file is the twin of an English one (same file name): no orphan pages.
    expect(chinese.filter((f) => !english.includes(f)), 'Chinese files without an English page').toEqual([]);
    expect(twins.length + untranslated.length).toBe(english.length);
  });

  describe.each(twins.length > 0 ? twins : ['(no twin yet)'])('%s', (file) => {
    if (!twins.includes(file)) {
      it.skip('no Chinese file yet');
      return;
    }
    const en = parse(readFileSync(`${EN_DIR}/${file}`, 'utf8'));
    const zh = parse(readFileSync(`${ZH_DIR}/${file}`, 'utf8'));

    it('has the same frontmatter keys in the same order, and the same chapter number', () => {
      expect(zh.keys).toEqual(en.keys);
      expect(zh.frontmatter['order']).toBe(en.frontmatter['order']);
    });

    it('copies the import/export block verbatim (one more ../ in import paths)', () => {
      expect(normalisedEsm(zh.esm, true)).toEqual(normalisedEsm(en.esm, false));
      // Chinese imports climb one level more: content/zh/ → ../../src/…
      for (const s of zh.esm) if (/from\s+['"]\.\.\//.test(s)) expect(s, 'Chinese import path').toMatch(/from\s+['"]\.\.\/\.\.\//);
    });

    it('has the same derivations, values, islands, figures and problems, in the same order', () => {
      if (en.frontmatter['order']) expect(sequence(en).length, 'a chapter computes something').toBeGreaterThan(5);
      expect(sequence(zh)).toEqual(sequence(en));
    });

    it('gives every island lang="zh"', () => {
      const islands = zh.esm.map((s) => /^import\s+(\w+)\s+from\s+['"][^'"]*\/components\/islands\//.exec(s)?.[1]).filter((n): n is string => !!n);
      for (const name of islands) {
        for (const m of zh.body.matchAll(new RegExp(`<${name}(?=[\\s/>])`, 'g'))) {
          expect(tagAt(zh.body, m.index ?? 0), `<${name}> in ${file}`).toMatch(/\slang="zh"/);
        }
      }
    });

    it('keeps every heading id, in the same order', () => {
      expect(headingIds(zh.body)).toEqual(headingIds(en.body));
    });
  });
});
