/**
 * TeX → MathML for the live derivations inside islands.
 *
 * Why not KaTeX in the browser: it adds ~72 KB gzip to every chapter page, half the JS
 * budget. Static derivations are still typeset by KaTeX at build time; islands render
 * the same `tex` templates here, into MathML that the browser lays out natively. The
 * subset is what the core's formula templates use; a test runs every registered
 * formula through it and fails on anything unsupported.
 *
 * To look like KaTeX, the output says what a browser would otherwise guess, and guesses
 * differently in each engine: every operator carries TeX's spacing (`lspace`/`rspace`: a
 * binary operator 4/18 em each side, a relation 5/18 em, a comma 3/18 em after it; a binary
 * sign that opens an expression is unary and unspaced, as TeX makes it), the minus sign is
 * U+2212 (never a hyphen), `\left…\right` fences stretch (`stretchy`, `symmetric`) while a
 * bare parenthesis does not (as in KaTeX), `\mathcal` is Unicode script, a prime is U+2032.
 * The glyphs come from a font with an OpenType MATH table (see math.css), without which
 * Chromium neither stretches a fence nor places a script where TeX would.
 *
 * `texToMathmlChunks` splits a formula after each top-level binary operator and relation
 * (where TeX and KaTeX allow an inline formula to break), so a long substituted line wraps
 * inside its box instead of running past it.
 */

export interface MathmlResult {
  mathml: string;
  /** Commands this converter did not know (rendered as plain text). Empty when all is well. */
  unsupported: string[];
}

export interface MathmlChunks {
  /** One `<math>` element per piece, in order; a line may break between any two. */
  chunks: string[];
  unsupported: string[];
}

/** TeX's atom classes: they decide the space around an operator and where a line may break. */
type AtomClass = 'ord' | 'op' | 'bin' | 'rel' | 'open' | 'close' | 'punct' | 'inner';

/** One parsed atom: finished MathML, or an operator whose spacing depends on its neighbours. */
interface Atom {
  cls: AtomClass;
  /** Finished MathML (anything but a bare operator). */
  xml?: string;
  /** An operator's text, rendered as `<mo>` once its neighbours are known. */
  op?: string;
  /** A `\left…\right` fence: stretches to what it encloses. */
  fence?: boolean;
  /** `\nobreak` followed: no line break after this atom. */
  nobreak?: boolean;
}

const THIN = '0.1667em'; // 3mu
const MEDIUM = '0.2222em'; // 4mu: around a binary operator
const THICK = '0.2778em'; // 5mu: around a relation

const OPERATORS: Readonly<Record<string, [AtomClass, string]>> = {
  cdot: ['bin', '⋅'],
  times: ['bin', '×'],
  div: ['bin', '÷'],
  pm: ['bin', '±'],
  approx: ['rel', '≈'],
  le: ['rel', '≤'],
  leq: ['rel', '≤'],
  ge: ['rel', '≥'],
  geq: ['rel', '≥'],
  ne: ['rel', '≠'],
  neq: ['rel', '≠'],
  to: ['rel', '→'],
  rightarrow: ['rel', '→'],
  Rightarrow: ['rel', '⇒'],
  leftarrow: ['rel', '←'],
  mapsto: ['rel', '↦'],
  in: ['rel', '∈'],
  mid: ['rel', '∣'],
  sum: ['op', '∑'],
  prod: ['op', '∏'],
  ldots: ['inner', '…'],
  cdots: ['inner', '⋯'],
  dots: ['inner', '…'],
  prime: ['ord', '′'],
  lceil: ['open', '⌈'],
  rceil: ['close', '⌉'],
  lfloor: ['open', '⌊'],
  rfloor: ['close', '⌋'],
  langle: ['open', '⟨'],
  rangle: ['close', '⟩'],
  vert: ['ord', '|'],
  '{': ['open', '{'],
  '}': ['close', '}'],
  '%': ['ord', '%'],
  '#': ['ord', '#'],
  '&': ['ord', '&'],
  _: ['ord', '_'],
  $: ['ord', '$'],
};

/** Identifiers: Greek letters (italic, as TeX sets them) and upright function names. */
const IDENTIFIERS: Readonly<Record<string, string>> = {
  infty: '∞',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  Delta: 'Δ',
  epsilon: 'ϵ',
  varepsilon: 'ε',
  eta: 'η',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'ϕ',
  varphi: 'φ',
  Sigma: 'Σ',
};

