/**
 * Finds, by reading the source (TypeScript's parser, no execution), every place the core,
 * the islands and the CLI produce text for people, and turns each into the template the
 * Chinese catalogues are keyed by: the English with `{}` where a value is interpolated.
 *
 * Message sites:
 * - `new InputError(field, MESSAGE)` and `warning(code, MESSAGE, field?)` anywhere in src/core,
 *   src/components and src/cli;
 * - `throw new UsageError(MESSAGE)` / `new Error(MESSAGE)` in src/cli;
 * - `{ ok: false, error: MESSAGE }` in src/components/state (a field's own validation).
 * Calculator strings (src/components/islands and src/components/state): the values of the
 * properties a calculator declaration shows — title, label, hint, legend, detail, caption —
 * and string `value`s of result rows, plus `columns: [...]` of comparison tables.
 *
 * A MESSAGE that is a string or a template literal gives one template; a conditional gives
 * one per branch; a template whose placeholder is a conditional between strings gives one
 * per branch too (`${n === 1 ? 'request' : 'requests'}` → two templates). Any other
 * expression (a call such as `boundMessage(...)`, a variable) is a dynamic site, returned
 * separately so the test can hold it to a list of builders it covers another way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Site {
  file: string;
  line: number;
  template: string;
  /**
   * message: errors and warnings; calculator: what the calculator framework renders through
   * the catalogue (declared titles, labels, hints, options, legends, result rows, table
   * columns, chart titles and legends, and the framework's own words); markup: words an
   * island writes into its own JSX (not yet translated: see the report in the test).
   */
  kind: 'message' | 'calculator' | 'markup';
}

export interface DynamicSite {
  file: string;
  line: number;
  expression: string;
}

const ROOT = join(__dirname, '..', '..');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Files the scan reads, relative to the repository. */
export function sourceFiles(): string[] {
  return ['src/core', 'src/components', 'src/cli']
    .flatMap((d) => walk(join(ROOT, d)))
    .concat(join(ROOT, 'src', 'cli.ts'))
    .filter((f) => !f.includes(`${join('src', 'core', 'i18n')}`) && !f.includes(`${join('src', 'components', 'i18n')}`))
    .map((f) => relative(ROOT, f));
}

const MAX_VARIANTS = 16;

