/**
 * What the browser build leaves out of the data modules (issue 12, "lighter pages"): text and
 * config keys no island reads. Server-rendered pages, the CLI and the tests keep reading the full
 * modules; only client (non-SSR) transforms change. test/core/browserData.test.ts holds both rules:
 * a preset parses to the same ModelSpec from its trimmed config, and no module an island imports
 * reads an omitted GPU property.
 */
import { readFileSync } from 'node:fs';

/**
 * Provenance prose of the GPU table that no island renders (the GPU pages and chapters render
 * it on the server). PeakFlopsCalculator shows the clock, MMA and datasheet wording: those stay.
 * In the browser these properties hold ''.
 */
export const BROWSER_OMITS = {
  'src/data/gpus.ts': ['notes', 'memoryNote', 'memoryRuntimeSource', 'direction'],
  // Where each preset's config.json was read (shown on the models page, server-rendered).
  'src/data/models/records.ts': ['source'],
};

/**
 * The config.json keys the parser can read: every quoted identifier in parseHfConfig.ts
 * (`'num_key_value_heads'`, `'model_type'`, …). Over-inclusive by design (a quoted word that is
 * not a key only keeps a key that would have been harmless to drop).
 */
export function parserKeys(parserSource) {
  return new Set([...parserSource.matchAll(/['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g)].map((m) => m[1]));
}

/** A preset config with only the keys the parser reads, in their original order. */
export function trimConfig(config, keys) {
  return Object.fromEntries(Object.entries(config).filter(([k]) => keys.has(k)));
}

/** Empties the values (strings → '', objects → {}) of `keys` properties in a parsed ESTree program. */
export function omitProperties(code, program, keys) {
  const cuts = [];
  (function walk(node) {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Property' && !node.computed) {
      const key = node.key.type === 'Identifier' ? node.key.name : node.key.value;
      const v = node.value;
      if (keys.includes(key)) {
        if ((v.type === 'Literal' && typeof v.value === 'string') || v.type === 'TemplateLiteral' || v.type === 'BinaryExpression') {
          cuts.push([v.start, v.end, '""']);
          return;
        }
        if (v.type === 'ObjectExpression') {
          cuts.push([v.start, v.end, '{}']);
          return;
        }
      }
    }
    for (const child of Object.values(node)) {
      if (Array.isArray(child)) child.forEach(walk);
      else if (child && typeof child === 'object') walk(child);
    }
  })(program);
  let out = code;
  for (const [start, end, text] of cuts.sort((a, b) => b[0] - a[0])) out = `${out.slice(0, start)}${text}${out.slice(end)}`;
  return { code: out, count: cuts.length };
}

/**
 * Vite plugins: BROWSER_OMITS emptied, preset configs trimmed to the parser's keys, in client builds only.
 * @param {string | URL} rootUrl the project root (astro.config.mjs's import.meta.url)
 * @returns {import('vite').Plugin[]}
 */
export function browserData(rootUrl) {
  const root = new URL('.', rootUrl).pathname;
  const relative = (id) => {
    const file = id.split('?')[0];
    return file.startsWith(root) ? file.slice(root.length) : null;
  };
  return [
    {
      name: 'tbn:browser-preset-configs',
      enforce: 'pre',
      transform(code, id, options) {
        if (options?.ssr) return null;
        const file = relative(id);
        if (!file || !/^src\/data\/models\/[^/]+\.json$/.test(file)) return null;
        const keys = parserKeys(readFileSync(new URL('src/core/model/parseHfConfig.ts', rootUrl), 'utf8'));
        return { code: JSON.stringify(trimConfig(JSON.parse(code), keys)), map: null };
      },
    },
    {
      name: 'tbn:browser-omit-prose',
      enforce: 'post',
      transform(code, id, options) {
        if (options?.ssr) return null;
        const file = relative(id);
        const keys = file ? BROWSER_OMITS[file] : undefined;
        if (!keys) return null;
        const { code: out, count } = omitProperties(code, this.parse(code), keys);
        if (count === 0) this.error(`browser-omit-prose: no ${keys.join('/')} values found in ${file}`);
        return { code: out, map: null };
      },
    },
  ];
}
