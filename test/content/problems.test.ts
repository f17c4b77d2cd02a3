import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

// Every chapter ends with problems worth doing: at least five, two of them multi-step, and
// worked solutions whose numbers come from core calls at build time, never typed.
// Both editions: content/NN-slug.mdx and its Chinese twin content/zh/NN-slug.mdx.
const chapterFiles = ['content', 'content/zh'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /^\d\d-.*\.mdx$/.test(f))
    .map((f) => `${dir}/${f}`),
);
const texts = new Map(chapterFiles.map((f) => [f, readFileSync(f, 'utf8')]));

interface ParsedProblem {
  id: string;
  multiStep: boolean;
  question: string;
  solution: string | undefined;
}

function problemsOf(text: string): ParsedProblem[] {
  return [...text.matchAll(/<Problem\s+([^>]*)>([\s\S]*?)<\/Problem>/g)].map((m) => {
    const attrs = m[1]!;
    const body = m[2]!;
    const solution = /<Solution(?:\s[^>]*)?>([\s\S]*?)<\/Solution>/.exec(body)?.[1];
    return {
      id: /\bid="([^"]+)"/.exec(attrs)?.[1] ?? '',
      multiStep: /\bmultiStep\b/.test(attrs),
      question: body.replace(/<Solution[\s\S]*<\/Solution>/, ''),
      solution,
    };
  });
}

/** The solution's prose and math with JSX expressions, tags and link targets removed. */
function solutionText(solution: string): { prose: string; math: string[] } {
  let s = solution;
  // JSX expressions (one level of nested braces, e.g. input={{ … }}) and tags.
  for (let i = 0; i < 3; i += 1) s = s.replace(/\{[^{}]*\}/g, ' ');
  s = s.replace(/<[^>]*>/g, ' ').replace(/\]\([^)]*\)/g, ']');
  const math = [...s.matchAll(/\$\$[\s\S]*?\$\$|\$[^$\n]*\$/g)].map((x) => x[0]);
  const prose = s
    .replace(/\$\$[\s\S]*?\$\$|\$[^$\n]*\$/g, ' ')
    // Names that carry digits: fp16, A800, H100, Qwen2.5, GPT-2, MI300X; sizes 70B, 8K; years.
    .replace(/\b[A-Za-z]+-?\d[\w.]*/g, ' ')
    .replace(/\b\d+(?:\.\d+)?[BKMT]\b/g, ' ')
    .replace(/\b(?:19|20)\d\d\b/g, ' ');
  return { prose, math };
}

/** Numbers typed into a solution: in prose any multi-digit or decimal number; in math a decimal or 5+-digit result after = or ≈. */
export function typedResults(solution: string): string[] {
  const { prose, math } = solutionText(solution);
  const inProse = [...prose.matchAll(/\d[\d,]*\.\d+|\d[\d,]*\d/g)].map((x) => x[0]);
  const inMath = math.flatMap((x) => [...x.matchAll(/(?:=|\\approx)\s*(\d[\d,{}]*\.\d+|\d{5,})/g)].map((y) => y[0]));
  return [...inProse, ...inMath];
}

/** JSX expressions in a problem (question or solution) that do arithmetic on their operands, string literals aside. */
export function arithmeticIn(body: string): string[] {
  const out: string[] = [];
  // Outermost {…} expressions, up to two levels of nesting (input={{ … }}).
  for (const m of body.matchAll(/\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}/g)) {
    const code = m[0].replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''").replace(/\.\.\./g, ' ');
    // An operand, an operator, an operand: a * b, x / 2, a + b, a - b, a % b, or a unary minus on a name.
    if (/[\w.)\]]\s*[-+*/%]\s*[\w.(]/.test(code) || /[(,:]\s*-\s*[A-Za-z_(]/.test(code)) out.push(m[0]);
  }
  return out;
}

describe('problems', () => {
  it('the typed-number check catches typed results and lets computed ones through', () => {
    expect(typedResults('The weights take 140 GB.')).toEqual(['140']);
    expect(typedResults('It is $\\approx 6.53$ s.')).toEqual(['\\approx 6.53']);
    expect(typedResults('So TTFT is <Value id="x" input={{ S: 4000 }} /> on the A800 for Llama 2 70B in fp16.')).toEqual([]);
    expect(typedResults('Two GPUs, then {formatBytes(x)} each.')).toEqual([]);
  });

  it.each([...texts.keys()])('%s has ≥ 5 problems, ≥ 2 of them multi-step, each with a worked solution', (file) => {
    const problems = problemsOf(texts.get(file)!);
    expect(problems.length, file).toBeGreaterThanOrEqual(5);
    expect(problems.filter((p) => p.multiStep).length, file).toBeGreaterThanOrEqual(2);
    const ids = problems.map((p) => p.id);
    expect(new Set(ids).size, `${file}: problem ids are unique`).toBe(ids.length);
    for (const p of problems) {
      expect(p.id, file).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(p.solution, `${file}#problem-${p.id} has a <Solution>`).toBeDefined();
      expect(p.question.trim().length, `${file}#problem-${p.id} asks something`).toBeGreaterThan(20);
    }
  });

  it.each([...texts.keys()])('%s: multi-step solutions show their steps (an ordered list of two or more)', (file) => {
    for (const p of problemsOf(texts.get(file)!).filter((q) => q.multiStep)) {
      const steps = (p.solution ?? '').match(/^\s*\d+\.\s/gm) ?? [];
      expect(steps.length, `${file}#problem-${p.id}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('the arithmetic check catches operators between operands and lets core calls through', () => {
    expect(arithmeticIn('grows {formatInteger(l70.heads / l70.kvHeads)}-fold')).toEqual(['{formatInteger(l70.heads / l70.kvHeads)}']);
    expect(arithmeticIn('is {formatPercent(-gap.relativeError)}')).toEqual(['{formatPercent(-gap.relativeError)}']);
    expect(arithmeticIn('<Value id="x" input={{ N: n * 2, s: 2 }} />')).toHaveLength(1);
    expect(arithmeticIn('<Value id="x" input={{ ...batch16, s: 2 }} /> of {formatBytes(weightsBytes(l7, 2))} for {getPreset(\'llama-2-70b\').spec.layers}')).toEqual([]);
  });

  it.each([...texts.keys()])('%s: problems do no arithmetic in their JSX expressions', (file) => {
    for (const p of problemsOf(texts.get(file)!)) {
      expect(arithmeticIn(`${p.question}${p.solution ?? ''}`), `${file}#problem-${p.id}`).toEqual([]);
    }
  });

  it.each([...texts.keys()])('%s: solutions type no results (numbers come from core calls)', (file) => {
    for (const p of problemsOf(texts.get(file)!)) {
      expect(typedResults(p.solution ?? ''), `${file}#problem-${p.id}`).toEqual([]);
    }
  });

  it('no chapter keeps the old folded-question markup', () => {
    for (const [file, text] of texts) expect(text, file).not.toMatch(/<details class="problem">/);
  });
});
