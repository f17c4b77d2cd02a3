import { describe, expect, it } from 'vitest';
import { texToMathml } from '../../src/components/math/texToMathml';
import { FORMULAS } from '../../src/core/registry';

describe('texToMathml', () => {
  it("texToMathml('2 \\cdot M') is <mn>2</mn><mo>⋅</mo><mi>M</mi>", () => {
    expect(texToMathml('2 \\cdot M').mathml).toBe('<math display="block"><mrow><mn>2</mn><mo>⋅</mo><mi>M</mi></mrow></math>');
  });

  it('keeps thousands separators in numbers and renders fractions, sub/superscripts and text', () => {
    const { mathml, unsupported } = texToMathml("\\frac{4{,}096}{h_{kv}} + S'^2 = \\text{1.31 GB}");
    expect(unsupported).toEqual([]);
    expect(mathml).toContain('<mfrac><mn>4,096</mn><msub><mi>h</mi><mrow><mi>k</mi><mi>v</mi></mrow></msub></mfrac>');
    expect(mathml).toContain('<mtext>1.31 GB</mtext>');
    expect(mathml).toContain('<msup><msup><mi>S</mi><mo>′</mo></msup><mn>2</mn></msup>');
  });

  it('renders \\max\\left(…\\right) with fences and \\mu inside text', () => {
    const { mathml, unsupported } = texToMathml('\\max\\left(\\frac{F}{P}, \\frac{Q}{W}\\right) = \\text{25.0 }\\mu\\text{s}');
    expect(unsupported).toEqual([]);
    expect(mathml).toContain('<mi>max</mi><mrow><mo>(</mo>');
    expect(mathml).toContain('<mi>μ</mi><mtext>s</mtext>');
  });

  it('reports commands it does not know instead of dropping them', () => {
    expect(texToMathml('\\foo{x}').unsupported).toEqual(['\\foo']);
  });

  it.each(FORMULAS.map((f) => [f.id, f] as const))('%s: symbolic and substituted forms use only supported TeX', (_id, f) => {
    const d = f.derive(f.example);
    expect(texToMathml(d.symbolic).unsupported).toEqual([]);
    expect(texToMathml(d.substituted).unsupported).toEqual([]);
  });
});
