import { describe, expect, it } from 'vitest';
import { texToMathml, texToMathmlChunks } from '../../src/components/math/texToMathml';
import { chainRows, linkTex } from '../../src/components/math/chain';
import { FORMULAS } from '../../src/core/registry';

// TeX's spacing (TeXbook ch. 18, KaTeX's spacingData): a binary operator 4mu = 0.2222em each
// side, a relation 5mu = 0.2778em, a comma 3mu = 0.1667em after it; none inside scripts.
const BIN = 'lspace="0.2222em" rspace="0.2222em"';
const REL = 'lspace="0.2778em" rspace="0.2778em"';

describe('texToMathml', () => {
  it("texToMathml('2 \\cdot M') spaces ⋅ as a binary operator", () => {
    expect(texToMathml('2 \\cdot M').mathml).toBe(`<math display="block"><mrow><mn>2</mn><mo ${BIN}>⋅</mo><mi>M</mi></mrow></math>`);
  });

  it("texToMathml('a - b = -3') writes the minus sign as U+2212, binary between operands and unary (unspaced) after =", () => {
    expect(texToMathml('a - b = -3').mathml).toBe(
      `<math display="block"><mrow><mi>a</mi><mo ${BIN}>−</mo><mi>b</mi><mo ${REL}>=</mo><mo lspace="0em" rspace="0em">−</mo><mn>3</mn></mrow></math>`,
    );
    expect(texToMathml('a - b').mathml).not.toContain('-');
  });

  it('keeps thousands separators in numbers and renders fractions, sub/superscripts and text', () => {
    const { mathml, unsupported } = texToMathml("\\frac{4{,}096}{h_{kv}} + S'^2 = \\text{1.31 GB}");
    expect(unsupported).toEqual([]);
    expect(mathml).toBe(
      `<math display="block"><mrow><mfrac><mn>4,096</mn><msub><mi>h</mi><mrow><mi>k</mi><mi>v</mi></mrow></msub></mfrac>` +
        `<mo ${BIN}>+</mo><msup><mrow><mi>S</mi><mo lspace="0em" rspace="0em">′</mo></mrow><mn>2</mn></msup>` +
        `<mo ${REL}>=</mo><mtext>1.31 GB</mtext></mrow></math>`,
    );
  });

  it('stretches \\left(…\\right) fences (as KaTeX sizes them) but not a bare parenthesis, and spaces the comma', () => {
    expect(texToMathml('\\left(\\frac{a}{b}, c\\right)').mathml).toBe(
      '<math display="block"><mrow><mo fence="true" stretchy="true" symmetric="true" lspace="0em" rspace="0em">(</mo>' +
        '<mfrac><mi>a</mi><mi>b</mi></mfrac><mo lspace="0em" rspace="0.1667em">,</mo><mi>c</mi>' +
        '<mo fence="true" stretchy="true" symmetric="true" lspace="0em" rspace="0em">)</mo></mrow></math>',
    );
    expect(texToMathml('(a)').mathml).toBe(
      '<math display="block"><mrow><mo stretchy="false" lspace="0em" rspace="0em">(</mo><mi>a</mi><mo stretchy="false" lspace="0em" rspace="0em">)</mo></mrow></math>',
    );
  });

  it('puts a thin space between \\max and a \\left fence (Op–Inner), none before a bare parenthesis', () => {
    expect(texToMathml('\\max\\left(x\\right)').mathml).toContain('<mi>max</mi><mspace width="0.1667em"></mspace><mrow><mo fence="true"');
    expect(texToMathml('\\min(x)').mathml).toContain('<mi>min</mi><mo stretchy="false"');
  });

  it('leaves operators in a subscript unspaced, as TeX does in script style', () => {
    expect(texToMathml('x_{i+1}').mathml).toBe(
      '<math display="block"><msub><mi>x</mi><mrow><mi>i</mi><mo lspace="0em" rspace="0em">+</mo><mn>1</mn></mrow></msub></math>',
    );
  });

  it('writes \\mathcal as Unicode script capitals (ℒ, 𝒟) and \\mu inside text as μ', () => {
    expect(texToMathml('\\mathcal{L} + \\mathcal{D}').mathml).toContain('<mi>ℒ</mi>');
    expect(texToMathml('\\mathcal{D}').mathml).toContain('<mi>𝒟</mi>');
    expect(texToMathml('\\text{25.0 }\\mu\\text{s}').mathml).toBe('<math display="block"><mrow><mtext>25.0 </mtext><mi>μ</mi><mtext>s</mtext></mrow></math>');
  });

  it('writes {} as an empty <mi>, so "= \\text{…}" keeps its space (an operator beside only <mtext> would embellish it)', () => {
    expect(texToMathml('{}= \\text{48 FLOPs}').mathml).toBe(`<math display="block"><mrow><mi></mi><mo ${REL}>=</mo><mtext>48 FLOPs</mtext></mrow></math>`);
  });

  it('reports commands it does not know instead of dropping them', () => {
    expect(texToMathml('\\foo{x}').unsupported).toEqual(['\\foo']);
  });

  it.each(FORMULAS.map((f) => [f.id, f] as const))('%s: symbolic and substituted forms use only supported TeX', (_id, f) => {
    const d = f.derive(f.example);
    expect(texToMathml(d.symbolic).unsupported).toEqual([]);
    expect(texToMathml(d.substituted).unsupported).toEqual([]);
    for (const row of chainRows(d)) for (const link of row) expect(texToMathmlChunks(linkTex(link)).unsupported).toEqual([]);
  });
});

