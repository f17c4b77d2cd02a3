import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALIASES, FORMULAS, ID_ALIASES, getFormula, hasFormula } from '../../src/core/registry';
import { CHAPTERS } from '../../src/core/chapters';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[a-z]+\.[a-z][A-Za-z0-9]*$/;
const PAGES = new Set<string>([...CHAPTERS.map((c) => c.slug), 'notation', 'playground', 'models']);

describe('formula registry', () => {
  it('ids are topic.camelName and unique', () => {
    const ids = FORMULAS.map((f) => f.id);
    for (const id of ids) expect(id).toMatch(ID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('anchors are kebab-case and unique on their page', () => {
    const seen = new Set<string>();
    for (const f of FORMULAS) {
      expect(f.anchor, f.id).toMatch(SLUG);
      expect(PAGES.has(f.page), `${f.id} page ${f.page}`).toBe(true);
      const key = `${f.page}#${f.anchor}`;
      expect(seen.has(key), `${key} is used twice`).toBe(false);
      seen.add(key);
    }
  });

  it.each(FORMULAS.map((f) => [f.id, f] as const))('%s: symbols, labels and domains cover exactly the inputs, and every symbol is used', (_id, f) => {
    const keys = Object.keys(f.symbols).sort();
    expect(Object.keys(f.labels).sort()).toEqual(keys);
    expect(Object.keys(f.domains).sort()).toEqual(keys);
    expect(Object.keys(f.example).sort()).toEqual(keys);
    // Every input appears in the template: call it with unique markers and look for each.
    const markers = Object.fromEntries(keys.map((k, i) => [k, `\u27e8${i}\u27e9`]));
    const tex = f.tex(markers);
    for (const k of keys) expect(tex, `${f.id} does not use ${k}`).toContain(markers[k]);
  });

  // The value of each worked example is checked against a hand-worked literal in ./examples.test.ts.
  it.each(FORMULAS.map((f) => [f.id, f] as const))('%s: derive(example) is finite and its substituted TeX holds no NaN, Infinity or undefined', (_id, f) => {
    const d = f.derive(f.example);
    expect(Number.isFinite(d.value)).toBe(true);
    expect(d.substituted).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('aliases point at registered formulas and never shadow a current anchor; one on another page stands beside a showing of the formula there', () => {
    const pageText = (slug: string) => {
      const file = readdirSync('content').find((f) => f.replace(/^\d+-/, '').replace(/\.mdx$/, '') === slug);
      return file === undefined ? '' : readFileSync(join('content', file), 'utf8');
    };
    for (const [key, target] of Object.entries(ALIASES)) {
      const [page, anchor] = key.split('#') as [string, string];
      const formula = getFormula(target.id);
      expect(formula.id, `${key} names a retired id`).toBe(target.id);
      expect(anchor).toMatch(SLUG);
      expect(
        FORMULAS.some((f) => f.page === page && f.anchor === anchor),
        `${key} is a current anchor`,
      ).toBe(false);
      if (formula.page === page) continue;
      // <span id="old-anchor" /> right before <Derivation id="…" primary={false} …/> on the old page.
      const shown = new RegExp(`<span id="${anchor}" />\\s*<Derivation id="${target.id.replace('.', '\\.')}"[^>]*primary=\\{false\\}`);
      expect(pageText(page), `${key}: ${page} shows ${target.id} beside the old anchor`).toMatch(shown);
    }
  });

  it('retired ids (ID_ALIASES) resolve to a registered formula and are not registered themselves', () => {
    for (const [old, id] of Object.entries(ID_ALIASES)) {
      expect(old).toMatch(ID);
      expect(hasFormula(old), old).toBe(true);
      expect(getFormula(old).id).toBe(id);
      expect(
        FORMULAS.some((f) => f.id === old),
        `${old} is registered again`,
      ).toBe(false);
    }
  });

  it('getFormula throws for an unknown id', () => {
    expect(() => getFormula('nope.nothing')).toThrow(/Unknown formula id/);
    expect(hasFormula('matmul.flops')).toBe(true);
  });
});

describe('core boundary', () => {
  it('reads code apart from comments and strings (the check below relies on it)', () => {
    const { code, strings } = splitSource("import { a } from 'react'; // window.x\nconst s = 'sliding window.'; /* document. */ window.open(`t`);");
    expect(strings).toEqual(['react', 'sliding window.', 't']);
    expect(code).toBe('import { a } from \u20630\u2063; \nconst s = \u20631\u2063;   window.open(\u20632\u2063);');
  });

  it('src/core imports no astro, react, DOM or node modules', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name)) files.push(full);
      }
    };
    walk('src/core');
    for (const file of files) {
      const { code, strings } = splitSource(readFileSync(file, 'utf8'));
      const imports = [...code.matchAll(/\b(?:from|import)\s*\(?\s*\u2063(\d+)\u2063/g)].map((m) => strings[Number(m[1])] as string);
      for (const spec of imports) {
        expect(spec.startsWith('.') || spec.startsWith('../'), `${file} imports ${spec}`).toBe(true);
      }
      // Code only: a comment or a string may say "sliding window." without touching the DOM.
      expect(code, file).not.toMatch(/\b(document|window|localStorage)\.|\bDate\.now\(|\bMath\.random\(/);
    }
  });
});

/**
 * A TypeScript source without its comments, each string literal replaced by a numbered marker
 * (\u2063n\u2063) and collected in `strings`: the code can then be searched for names without
 * prose in comments or strings matching, however a formatter wraps the lines. Template literals
 * count as strings (their `${}` parts are code the boundary check does not need).
 */
function splitSource(source: string): { code: string; strings: string[] } {
  const strings: string[] = [];
  let code = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      code += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\') j++;
        value += source[j] ?? '';
        j++;
      }
      code += `\u2063${strings.length}\u2063`;
      strings.push(value);
      i = j + 1;
    } else {
      code += c;
      i++;
    }
  }
  return { code, strings };
}