/** The templates an expression stands for, or null when it is not built from literals. */
export function templatesOf(node: ts.Expression): string[] | null {
  if (ts.isParenthesizedExpression(node)) return templatesOf(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) {
    const a = templatesOf(node.whenTrue);
    const b = templatesOf(node.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = templatesOf(node.left) ?? ['{}'];
    const b = templatesOf(node.right) ?? ['{}'];
    if (a.length === 1 && a[0] === '{}' && b.length === 1 && b[0] === '{}') return null;
    return a.flatMap((x) => b.map((y) => x + y)).slice(0, MAX_VARIANTS);
  }
  if (ts.isTemplateExpression(node)) {
    let variants = [node.head.text];
    for (const span of node.templateSpans) {
      const inner = placeholderVariants(span.expression);
      variants = variants.flatMap((v) => inner.map((i) => v + i + span.literal.text)).slice(0, MAX_VARIANTS);
    }
    return variants;
  }
  return null;
}

/** A placeholder's text: its literal branches when it chooses between strings, else `{}`. */
function placeholderVariants(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return placeholderVariants(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = templatesOf(node.whenTrue);
    const b = templatesOf(node.whenFalse);
    if (a && b) return [...a, ...b];
  }
  return ['{}'];
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

const MESSAGE_FUNCTIONS = new Set(['tooLarge', 'tooSmall']);

const UI_ATTRIBUTES = new Set(['aria-label', 'title', 'label', 'caption', 'legend', 'placeholder', 'xLabel', 'yLabel', 'summary']);
/** Attributes the framework's charts and tables render through the catalogue. */
const TRANSLATED_ATTRIBUTES = new Set(['title', 'caption', 'xLabel', 'yLabel', 'summary']);

/** Properties whose strings are not shown as words. */
const NOT_WORDS = new Set(['className', 'testId', 'anchor', 'ns', 'id', 'key', 'href', 'page', 'bound', 'kind', 'default']);

const CALCULATOR_PROPS = new Set(['title', 'label', 'hint', 'legend', 'detail', 'caption']);

/** Words for people: letters and a space, not a class list, an id, a path or a URL. */
function isWords(t: string): boolean {
  return /[A-Za-z]{2,}/.test(t) && /\S \S/.test(t.trim()) && !/^(?:https?:|\/)/.test(t);
}

/** The literal branches of a conditional (the words it may show), whatever the other branches are. */
function literalBranches(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return literalBranches(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalBranches(node.whenTrue), ...literalBranches(node.whenFalse)];
  return templatesOf(node) ?? [];
}

/** Is this template text for people (has a letter), not a number, an id or empty? */
export function isText(t: string): boolean {
  return /[A-Za-z]/.test(t.replace(/\{\}/g, ''));
}

export interface Scan {
  sites: Site[];
  dynamic: DynamicSite[];
}

/** `tr('…')` in the components' .astro files (their frontmatter and markup), read by pattern. */
function astroSites(): Site[] {
  const dir = join(ROOT, 'src', 'components');
  const out: Site[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.astro'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const m of text.matchAll(/\btr\(\s*(['`])((?:(?!\1).)*)\1\s*\)/g)) {
      const template = (m[2] ?? '').replace(/\$\{[^}]*\}/g, '{}');
      const line = text.slice(0, m.index).split('\n').length;
      if (isText(template)) out.push({ file: `src/components/${name}`, line, template, kind: 'calculator' });
    }
  }
  return out;
}

export function scan(files: readonly string[] = sourceFiles()): Scan {
  const sites: Site[] = astroSites();
  const dynamic: DynamicSite[] = [];
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const isCli = file.startsWith('src/cli'); // src/cli/ and src/cli.ts
    const isUiFile = /^src\/components\/(islands|charts|controls|calculator)\//.test(file) && file.endsWith('.tsx');
    const isFramework = /^src\/components\/(controls|calculator)\//.test(file);
    const isCalculatorFile = file.startsWith('src/components/islands') || file.startsWith('src/components/state') || file.startsWith('src/components/charts');
    const add = (node: ts.Node, expr: ts.Expression, kind: Site['kind']) => {
      const t = templatesOf(expr);
      if (t === null) {
        dynamic.push({ file, line: lineOf(sf, node), expression: expr.getText(sf) });
        return;
      }
      for (const template of t) if (isText(template)) sites.push({ file, line: lineOf(sf, node), template, kind });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
        const name = node.expression.text;
        const args = node.arguments ?? [];
        if (name === 'InputError' && args[1]) add(node, args[1], 'message');
        if (isCli && (name === 'UsageError' || name === 'Error') && args[0]) add(node, args[0], 'message');
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'warning' && node.arguments[1]) {
        add(node, node.arguments[1], 'message');
      }
      // parseQuantity's local `fail(message)`.
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'fail' && node.arguments[0]) {
        const t = templatesOf(node.arguments[0]);
        if (t) for (const template of t) if (isText(template)) sites.push({ file, line: lineOf(sf, node), template, kind: 'message' });
      }
      // Functions that only build a message (parse.ts's tooLarge, tooSmall).
      if (ts.isFunctionDeclaration(node) && node.name && MESSAGE_FUNCTIONS.has(node.name.text) && node.body) {
        for (const st of node.body.statements) if (ts.isReturnStatement(st) && st.expression) add(st, st.expression, 'message');
      }
      if (ts.isObjectLiteralExpression(node)) {
        const okFalse = node.properties.some(
          (p) => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'ok' && p.initializer.kind === ts.SyntaxKind.FalseKeyword,
        );
        const err = node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'error');
        if (okFalse && err) add(err, err.initializer, 'message');
      }
      if (isCalculatorFile && ts.isPropertyAssignment(node)) {
        const prop = node.name.getText(sf);
        const init = node.initializer;
        // A live hint, `hint: (v) => \`…${…}…\``: the templates its body returns.
        if (prop === 'hint' && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          const returned: ts.Expression[] = [];
          if (ts.isBlock(init.body)) {
            const collect = (n: ts.Node): void => {
              if (ts.isReturnStatement(n) && n.expression) returned.push(n.expression);
              else if (!ts.isFunctionLike(n)) ts.forEachChild(n, collect);
            };
            ts.forEachChild(init.body, collect);
          } else returned.push(init.body);
          for (const r of returned)
            for (const template of literalBranches(r)) if (isText(template)) sites.push({ file, line: lineOf(sf, node), template, kind: 'calculator' });
        }
        if (CALCULATOR_PROPS.has(prop)) {
          const t = templatesOf(init);
          if (t) for (const template of t) if (isText(template)) sites.push({ file, line: lineOf(sf, node), template, kind: 'calculator' });
        }
        // A result row's shown value ('compute', 'yes'), not an option's URL value ({ value: 'mlp', label: … }).
        const siblings = ts.isObjectLiteralExpression(node.parent) ? node.parent.properties.map((p) => p.name?.getText(sf)) : [];
        const isOption = siblings.includes('label') && !siblings.includes('testId') && !siblings.includes('detail');
        if (prop === 'value' && !isOption) {
          const t = templatesOf(init);
          if (t)
            for (const template of t)
              if (isText(template) && /[a-z]{2,}/.test(template)) sites.push({ file, line: lineOf(sf, node), template, kind: 'calculator' });
        }
        // Option tables and other words kept in lookup objects ({ runtime: 'as the CUDA runtime reports it' }).
        if (
          !CALCULATOR_PROPS.has(prop) &&
          !NOT_WORDS.has(prop) &&
          prop !== 'value' &&
          (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) &&
          isWords(init.text)
        ) {
          sites.push({ file, line: lineOf(sf, node), template: init.text, kind: 'calculator' });
        }
        // A result row's detail or label that chooses between words and a computed value: its words.
        if (CALCULATOR_PROPS.has(prop) && ts.isConditionalExpression(init)) {
          for (const template of literalBranches(init)) if (isText(template)) sites.push({ file, line: lineOf(sf, node), template, kind: 'calculator' });
        }
        if (prop === 'columns' && ts.isArrayLiteralExpression(init)) {
          for (const el of init.elements) {
            const t = templatesOf(el as ts.Expression);
            if (t) for (const template of t) if (isText(template)) sites.push({ file, line: lineOf(sf, el), template, kind: 'calculator' });
          }
        }
      }
      // Words a component writes into its markup: JSX text, and text attributes.
      if (isUiFile && ts.isJsxText(node)) {
        const t = node.text.replace(/\s+/g, ' ').trim();
        // Inside <T>…</T> the framework translates it.
        const inT = ts.isJsxElement(node.parent) && node.parent.openingElement.tagName.getText(sf) === 'T';
        if (isText(t)) sites.push({ file, line: lineOf(sf, node), template: t, kind: isFramework || inT ? 'calculator' : 'markup' });
      }
      if (isUiFile && ts.isJsxAttribute(node) && node.initializer && UI_ATTRIBUTES.has(node.name.getText(sf))) {
        const init = node.initializer;
        const expr = ts.isJsxExpression(init) ? init.expression : ts.isStringLiteral(init) ? init : undefined;
        const t = expr ? templatesOf(expr) : null;
        const translated = isFramework || TRANSLATED_ATTRIBUTES.has(node.name.getText(sf));
        if (t)
          for (const template of t) if (isText(template)) sites.push({ file, line: lineOf(sf, node), template, kind: translated ? 'calculator' : 'markup' });
      }
      // Words passed to a local helper that builds a field (degree('GPUs in the cluster', 1024, 'hint')).
      if (isCalculatorFile && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && !['t', 'tr', 'warning', 'fail'].includes(node.expression.text)) {
        for (const a of node.arguments)
          if ((ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) && isWords(a.text))
            sites.push({ file, line: lineOf(sf, a), template: a.text, kind: 'calculator' });
      }
      // t('…') and tr('…', lang): words a component renders through the catalogue.
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        (node.expression.text === 't' || node.expression.text === 'tr') &&
        node.arguments[0] &&
        file.startsWith('src/components')
      ) {
        const t = templatesOf(node.arguments[0]);
        if (t) for (const template of t) if (isText(template)) sites.push({ file, line: lineOf(sf, node), template, kind: 'calculator' });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { sites, dynamic };
}

/** Distinct templates of one kind. */
export function templates(s: Scan, kind: Site['kind']): string[] {
  return [...new Set(s.sites.filter((x) => x.kind === kind).map((x) => x.template))];
}
