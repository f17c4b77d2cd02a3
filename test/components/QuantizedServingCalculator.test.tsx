// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import QuantizedServingCalculator from '../../src/components/islands/QuantizedServingCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const headline = (id: string) => screen.getByTestId(id).firstChild?.textContent;
const rows = () => [...document.querySelectorAll('[data-testid="qs-table"] tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));

describe('<QuantizedServingCalculator>', () => {
  it('Llama 2 70B on 2 × A800: 138 GB in bf16, 36.6 GB in int4 with its scales; fp8 has no tensor cores on an A800', () => {
    render(<QuantizedServingCalculator />);
    // bf16: 68,976,648,192·2 = 137,953,296,384 B; int4: 36,613,668,864 B (groups of 128, fp16 scale + 4-bit zero)
    expect(headline('qs-weights')).toBe('138 GB → 36.6 GB');
    // 36,613,668,864 / 68,976,648,192 = 0.5308 B per parameter
    expect(text('qs-weights')).toContain('0.5308 B per parameter');
    expect(text('qs-fp8-peak')).toContain('has no fp8 tensor cores');
    expect(text('qs-warning-peak-dtype-fallback')).toContain('has no fp8 tensor-core rate');
    const table = rows();
    expect(table.map((r) => r[0])).toEqual(['bf16', 'fp8', 'int8 (KV bf16)', 'int4 (KV bf16)']);
    // int8 per channel: 69,515,689,984 B → "69.5 GB"; fp8 on an A800: no fp8 tensor cores; int8 weight-only beside its 624 TOPS
    expect(table[2]![2]).toBe('69.5 GB');
    expect(table[1]![6]).toContain('(no fp8 cores)');
    expect(table[2]![6]).toContain('weight-only; int8 cores: 624 TOP/s');
    expect(table[3]![0]).toBe('int4 (KV bf16)');
    expect(document.querySelector('[data-formula="serving.quantizedWeights"]')).toBeTruthy();
  });

  it('on an H100 fp8 runs on fp8 tensor cores at 1.98 PFLOP/s; without scales int4 is N · 0.5 B', () => {
    render(<QuantizedServingCalculator />);
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'h100-sxm' } });
    expect(headline('qs-fp8-peak')).toBe('1.98 PFLOP/s');
    fireEvent.change(screen.getByLabelText('Scales'), { target: { value: 'none' } });
    // 68,976,648,192 · 0.5 = 34,488,324,096 B
    expect(headline('qs-weights')).toBe('138 GB → 34.5 GB');
    expect(window.location.search).toContain('qs.scales=none');
  });

  it('a hostile link is refused field by field', () => {
    window.history.replaceState(null, '', '/?qs.G=0&qs.B=1e300&qs.kv=int2&qs.scales=%22%3E%3Cimg%3E');
    render(<QuantizedServingCalculator />);
    for (const f of ['G', 'B', 'kv', 'scales']) expect(document.getElementById(`qs-${f}-error`)?.textContent, f).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('dl.results')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a prompt and output beyond a billion tokens lands by the output field', () => {
    render(<QuantizedServingCalculator />);
    fireEvent.change(screen.getByLabelText('Prompt tokens S'), { target: { value: '999999999' } });
    expect(document.getElementById('qs-O-error')?.textContent).toContain('Input + output tokens');
  });

  it('copied Markdown names the setup and links back to this calculator with its numbers', async () => {
    window.history.replaceState(null, '', '/serving-in-practice/?qs.B=4');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<QuantizedServingCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('Llama 2 70B on 2 × NVIDIA A800 SXM4 80GB, 4 requests of 3,000 + 1,000 tokens');
    expect(writes[0]).toContain('#quantized-serving-calculator');
    expect(writes[0]).toContain('qs.B=4');
  });
});
