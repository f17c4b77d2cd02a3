/**
 * The gettext-style matcher every translated message goes through, without any catalogue
 * (so a module that only needs the machinery does not carry the Chinese text).
 *
 * A catalogue maps an English template to its Chinese. The English is the text as the code
 * writes it, with `{}` where the code interpolates a value (`${…}` in the template literal):
 * "TP = {} must divide the {} attention heads: each GPU takes whole heads". The Chinese uses
 * `{}` for the same values in the same order, or `{0}`, `{1}`… (0-based) where Chinese word
 * order wants them elsewhere.
 *
 * A runtime message is looked up whole first; failing that, against every template, the most
 * specific (most literal characters) first. The values a template captures are translated in
 * turn (a field label, a bound's reason, a nested message), and anything that matches no
 * template — a number, a model name, a unit — is kept as it is. An unknown message comes
 * back unchanged: never empty, never an exception.
 */

export type Lang = 'en' | 'zh';

/** English template → Chinese template. */
export type Catalogue = Readonly<Record<string, string>>;

/** The languages the course is written in, for parsing a `--lang` or a prop. */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** True for 'en' and 'zh'. */
export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'zh';
}

interface Compiled {
  re: RegExp;
  zh: string;
  literal: number;
}

const PLACEHOLDER = /\{\d*\}/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The Chinese template with the captured values put in. */
function fill(zh: string, values: readonly string[]): string {
  let next = 0;
  return zh.replace(PLACEHOLDER, (m) => {
    const index = m === '{}' ? next++ : Number(m.slice(1, -1));
    return values[index] ?? m;
  });
}

/** Letters of English words (two letters or more) left in a text: how much was not translated. */
function latinLeft(text: string): number {
  let n = 0;
  for (const w of text.match(/[A-Za-z]{2,}/g) ?? []) n += w.length;
  return n;
}

export interface Translator {
  /** The Chinese for an English message, or the English unchanged when no template matches. */
  (english: string): string;
  /** True when the message (or a template it instantiates) is in the catalogue. */
  has(english: string): boolean;
}

/**
 * A translator over one or more catalogues (later ones do not override earlier ones: a key
 * lives in one catalogue only, which the coverage test checks).
 */
export function translator(...catalogues: readonly Catalogue[]): Translator {
  const exact = new Map<string, string>();
  const templates: Compiled[] = [];
  for (const catalogue of catalogues) {
    for (const [en, zh] of Object.entries(catalogue)) {
      if (exact.has(en)) continue;
      exact.set(en, zh);
      if (!en.includes('{}')) continue;
      const parts = en.split('{}');
      templates.push({
        re: new RegExp(`^${parts.map(escape).join('([\\s\\S]*?)')}$`),
        zh,
        literal: parts.join('').length,
      });
    }
  }
  templates.sort((a, b) => b.literal - a.literal);
  const memo = new Map<string, string | null>();

  const lookup = (english: string, depth: number): string | null => {
    const hit = exact.get(english);
    if (hit !== undefined) return hit;
    if (depth > 4 || english.length === 0 || !/[A-Za-z]/.test(english)) return null;
    const cached = memo.get(english);
    if (cached !== undefined) return cached;
    // Every template that matches is tried; the reading that leaves the least English wins
    // (a generic "{} must be a {}" loses to "{}, got {}" whose first value is a whole bound
    // message), then the more specific template.
    let out: string | null = null;
    let best = Infinity;
    for (const t of templates) {
      const m = t.re.exec(english);
      if (!m) continue;
      const candidate = fill(
        t.zh,
        m.slice(1).map((v) => lookup(v, depth + 1) ?? v),
      );
      const left = latinLeft(candidate);
      if (left < best) {
        best = left;
        out = candidate;
        if (left === 0) break;
      }
    }
    if (memo.size > 5000) memo.clear();
    memo.set(english, out);
    return out;
  };

  const translate = ((english: string) => lookup(english, 0) ?? english) as Translator;
  translate.has = (english: string) => lookup(english, 0) !== null;
  return translate;
}
