/**
 * TeX → MathML for the live derivations inside islands.
 *
 * Why not KaTeX in the browser: it adds ~72 KB gzip to every chapter page, half the JS
 * budget. Static derivations are still typeset by KaTeX at build time; islands render
 * the same `tex` templates here, into MathML that the browser lays out natively. The
 * subset is what the core's formula templates use; a test runs every registered
 * formula through it and fails on anything unsupported.
 */

export interface MathmlResult {
  mathml: string;
  /** Commands this converter did not know (rendered as plain text). Empty when all is well. */
  unsupported: string[];
}

const SYMBOLS: Readonly<Record<string, [tag: 'mo' | 'mi', text: string]>> = {
  cdot: ['mo', '⋅'],
  times: ['mo', '×'],
  div: ['mo', '÷'],
  pm: ['mo', '±'],
  approx: ['mo', '≈'],
  le: ['mo', '≤'],
  leq: ['mo', '≤'],
  ge: ['mo', '≥'],
  geq: ['mo', '≥'],
  ne: ['mo', '≠'],
  neq: ['mo', '≠'],
  to: ['mo', '→'],
  rightarrow: ['mo', '→'],
  Rightarrow: ['mo', '⇒'],
  leftarrow: ['mo', '←'],
  mapsto: ['mo', '↦'],
  in: ['mo', '∈'],
  mid: ['mo', '∣'],
  sum: ['mo', '∑'],
  prod: ['mo', '∏'],
  ldots: ['mo', '…'],
  cdots: ['mo', '⋯'],
  dots: ['mo', '…'],
  infty: ['mi', '∞'],
  prime: ['mo', '′'],
  lceil: ['mo', '⌈'],
  rceil: ['mo', '⌉'],
  lfloor: ['mo', '⌊'],
  rfloor: ['mo', '⌋'],
  langle: ['mo', '⟨'],
  rangle: ['mo', '⟩'],
  vert: ['mo', '|'],
  '{': ['mo', '{'],
  '}': ['mo', '}'],
  '%': ['mo', '%'],
  '#': ['mo', '#'],
  '&': ['mo', '&'],
  '_': ['mo', '_'],
  max: ['mi', 'max'],
  min: ['mi', 'min'],
  log: ['mi', 'log'],
  ln: ['mi', 'ln'],
  exp: ['mi', 'exp'],
  alpha: ['mi', 'α'],
  beta: ['mi', 'β'],
  gamma: ['mi', 'γ'],
  delta: ['mi', 'δ'],
  Delta: ['mi', 'Δ'],
  epsilon: ['mi', 'ε'],
  eta: ['mi', 'η'],
  theta: ['mi', 'θ'],
  lambda: ['mi', 'λ'],
  mu: ['mi', 'μ'],
  pi: ['mi', 'π'],
  rho: ['mi', 'ρ'],
  sigma: ['mi', 'σ'],
  tau: ['mi', 'τ'],
  phi: ['mi', 'φ'],
  Sigma: ['mi', 'Σ'],
};

const SPACES: Readonly<Record<string, string>> = {
  ',': '0.1667em',
  ':': '0.2222em',
  '>': '0.2222em',
  ';': '0.2778em',
  '!': '-0.1667em',
  ' ': '0.25em',
  quad: '1em',
  qquad: '2em',
};

