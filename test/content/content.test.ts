import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { FORMULAS } from '../../src/core/registry';
import { CHAPTERS } from '../../src/core/chapters';

const slugOf = (file: string) => file.replace(/^\d+-/, '').replace(/\.mdx$/, '');
// Both editions obey the same rules; a Chinese page sits one folder deeper (content/zh/).
const EDITIONS = [
  { dir: 'content', up: '\\.\\./' },
  { dir: 'content/zh', up: '\\.\\./\\.\\./' },
] as const;

/** MDX outside code fences and math: where JSX expressions live. */
function proseOf(text: string): string {
  return text.replace(/```[\s\S]*?```/g, '').replace(/\$\$[\s\S]*?\$\$/g, '').replace(/\$[^$\n]*\$/g, '');
}

for (const { dir, up } of EDITIONS) {
const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
const texts = new Map(files.map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')]));
const written = new Set(files.map(slugOf));

describe(`${dir}/`, () => {
  it('chapter files are NN-slug.mdx with the slug and order of src/core/chapters.ts', () => {
    for (const file of files) {
      if (!/^\d\d-/.test(file)) continue;
      const chapter = CHAPTERS.find((c) => c.slug === slugOf(file));
      expect(chapter, file).toBeDefined();
      expect(file.slice(0, 2)).toBe(String(chapter!.order).padStart(2, '0'));
      expect(texts.get(file)).toMatch(new RegExp(`^---[\\s\\S]*?\\norder: ${chapter!.order}\\n`));
    }
  });

  it('every formula of a written page is shown exactly once as a primary <Derivation> on that page', () => {
    for (const f of FORMULAS) {
      if (!written.has(f.page)) continue;
      const file = files.find((name) => slugOf(name) === f.page)!;
      const text = texts.get(file)!;
      const uses = [...text.matchAll(new RegExp(`<Derivation\\s+id="${f.id.replace('.', '\\.')}"([^>]*)/>`, 'g'))].filter(
        (m) => !/primary=\{false\}/.test(m[1] ?? ''),
      );
      expect(uses.length, `${f.id} on ${file}`).toBe(1);
    }
  });

  it('no Derivation or Value names an unregistered formula', () => {
    const ids = new Set(FORMULAS.map((f) => f.id));
    for (const [file, text] of texts) {
      for (const m of text.matchAll(/<(?:Derivation|Value)\s+id="([^"]+)"/g)) expect(ids.has(m[1] as string), `${file}: ${m[1]}`).toBe(true);
    }
  });

  it('MDX does no arithmetic of its own: numbers shown come from core calls', () => {
    for (const [file, text] of texts) {
      const prose = proseOf(text);
      // A JSX expression combining two numeric literals with an operator, e.g. {2 * 4096}.
      expect(prose, file).not.toMatch(/\{[^{}]*\d\s*[-+*/%]\s*\d[^{}]*\}/);
      // Math.* or arithmetic on a .value inside an expression.
      expect(prose, file).not.toMatch(/\{[^{}]*(Math\.|\.value\s*[-+*/])[^{}]*\}/);
    }
  });

  it('islands are imported directly and hydrate client:visible', () => {
    for (const [file, text] of texts) {
      expect(text, file).not.toMatch(/client:load/);
      for (const m of text.matchAll(/<([A-Z]\w*Calculator|[A-Z]\w*(?:Planner|Tracer|Comparator|Counter|Explorer))\b([^>]*)\/>/g)) {
        expect(m[2], `${file}: <${m[1]}>`).toMatch(/client:visible/);
        expect(text, `${file} imports ${m[1]}`).toMatch(new RegExp(`import ${m[1]} from '${up}src/components/islands/`));
      }
    }
  });
});
}