describe('texToMathmlChunks', () => {
  it("texToMathmlChunks('a + b \\cdot c = d') breaks after +, ⋅ and =, as KaTeX's inline math may", () => {
    expect(texToMathmlChunks('a + b \\cdot c = d').chunks).toEqual([
      `<math displaystyle="true"><mrow><mi>a</mi><mo ${BIN}>+</mo></mrow></math>`,
      `<math displaystyle="true"><mrow><mi>b</mi><mo ${BIN}>⋅</mo></mrow></math>`,
      `<math displaystyle="true"><mrow><mi>c</mi><mo ${REL}>=</mo></mrow></math>`,
      '<math displaystyle="true"><mi>d</mi></math>',
    ]);
  });

  it('never breaks inside a group, a fraction or a \\left…\\right fence', () => {
    expect(texToMathmlChunks('2 \\cdot (a + b)').chunks).toHaveLength(3); // "2 ⋅" | "(a +" | "b)"
    expect(texToMathmlChunks('2 \\cdot \\left(a + b\\right)').chunks).toHaveLength(2);
    expect(texToMathmlChunks('\\frac{a + b}{c} + d').chunks).toHaveLength(2);
  });

  it('keeps a relation followed by \\nobreak with what follows it (a chain link never leaves "=" alone on a line)', () => {
    expect(texToMathmlChunks('{}=\\nobreak 2 \\cdot M').chunks).toEqual([
      `<math displaystyle="true"><mrow><mi></mi><mo ${REL}>=</mo><mn>2</mn><mo ${BIN}>⋅</mo></mrow></math>`,
      '<math displaystyle="true"><mi>M</mi></math>',
    ]);
  });

  it('a unary minus opening a piece is unspaced: 10^{-5} and "= -3" keep their signs tight', () => {
    expect(texToMathmlChunks('x = -3').chunks.at(-1)).toBe('<math displaystyle="true"><mrow><mo lspace="0em" rspace="0em">−</mo><mn>3</mn></mrow></math>');
    expect(texToMathml('10^{-5}').mathml).toBe(
      '<math display="block"><msup><mn>10</mn><mrow><mo lspace="0em" rspace="0em">−</mo><mn>5</mn></mrow></msup></math>',
    );
  });
});
