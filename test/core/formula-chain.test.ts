import { describe, expect, it } from 'vitest';
import { peakDeviationFormula } from '../../src/core/gpu/peakDeviation';
import { defineFormula, texMinus } from '../../src/core/formula';
import { derivationAligned, derivationAsLatex, derivationAsMarkdown } from '../../src/core/cite';
import { chainRows, linkTex } from '../../src/components/math/chain';
import { FORMULAS } from '../../src/core/registry';

// Formulas of the test's own, so that a change of notation elsewhere (symbols are being renamed
// across chapters) cannot change what these tests expect: 2·M·K·N FLOPs, and 6N approximately.
const matmulFlopsFormula = defineFormula({
  id: 'test.flops',
  anchor: 'test-flops',
  page: 'tensors',
  title: 'Matmul FLOPs',
  description: 'test',
  lhs: 'F',
  unit: 'FLOPs',
  symbols: { M: 'M', K: 'K', N: 'N' },
  labels: { M: 'Rows', K: 'Inner', N: 'Columns' },
  domains: { M: 'positiveInt', K: 'positiveInt', N: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.M} \cdot ${v.K} \cdot ${v.N}`,
  compute: ({ M, K, N }) => 2 * M * K * N,
  example: { M: 2, K: 3, N: 4 },
});
const trainingFlopsPerTokenFormula = defineFormula({
  id: 'test.sixN',
  anchor: 'test-six-n',
  page: 'training',
  title: 'Training FLOPs per token',
  description: 'test',
  lhs: 'F',
  unit: 'FLOPs',
  symbols: { N: 'N' },
  labels: { N: 'Parameters' },
  domains: { N: 'positive' },
  tex: (v) => String.raw`6 \cdot ${v.N}`,
  compute: ({ N }) => 6 * N,
  example: { N: 7e10 },
  approximate: true,
});

describe('Derivation.chain: lhs = symbolic = substituted = result, for layouts that break at relations', () => {
  it('matmul.flops(4096³).chain = [= 2·M·K·N, = 2·4,096·4,096·4,096, = 137 GFLOPs]', () => {
    const d = matmulFlopsFormula.derive({ M: 4096, K: 4096, N: 4096 });
    // 2·4096³ = 137,438,953,472 FLOPs → "137 GFLOPs"
    expect(d.lhs).toBe('F');
    expect(d.chain).toEqual([
      { relation: '=', rhs: '2 \\cdot M \\cdot K \\cdot N', role: 'symbolic' },
      { relation: '=', rhs: '2 \\cdot 4{,}096 \\cdot 4{,}096 \\cdot 4{,}096', role: 'substituted' },
      { relation: '=', rhs: '\\text{137 GFLOPs}', role: 'result' },
    ]);
    // The single-line forms are unchanged: the same text, joined.
    expect(d.symbolic).toBe('F = 2 \\cdot M \\cdot K \\cdot N');
    expect(d.substituted).toBe('F = 2 \\cdot 4{,}096 \\cdot 4{,}096 \\cdot 4{,}096 = \\text{137 GFLOPs}');
  });

  it('an approximate formula relates every link with ≈: training.flopsPerToken(N = 7e10) ≈ 420 GFLOPs', () => {
    const d = trainingFlopsPerTokenFormula.derive({ N: 7e10 });
    // 6·7e10 = 4.2e11 FLOPs
    expect(d.chain.map((l) => l.relation)).toEqual(['\\approx', '\\approx', '\\approx']);
    expect(d.chain[2]).toEqual({ relation: '\\approx', rhs: '\\text{420 GFLOPs}', role: 'result' });
  });

  it('a negative result takes a math minus, not text mode’s hyphen: peakDeviation(311.87T vs 312T) = −0.0418%', () => {
    const d = peakDeviationFormula.derive(peakDeviationFormula.example);
    // (311.86944 − 312) / 312 = −0.000418 → "−0.0418%"
    expect(d.chain[2]!.rhs).toBe('-\\text{0.0418\\%}');
    expect(d.substituted.endsWith('= -\\text{0.0418\\%}')).toBe(true);
  });

  it('texMinus moves a leading hyphen out of \\text (and keeps a leading \\approx)', () => {
    expect(texMinus('\\text{-5 ms}')).toBe('-\\text{5 ms}');
    expect(texMinus('\\approx \\text{-5 ms}')).toBe('\\approx -\\text{5 ms}');
    expect(texMinus('\\text{5 ms}')).toBe('\\text{5 ms}');
  });

  it.each(FORMULAS.map((f) => [f.id, f] as const))('%s: the chain spells the same equation as symbolic and substituted', (_id, f) => {
    const d = f.derive(f.example);
    const [sym, sub, result] = d.chain;
    expect(`${d.lhs} ${sym!.relation} ${sym!.rhs}`).toBe(d.symbolic);
    expect(`${d.lhs} ${sub!.relation} ${sub!.rhs} ${result!.relation} ${result!.rhs}`).toBe(d.substituted);
  });
});

describe('chainRows / linkTex: what the static and live views lay out', () => {
  it('chainRows(matmul) = [[symbolic], [substituted, result]]; linkTex keeps the relation with its right-hand side', () => {
    const d = matmulFlopsFormula.derive({ M: 2, K: 3, N: 4 });
    expect(chainRows(d).map((row) => row.map((l) => l.role))).toEqual([['symbolic'], ['substituted', 'result']]);
    expect(linkTex(d.chain[0]!)).toBe('{}=\\nobreak 2 \\cdot M \\cdot K \\cdot N');
  });
});

describe('cite: copied derivations as aligned rows', () => {
  const d = matmulFlopsFormula.derive({ M: 2, K: 3, N: 4 });
  // 2·2·3·4 = 48 FLOPs, shown "48.0 FLOPs" (3 significant figures) with the exact 48 beside it

  it('derivationAligned(matmul 2×3×4) is an align* of three rows, aligned on =', () => {
    expect(derivationAligned(d)).toBe(
      ['\\begin{align*}', 'F &= 2 \\cdot M \\cdot K \\cdot N \\\\', '  &= 2 \\cdot 2 \\cdot 3 \\cdot 4 \\\\', '  &= \\text{48.0 FLOPs}', '\\end{align*}'].join(
        '\n',
      ),
    );
  });

  it('derivationAsLatex names the title and the setup in comments, escaping what a comment could misread', () => {
    expect(derivationAsLatex(d, 'M = 2, price $3 [x]')).toBe(
      [
        '% Matmul FLOPs',
        '% M = 2, price \\$3 \\[x\\]',
        '\\begin{align*}',
        'F &= 2 \\cdot M \\cdot K \\cdot N \\\\',
        '  &= 2 \\cdot 2 \\cdot 3 \\cdot 4 \\\\',
        '  &= \\text{48.0 FLOPs}',
        '\\end{align*}',
      ].join('\n'),
    );
  });

  it('derivationAsMarkdown: the sentence with the setup and the link, then one $$ block with an aligned environment', () => {
    expect(derivationAsMarkdown(d, 'https://x.org/tensors/?mm.M=2#matmul-calculator', '[2, 3] @ [3, 4]')).toBe(
      [
        '**Matmul FLOPs** = 48.0 FLOPs \\(48 FLOPs\\) for \\[2, 3\\] @ \\[3, 4\\] ([derivation](https://x.org/tensors/?mm.M=2#matmul-calculator))',
        '',
        '$$',
        '\\begin{aligned}',
        'F &= 2 \\cdot M \\cdot K \\cdot N \\\\',
        '  &= 2 \\cdot 2 \\cdot 3 \\cdot 4 \\\\',
        '  &= \\text{48.0 FLOPs}',
        '\\end{aligned}',
        '$$',
      ].join('\n'),
    );
  });
});
