/**
 * The browser build ships the data modules without what no island reads (astro.config.browser.mjs):
 * preset configs trimmed to the keys the parser reads, and the GPU table's provenance prose and the
 * presets' `source` emptied. These tests hold the two promises that make that safe:
 * - every preset parses to the same ModelSpec from its trimmed config as from the whole file;
 * - no module an island imports reads an omitted property (checked with the type checker, so a
 *   derivation's `notes` is not mistaken for a GPU's).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAst } from 'rollup/parseAst';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BROWSER_OMITS, omitProperties, parserKeys, trimConfig } from '../../astro.config.browser.mjs';
import { PRESETS } from '../../src/core/model/presets';
import { parseHfConfig } from '../../src/core/model/parseHfConfig';

const root = new URL('../../', import.meta.url);
const keys = parserKeys(readFileSync(new URL('src/core/model/parseHfConfig.ts', root), 'utf8'));

describe('preset configs trimmed for the browser', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s parses to the same spec from the trimmed config', (id, preset) => {
    expect(parseHfConfig(trimConfig(preset.config, keys), id)).toEqual(preset.spec);
  });

  it('drops keys the parser never reads, and keeps model_type', () => {
    // torch_dtype and transformers_version are in every Llama config.json; the parser reads neither.
    const trimmed = trimConfig({ model_type: 'llama', torch_dtype: 'float16', transformers_version: '4.31.0', num_hidden_layers: 32 }, keys);
    expect(trimmed).toEqual({ model_type: 'llama', num_hidden_layers: 32 });
  });
});

describe('omitted properties', () => {
  it('empties string and object values of the listed properties only', () => {
    // The same parser the build's plugin uses (Rollup's, through Vite).
    const code = 'export const T = [{ id: "a", notes: "long text", source: { url: "u" }, name: "A", n: 3 }, { notes: `t` + "x" }];';
    const { code: out, count } = omitProperties(code, parseAst(code), ['notes', 'source', 'n']);
    expect(count).toBe(3);
    expect(out).toBe('export const T = [{ id: "a", notes: "", source: {}, name: "A", n: 3 }, { notes: "" }];');
  });

  it('no module an island imports reads an omitted property', () => {
    const islands = walk(new URL('src/components/islands/', root).pathname).filter((f) => /\.tsx?$/.test(f));
    const program = ts.createProgram(islands, {
      jsx: ts.JsxEmit.ReactJSX,
      jsxImportSource: 'preact',
      strict: true,
      noEmit: true,
      allowJs: false,
      skipLibCheck: true,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      resolveJsonModule: true,
      types: [],
    });
    const checker = program.getTypeChecker();
    const gpuSpecFile = new URL('src/data/gpuSpec.ts', root).pathname;
    const presetFiles = [new URL('src/data/models/records.ts', root).pathname, new URL('src/core/model/presets.ts', root).pathname];
    const gpuOmits = BROWSER_OMITS['src/data/gpus.ts'] as readonly string[];
    const presetOmits = BROWSER_OMITS['src/data/models/records.ts'] as readonly string[];
    const omittedNames = new Set([...gpuOmits, ...presetOmits]);
    const reads: string[] = [];
    const src = new URL('src/', root).pathname;
    for (const file of program.getSourceFiles()) {
      if (!file.fileName.startsWith(src) || file.fileName === gpuSpecFile || presetFiles.includes(file.fileName)) continue;
      const visit = (node: ts.Node): void => {
        const name = ts.isPropertyAccessExpression(node) ? node.name : ts.isBindingElement(node) ? (node.propertyName ?? node.name) : null;
        if (name && ts.isIdentifier(name) && omittedNames.has(name.text)) {
          const symbol = ts.isPropertyAccessExpression(node)
            ? checker.getSymbolAtLocation(name)
            : propertyOfBinding(checker, node as ts.BindingElement, name.text);
          for (const decl of symbol?.declarations ?? []) {
            const declFile = decl.getSourceFile().fileName;
            const omitted = (declFile === gpuSpecFile && gpuOmits.includes(name.text)) || (presetFiles.includes(declFile) && presetOmits.includes(name.text));
            if (omitted) reads.push(`${file.fileName.slice(src.length)}: .${name.text}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    expect(reads).toEqual([]);
  }, 60_000);
});

function propertyOfBinding(checker: ts.TypeChecker, node: ts.BindingElement, name: string): ts.Symbol | undefined {
  if (!ts.isObjectBindingPattern(node.parent)) return undefined;
  return checker.getTypeAtLocation(node.parent).getProperty(name);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