const TEXT_COMMANDS = new Set(['text', 'textrm', 'mathrm', 'operatorname', 'textit', 'mathit', 'textbf', 'mathbf', 'texttt', 'mathtt', 'textsf', 'mathsf']);
const IGNORED = new Set(['displaystyle', 'textstyle', 'limits', 'nolimits', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr']);

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

class Parser {
  private i = 0;
  readonly unsupported: string[] = [];
  constructor(private readonly src: string) {}

  parse(): string {
    return this.row(this.sequence(null));
  }

  private row(items: string[]): string {
    return items.length === 1 ? (items[0] as string) : `<mrow>${items.join('')}</mrow>`;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  /** Reads items until `stop` (a closing brace), or `\right`, or the end. */
  private sequence(stop: '}' | null): string[] {
    const items: string[] = [];
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
        const base = items.pop() ?? '<mrow></mrow>';
        const first = this.atom() ?? '<mrow></mrow>';
        const other = c === '^' ? '_' : '^';
        this.skipSpace();
        if (this.peek() === other) {
          this.i += 1;
          const second = this.atom() ?? '<mrow></mrow>';
          const [sub, sup] = c === '_' ? [first, second] : [second, first];
          items.push(`<msubsup>${base}${sub}${sup}</msubsup>`);
        } else {
          items.push(c === '^' ? `<msup>${base}${first}</msup>` : `<msub>${base}${first}</msub>`);
        }
        continue;
      }
      if (c === "'") {
        this.i += 1;
        const base = items.pop() ?? '<mrow></mrow>';
        items.push(`<msup>${base}<mo>′</mo></msup>`);
        continue;
      }
      const atom = this.atom();
      if (atom !== null) items.push(atom);
    }
    return items;
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

  private delimiter(): string {
    this.skipSpace();
    const c = this.peek();
    if (c === '\\') {
      const name = this.commandName();
      if (name === '{' || name === '}') return name;
      const sym = SYMBOLS[name];
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
  private atom(): string | null {
    this.skipSpace();
    const c = this.peek();
    if (c === undefined) return null;
    if (c === '{') {
      this.i += 1;
      return this.row(this.sequence('}'));
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
      return `<mn>${text}</mn>`;
    }
    if (/[a-zA-Z]/.test(c)) {
      this.i += 1;
      return `<mi>${c}</mi>`;
    }
    if (c === '\\') return this.command();
    if (c === '&') {
      this.i += 1;
      return null;
    }
    this.i += 1;
    const fence = '()[]|'.includes(c);
    return fence ? `<mo stretchy="false">${escapeXml(c)}</mo>` : `<mo>${escapeXml(c)}</mo>`;
  }

  private command(): string | null {
    const name = this.commandName();
    if (name === '\\') return '<mspace linebreak="newline"></mspace>';
    const space = SPACES[name];
    if (space !== undefined) return `<mspace width="${space}"></mspace>`;
    if (IGNORED.has(name)) return null;
    if (TEXT_COMMANDS.has(name)) {
      const text = this.rawGroup().replace(/\\([%&#_{}$])/g, '$1').replace(/\\,/g, '\u2009').replace(/\\ /g, ' ');
      return name.startsWith('text') ? `<mtext>${escapeXml(text)}</mtext>` : `<mi mathvariant="normal">${escapeXml(text)}</mi>`;
    }
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac': {
        const num = this.atom() ?? '<mrow></mrow>';
        const den = this.atom() ?? '<mrow></mrow>';
        return `<mfrac>${num}${den}</mfrac>`;
      }
      case 'sqrt':
        return `<msqrt>${this.atom() ?? '<mrow></mrow>'}</msqrt>`;
      case 'left': {
        const open = this.delimiter();
        const inner = this.sequence(null);
        let close = '';
        if (this.src.startsWith('\\right', this.i)) {
          this.i += '\\right'.length;
          close = this.delimiter();
        }
        return `<mrow><mo>${escapeXml(open)}</mo>${inner.join('')}<mo>${escapeXml(close)}</mo></mrow>`;
      }
      case 'underbrace':
      case 'overbrace': {
        const body = this.atom() ?? '<mrow></mrow>';
        const under = name === 'underbrace';
        const brace = `<mo stretchy="true">${under ? '⏟' : '⏞'}</mo>`;
        const braced = under ? `<munder>${body}${brace}</munder>` : `<mover>${body}${brace}</mover>`;
        this.skipSpace();
        const marker = under ? '_' : '^';
        if (this.peek() === marker) {
          this.i += 1;
          const label = this.atom() ?? '<mrow></mrow>';
          return under ? `<munder>${braced}${label}</munder>` : `<mover>${braced}${label}</mover>`;
        }
        return braced;
      }
      case 'bar':
      case 'overline':
        return `<mover>${this.atom() ?? '<mrow></mrow>'}<mo>¯</mo></mover>`;
      case 'hat':
        return `<mover>${this.atom() ?? '<mrow></mrow>'}<mo>^</mo></mover>`;
      case 'tilde':
        return `<mover>${this.atom() ?? '<mrow></mrow>'}<mo>~</mo></mover>`;
      case 'mathcal':
      case 'mathbb':
        return `<mi>${escapeXml(this.rawGroup())}</mi>`;
      default: {
        const sym = SYMBOLS[name];
        if (sym) return `<${sym[0]}>${escapeXml(sym[1])}</${sym[0]}>`;
        this.unsupported.push(`\\${name}`);
        return `<mi>${escapeXml(name)}</mi>`;
      }
    }
  }
}

/**
 * Converts a TeX formula to a MathML `<math>` element.
 * @example texToMathml('2 \\cdot M').mathml //=> '<math display="block"><mrow><mn>2</mn><mo>⋅</mo><mi>M</mi></mrow></math>'
 */
export function texToMathml(tex: string, display = true): MathmlResult {
  const parser = new Parser(tex);
  const body = parser.parse();
  const attrs = display ? ' display="block"' : '';
  return { mathml: `<math${attrs}>${body}</math>`, unsupported: parser.unsupported };
}