/** Operator names (`\max`, `\log`): upright, and a thin space before a `\left` fence, as TeX puts between Op and Inner. */
const FUNCTIONS = new Set(['max', 'min', 'log', 'ln', 'exp']);

/** Single characters typed as themselves in TeX: their class. */
const CHARACTERS: Readonly<Record<string, [AtomClass, string]>> = {
  '+': ['bin', '+'],
  '-': ['bin', '−'],
  '*': ['bin', '∗'],
  '=': ['rel', '='],
  '<': ['rel', '<'],
  '>': ['rel', '>'],
  ':': ['rel', ':'],
  ',': ['punct', ','],
  ';': ['punct', ';'],
  '(': ['open', '('],
  '[': ['open', '['],
  ')': ['close', ')'],
  ']': ['close', ']'],
  '!': ['close', '!'],
  '|': ['ord', '|'],
  '/': ['ord', '/'],
};

const SPACES: Readonly<Record<string, string>> = {
  ',': THIN,
  ':': MEDIUM,
  '>': MEDIUM,
  ';': THICK,
  '!': '-0.1667em',
  ' ': '0.25em',
  quad: '1em',
  qquad: '2em',
};

const TEXT_COMMANDS = new Set(['text', 'textrm', 'mathrm', 'operatorname', 'textit', 'mathit', 'textbf', 'mathbf', 'texttt', 'mathtt', 'textsf', 'mathsf']);
const IGNORED = new Set(['allowbreak', 'displaystyle', 'textstyle', 'limits', 'nolimits', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr']);

/** Unicode Mathematical Script capitals, with the letters Unicode placed in Letterlike Symbols. */
const SCRIPT_HOLES: Readonly<Record<string, string>> = { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ' };
function scriptLetter(c: string): string {
  if (!/^[A-Z]$/.test(c)) return c;
  return SCRIPT_HOLES[c] ?? String.fromCodePoint(0x1d49c + c.charCodeAt(0) - 65);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const EMPTY = '<mrow></mrow>';

/**
 * The classes atoms take in context (TeX's rules 5 and 6): a binary operator with nothing,
 * an operator, a relation, an opening or a comma before it, or a relation, a closing or a
 * comma (or nothing) after it, is an ordinary symbol: −3 is a unary minus.
 */
function effectiveClasses(atoms: readonly Atom[]): AtomClass[] {
  const out: AtomClass[] = [];
  atoms.forEach((a, i) => {
    let cls = a.cls;
    if (cls === 'bin') {
      const before = i === 0 ? null : out[i - 1];
      const after = atoms[i + 1]?.cls ?? null;
      if (before === null || before === 'bin' || before === 'op' || before === 'rel' || before === 'open' || before === 'punct') cls = 'ord';
      else if (after === null || after === 'rel' || after === 'close' || after === 'punct') cls = 'ord';
    }
    out.push(cls);
  });
  return out;
}

/** An operator as MathML with TeX's spacing for its class; none inside scripts, as TeX. */
function mo(text: string, cls: AtomClass, script: boolean, fence = false): string {
  const t = escapeXml(text);
  if (fence) return `<mo fence="true" stretchy="true" symmetric="true" lspace="0em" rspace="0em">${t}</mo>`;
  let space: [string, string] = ['0em', '0em'];
  if (!script && cls === 'bin') space = [MEDIUM, MEDIUM];
  else if (!script && cls === 'rel') space = [THICK, THICK];
  else if (cls === 'punct') space = ['0em', THIN];
  else if (cls === 'op') space = [THIN, THIN];
  const stretchy = cls === 'open' || cls === 'close' || text === '|' ? ' stretchy="false"' : '';
  return `<mo${stretchy} lspace="${space[0]}" rspace="${space[1]}">${t}</mo>`;
}

/** The atoms of a sequence as MathML, each operator spaced for its context. */
/** An atom rendered: its MathML, its class in context, and whether a line may break after it. */
interface Rendered {
  xml: string;
  cls: AtomClass;
  nobreak: boolean;
}

function render(atoms: readonly Atom[], script: boolean): Rendered[] {
  const classes = effectiveClasses(atoms);
  return atoms.map((a, i) => {
    const cls = classes[i] as AtomClass;
    return { xml: a.op !== undefined ? mo(a.op, cls, script, a.fence) : (a.xml ?? EMPTY), cls, nobreak: a.nobreak === true };
  });
}

class Parser {
  private i = 0;
  readonly unsupported: string[] = [];
  constructor(private readonly src: string) {}

  /** The top-level atoms of the whole formula. */
  parseTop(): Rendered[] {
    return render(this.sequence(null, false), false);
  }

  /** A group's atoms as one MathML node. */
  private row(atoms: readonly Atom[], script: boolean): string {
    const parts = render(atoms, script).map((p) => p.xml);
    return parts.length === 1 ? (parts[0] as string) : `<mrow>${parts.join('')}</mrow>`;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  /** Reads atoms until `stop` (a closing brace), or `\right`, or the end. */
  private sequence(stop: '}' | null, script: boolean): Atom[] {
    const items: Atom[] = [];
    while (this.i < this.src.length) {
      this.skipSpace();
      if (this.i >= this.src.length) break;
      const c = this.peek() as string;
      if (stop === '}' && c === '}') {
        this.i += 1;
        return items;
      }
      if (c === '\\' && this.src.startsWith('\\right', this.i) && !/[a-zA-Z]/.test(this.src[this.i + 6] ?? '')) return items;
      if (c === '^' || c === '_') {
        this.i += 1;
        const base = this.nodeOf(items.pop(), script);
        const first = this.scriptArg();
        const other = c === '^' ? '_' : '^';
        this.skipSpace();
        if (this.peek() === other) {
          this.i += 1;
          const second = this.scriptArg();
          const [sub, sup] = c === '_' ? [first, second] : [second, first];
          items.push({ cls: 'ord', xml: `<msubsup>${base}${sub}${sup}</msubsup>` });
        } else {
          items.push({ cls: 'ord', xml: c === '^' ? `<msup>${base}${first}</msup>` : `<msub>${base}${first}</msub>` });
        }
        continue;
      }
      if (c === "'") {
        this.i += 1;
        const base = this.nodeOf(items.pop(), script);
        // U+2032 is drawn already raised in a math font: beside its base, not in a superscript,
        // which would raise it twice (and the font subset keeps no script-size `ssty` prime).
        items.push({ cls: 'ord', xml: `<mrow>${base}<mo lspace="0em" rspace="0em">′</mo></mrow>` });
        continue;
      }
      if (this.src.startsWith('\\nobreak', this.i) && !/[a-zA-Z]/.test(this.src[this.i + 8] ?? '')) {
        this.i += '\\nobreak'.length;
        const last = items[items.length - 1];
        if (last) last.nobreak = true;
        continue;
      }
      const atom = this.atom(script);
      if (atom !== null) items.push(atom);
    }
    return items;
  }

  /** An atom as a MathML node of its own (a base that takes a script). */
  private nodeOf(atom: Atom | undefined, script: boolean): string {
    if (!atom) return EMPTY;
    if (atom.op !== undefined) return mo(atom.op, 'ord', script);
    return atom.xml ?? EMPTY;
  }

  /** A sub- or superscript: one atom or a braced group, in script style. */
  private scriptArg(): string {
    this.skipSpace();
    if (this.peek() === '{') {
      this.i += 1;
      return this.row(this.sequence('}', true), true);
    }
    return this.nodeOf(this.atom(true) ?? undefined, true);
  }

  /** A command's argument: one atom or a braced group. */
  private argument(script: boolean): string {
    this.skipSpace();
    if (this.peek() === '{') {
      this.i += 1;
      return this.row(this.sequence('}', script), script);
    }
    return this.nodeOf(this.atom(script) ?? undefined, script);
  }

  private skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\n' || this.peek() === '\t') this.i += 1;
  }

  /** The raw text of a braced argument, e.g. for \text{…}. */
  private rawGroup(): string {
    this.skipSpace();
    if (this.peek() !== '{') return this.src[this.i++] ?? '';
    let depth = 0;
    const start = this.i + 1;
    for (; this.i < this.src.length; this.i += 1) {
      const c = this.src[this.i];
      if (c === '\\') {
        this.i += 1;
        continue;
      }
      if (c === '{') depth += 1;
      if (c === '}') {
        depth -= 1;
        if (depth === 0) {
          const text = this.src.slice(start, this.i);
          this.i += 1;
          return text;
        }
      }
    }
    return this.src.slice(start);
  }

  /** The delimiter after `\left` or `\right` ('' for `.`). */
  private delimiter(): string {
    this.skipSpace();
    const c = this.peek();
    if (c === '\\') {
      const name = this.commandName();
      if (name === '{' || name === '}') return name;
      const sym = OPERATORS[name];
      if (sym) return sym[1];
      if (name === '|') return '‖';
      this.unsupported.push(`\\${name}`);
      return '';
    }
    this.i += 1;
    return c === '.' ? '' : (c ?? '');
  }

  private commandName(): string {
    this.i += 1; // backslash
    const rest = this.src.slice(this.i);
    const word = /^[a-zA-Z]+/.exec(rest);
    if (word) {
      this.i += word[0].length;
      return word[0];
    }
    this.i += 1;
    return rest[0] ?? '';
  }

  /** One atom: a group, number, letter, operator or command. Null for things that produce nothing. */
  private atom(script: boolean): Atom | null {
    this.skipSpace();
    const c = this.peek();
    if (c === undefined) return null;
    if (c === '{') {
      this.i += 1;
      const atoms = this.sequence('}', script);
      // `{}` is an empty ordinary atom (TeX's `{}=` spaces the relation on both sides). An empty
      // <mi>, not an empty <mrow>: an <mrow> holding only an operator and "space-like" elements
      // (<mtext>, empty <mrow>s) is itself an operator, and Chromium then drops the space between
      // `=` and a result in \text.
      return { cls: 'ord', xml: atoms.length === 0 ? '<mi></mi>' : this.row(atoms, script) };
    }
    if (c === '}') {
      // Unbalanced: skip it.
      this.i += 1;
      return null;
    }
    if (/[0-9.]/.test(c)) {
      let text = '';
      while (this.i < this.src.length) {
        if (this.src.startsWith('{,}', this.i)) {
          text += ',';
          this.i += 3;
        } else if (/[0-9.]/.test(this.src[this.i] as string)) {
          text += this.src[this.i];
          this.i += 1;
        } else break;
      }
      return { cls: 'ord', xml: `<mn>${text}</mn>` };
    }
    if (/[a-zA-Z]/.test(c)) {
      this.i += 1;
      return { cls: 'ord', xml: `<mi>${c}</mi>` };
    }
    if (c === '\\') return this.command(script);
    if (c === '&') {
      this.i += 1;
      return null;
    }
    this.i += 1;
    const known = CHARACTERS[c];
    if (known) return { cls: known[0], op: known[1] };
    return { cls: 'ord', xml: `<mi>${escapeXml(c)}</mi>` };
  }

  private command(script: boolean): Atom | null {
    const name = this.commandName();
    if (name === '\\') return { cls: 'ord', xml: '<mspace linebreak="newline"></mspace>' };
    const space = SPACES[name];
    if (space !== undefined) return { cls: 'ord', xml: `<mspace width="${space}"></mspace>` };
    if (IGNORED.has(name)) return null;
    if (TEXT_COMMANDS.has(name)) {
      const text = this.rawGroup()
        .replace(/\\([%&#_{}$])/g, '$1')
        .replace(/\\,/g, '\u2009')
        .replace(/\\ /g, ' ');
      return { cls: 'ord', xml: name.startsWith('text') ? `<mtext>${escapeXml(text)}</mtext>` : `<mi mathvariant="normal">${escapeXml(text)}</mi>` };
    }
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac': {
        const num = this.argument(script);
        const den = this.argument(script);
        const frac = `<mfrac>${num}${den}</mfrac>`;
        return { cls: 'inner', xml: name === 'tfrac' ? `<mstyle displaystyle="false" scriptlevel="0">${frac}</mstyle>` : frac };
      }
      case 'sqrt':
        return { cls: 'ord', xml: `<msqrt>${this.argument(script)}</msqrt>` };
      case 'left': {
        const open = this.delimiter();
        const inner = this.sequence(null, script);
        let close = '';
        if (this.src.startsWith('\\right', this.i)) {
          this.i += '\\right'.length;
          close = this.delimiter();
        }
        const fence = (d: string, cls: AtomClass): Atom[] => (d === '' ? [] : [{ cls, op: d, fence: true }]);
        const atoms = [...fence(open, 'open'), ...inner, ...fence(close, 'close')];
        return {
          cls: 'inner',
          xml: `<mrow>${render(atoms, script)
            .map((p) => p.xml)
            .join('')}</mrow>`,
        };
      }
      case 'underbrace':
      case 'overbrace': {
        const body = this.argument(script);
        const under = name === 'underbrace';
        const brace = `<mo stretchy="true">${under ? '⏟' : '⏞'}</mo>`;
        const braced = under ? `<munder>${body}${brace}</munder>` : `<mover>${body}${brace}</mover>`;
        this.skipSpace();
        const marker = under ? '_' : '^';
        if (this.peek() === marker) {
          this.i += 1;
          const label = this.scriptArg();
          return { cls: 'op', xml: under ? `<munder>${braced}${label}</munder>` : `<mover>${braced}${label}</mover>` };
        }
        return { cls: 'ord', xml: braced };
      }
      case 'bar':
      case 'overline':
        return { cls: 'ord', xml: `<mover accent="true">${this.argument(script)}<mo stretchy="false">¯</mo></mover>` };
      case 'hat':
        return { cls: 'ord', xml: `<mover accent="true">${this.argument(script)}<mo stretchy="false">^</mo></mover>` };
      case 'tilde':
        return { cls: 'ord', xml: `<mover accent="true">${this.argument(script)}<mo stretchy="false">~</mo></mover>` };
      case 'mathcal':
        return { cls: 'ord', xml: `<mi>${escapeXml([...this.rawGroup()].map(scriptLetter).join(''))}</mi>` };
      case 'mathbb':
        return { cls: 'ord', xml: `<mi>${escapeXml(this.rawGroup())}</mi>` };
      default: {
        const op = OPERATORS[name];
        if (op) return { cls: op[0], op: op[1] };
        const ident = IDENTIFIERS[name];
        if (ident) return { cls: 'ord', xml: `<mi>${ident}</mi>` };
        if (FUNCTIONS.has(name)) {
          // TeX puts a thin space between an operator name and a `\left` fence (Op–Inner), none before `(`.
          const thin = /^\s*\\left\b/.test(this.src.slice(this.i)) ? `<mspace width="${THIN}"></mspace>` : '';
          return { cls: 'ord', xml: `<mi>${name}</mi>${thin}` };
        }
        this.unsupported.push(`\\${name}`);
        return { cls: 'ord', xml: `<mi>${escapeXml(name)}</mi>` };
      }
    }
  }
}

/**
 * Converts a TeX formula to a MathML `<math>` element.
 * @example texToMathml('2 \\cdot M').mathml //=> '<math display="block"><mrow><mn>2</mn><mo lspace="0.2222em" rspace="0.2222em">⋅</mo><mi>M</mi></mrow></math>'
 */
export function texToMathml(tex: string, display = true): MathmlResult {
  const parser = new Parser(tex);
  const parts = parser.parseTop().map((p) => p.xml);
  const body = parts.length === 1 ? (parts[0] as string) : `<mrow>${parts.join('')}</mrow>`;
  const attrs = display ? ' display="block"' : '';
  return { mathml: `<math${attrs}>${body}</math>`, unsupported: parser.unsupported };
}

/**
 * Converts a TeX formula to inline `<math displaystyle="true">` pieces, each ending after a
 * top-level binary operator or relation not followed by `\nobreak`: laid side by side they
 * read as one formula, and a line may break between two pieces (after the operator, as in TeX).
 * @example texToMathmlChunks('a + b').chunks //=> ['<math displaystyle="true"><mrow><mi>a</mi><mo lspace="0.2222em" rspace="0.2222em">+</mo></mrow></math>', '<math displaystyle="true"><mi>b</mi></math>']
 */
export function texToMathmlChunks(tex: string): MathmlChunks {
  const parser = new Parser(tex);
  const parts = parser.parseTop();
  const chunks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const body = current.length === 1 ? (current[0] as string) : `<mrow>${current.join('')}</mrow>`;
    chunks.push(`<math displaystyle="true">${body}</math>`);
    current = [];
  };
  parts.forEach((p, i) => {
    current.push(p.xml);
    // Break after a binary operator or a relation (unless `\nobreak` follows it), never after the last atom.
    if ((p.cls === 'bin' || p.cls === 'rel') && !p.nobreak && i < parts.length - 1) flush();
  });
  flush();
  return { chunks, unsupported: parser.unsupported };
}
