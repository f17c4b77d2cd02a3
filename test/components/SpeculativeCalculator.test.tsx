// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import SpeculativeCalculator from '../../src/components/islands/SpeculativeCalculator';
import { getPreset } from '../../src/core/model/presets';
import { getGpu } from '../../src/core/gpu/gpu';
import { servingScenario } from '../../src/core/scenario/serving';
import { formatSeconds, formatSignificant } from '../../src/core/units';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const headline = (id: string) => screen.getByTestId(id).firstChild?.textContent;

describe('<SpeculativeCalculator>', () => {
  it('Llama 3 8B drafting 5 tokens for Llama 3 70B on 4 × H100 at α = 0.8: 3.69 tokens per pass, the engine’s c, TPOT and speedup', () => {
    render(<SpeculativeCalculator />);
    // (1 − 0.8⁶)/0.2 = 3.68928
    expect(headline('spec-tokens')).toBe('3.69');
    const r = servingScenario({
      model: getPreset('llama-3-70b').spec,
      gpu: getGpu('h100-sxm'),
      gpus: 4,
      batch: 1,
      inputTokens: 1000,
      outputTokens: 200,
      weightDtype: 'bf16',
      techniques: { speculative: { draft: getPreset('llama-3-8b').spec, draftTokens: 5, acceptance: 0.8 } },
    });
    expect(headline('spec-cost')).toBe(formatSignificant(r.speculative!.costCoefficient));
    expect(headline('spec-tpot')).toBe(formatSeconds(r.tpotSeconds));
    expect(headline('spec-speedup')).toBe(`${formatSignificant(r.speculative!.speedup)}×`);
    expect(text('spec-fit')).toContain('16.1 GB of weights');
    expect(document.querySelector('[data-formula="serving.speculativeSpeedup"]')).toBeTruthy();
    expect(document.querySelector('#speculative-calculator svg.chart')).toBeTruthy();
  });

  it('α = 1 warns that the answer is an upper bound; a Llama 2 draft warns of another vocabulary', () => {
    render(<SpeculativeCalculator />);
    fireEvent.change(screen.getByLabelText('Acceptance rate α'), { target: { value: '1' } });
    // α = 1: γ + 1 = 6 tokens per pass
    expect(headline('spec-tokens')).toBe('6.00');
    expect(text('spec-warning-speculation-always-accepted')).toContain('upper bound');
    fireEvent.change(screen.getByLabelText('Draft model'), { target: { value: 'llama-2-7b' } });
    expect(text('spec-warning-speculation-vocabulary-mismatch')).toContain('vocabulary');
    expect(window.location.search).toContain('spec.draft=llama-2-7b');
  });

  it('a hostile link is refused field by field (α = 0, γ = 0, G = 1e300, an unknown draft)', () => {
    window.history.replaceState(null, '', '/?spec.a=0&spec.g=0&spec.G=1e300&spec.draft=gpt-5');
    render(<SpeculativeCalculator />);
    for (const f of ['a', 'g', 'G', 'draft']) expect(document.getElementById(`spec-${f}-error`)?.textContent, f).toBeTruthy();
    expect(document.querySelector('dl.results')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a prompt and output beyond a billion tokens lands by the output field', () => {
    render(<SpeculativeCalculator />);
    fireEvent.change(screen.getByLabelText('Prompt tokens S'), { target: { value: '999999999' } });
    expect(document.getElementById('spec-O-error')?.textContent).toContain('Input + output tokens');
  });

  it('copied Markdown names the setup and links back to this calculator with its numbers', async () => {
    window.history.replaceState(null, '', '/serving-in-practice/?spec.g=3');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<SpeculativeCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('Llama 3 8B drafting 3 tokens for Llama 3 70B on 4 × NVIDIA H100 SXM5 80GB');
    expect(writes[0]).toContain('#speculative-calculator');
    expect(writes[0]).toContain('spec.g=3');
  });
});
