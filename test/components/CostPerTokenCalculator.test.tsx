// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import CostPerTokenCalculator from '../../src/components/islands/CostPerTokenCalculator';
import { getGpu } from '../../src/core/gpu/gpu';
import { getPreset } from '../../src/core/model/presets';
import { servingScenario } from '../../src/core/scenario/serving';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

// The engine's steady state the calculator prices: Llama 3 70B, 4 × H100, 48 requests of 2,000 + 200 tokens.
const steady = servingScenario({
  model: getPreset('llama-3-70b').spec,
  gpu: getGpu('h100-sxm'),
  gpus: 4,
  batch: 48,
  inputTokens: 2000,
  outputTokens: 200,
}).continuous!;

describe('<CostPerTokenCalculator>', () => {
  it('prices the engine’s steady state: 4 GPUs at $2/h over its requests/s, split by its prefill share', () => {
    render(<CostPerTokenCalculator />);
    // 4.747 requests/s (test/core/reverse.test.ts); $8/h / (3600 · 4.747) = $0.000468 per request
    expect(steady.requestsPerSecond).toBeCloseTo(4.747, 3);
    expect(screen.getByTestId('cpt-usd-request').textContent).toBe('$0.000468');
    // output: 10⁶ · 4 · 2 · (1 − ρ) / (3600 · 4.747 · 200), with ρ the prefill share
    const out = (1e6 * 4 * 2 * (1 - steady.prefillShare)) / (3600 * steady.requestsPerSecond * 200);
    expect(out).toBeCloseTo(1.1, 1);
    expect(screen.getByTestId('cpt-usd-out').textContent).toMatch(new RegExp(`^\\$${out.toPrecision(3).replace('.', '\\.')}`));
    // all tokens: $8/h / (3600 · 4.747 · 2,200) · 10⁶ = $0.213
    expect(screen.getByTestId('cpt-usd-all').textContent).toMatch(/^\$0\.213/);
    // a replica's month: 4 · $2 · 730 = $5,840
    expect(screen.getByTestId('cpt-usd-month').textContent).toBe('$5.84k');
  });

  it('doubling the price doubles every dollar figure; the URL keeps it', () => {
    render(<CostPerTokenCalculator />);
    fireEvent.change(screen.getByLabelText('Price per GPU-hour (USD)'), { target: { value: '4' } });
    expect(screen.getByTestId('cpt-usd-month').textContent).toBe('$11.7k');
    expect(screen.getByTestId('cpt-usd-request').textContent).toBe('$0.000936');
    expect(window.location.search).toContain('cpt.price=4');
  });

  it('a model that does not fit: no price, the engine’s warning by the GPUs', () => {
    window.history.replaceState(null, '', '/?cpt.gpus=1');
    render(<CostPerTokenCalculator />);
    expect(screen.getByTestId('cpt-usd-out').textContent).toBe('no request fits');
    expect(screen.getByTestId('cpt-warning-weights-do-not-fit').textContent).toMatch(/^The weights/);
    expect(document.querySelector('.results')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('refuses hostile values from the URL by their fields and keeps the defaults', () => {
    window.history.replaceState(null, '', '/?cpt.B=0&cpt.gpus=1e300&cpt.S=1,2,3&cpt.price=-1&cpt.model=%3Cscript%3E');
    render(<CostPerTokenCalculator />);
    expect(document.getElementById('cpt-B-error')?.textContent).toMatch(/^Requests in flight B must be a whole number from 1/);
    expect(document.getElementById('cpt-gpus-error')?.textContent).toMatch(/^GPUs per replica \(tensor parallel\) must be a whole number from 1 to 10,000,000/);
    expect(document.getElementById('cpt-S-error')?.textContent).toMatch(/misplaced thousands separators/);
    expect(document.getElementById('cpt-price-error')).toBeTruthy();
    expect(document.getElementById('cpt-model-error')?.textContent).toBe('Model: "<script>" is not one of the choices');
    expect(screen.getByTestId('cpt-usd-month').textContent).toBe('$5.84k');
  });

  it('a core error lands by its field: S + O past the sequence bound is refused by the output tokens', () => {
    render(<CostPerTokenCalculator />);
    fireEvent.change(screen.getByLabelText('Prompt tokens S'), { target: { value: '1e9' } });
    fireEvent.change(screen.getByLabelText('Output tokens O'), { target: { value: '1000' } });
    expect(document.getElementById('cpt-O-error')?.textContent).toMatch(/^Input \+ output tokens must be a whole number from 1 to 1,000,000,000/);
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
  });

  it('names the model, the GPUs and the load in copied Markdown, linking back to this calculator', async () => {
    window.history.replaceState(null, '', '/capacity-and-cost/?cpt.B=16');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<CostPerTokenCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain(
      String.raw`for Llama 3 70B \(bf16\) on 4 × NVIDIA H100 SXM5 80GB, 16 requests of 2,000 + 200 tokens in flight, at \$2.00/GPU-h`,
    );
    expect(writes[0]).toContain('#cost-per-token-calculator');
    expect(writes[0]).toContain('cpt.B=16');
  });
});
