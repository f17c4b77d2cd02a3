// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import MemoryBreakdownCalculator from '../../src/components/islands/MemoryBreakdownCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<MemoryBreakdownCalculator>', () => {
  it("shows 138 GB of weights and 131 GB of KV cache for Llama 2 70B, fp16, 100 requests of S'=4000", () => {
    render(<MemoryBreakdownCalculator />);
    // 68,976,648,192 parameters × 2 B = 137,953,296,384 B
    expect(screen.getByTestId('mem-weights').textContent).toContain('138 GB');
    expect(screen.getByTestId('mem-weights').textContent).toContain('137,953,296,384 B');
    // 2·80·4000·8·128·2 = 1,310,720,000 B per request; × 100 = 131,072,000,000 B
    expect(screen.getByTestId('mem-kv-request').textContent).toContain('1,310,720,000 B');
    expect(screen.getByTestId('mem-kv').textContent).toContain('131,072,000,000 B');
    // 2 × 80e9 × 0.9 = 144 GB usable; (144e9 − 137,953,296,384 − 819,328,000) / 1,310,720,000 = 3.99 → 3
    expect(screen.getByTestId('mem-capacity').textContent).toContain('144 GB');
    expect(screen.getByTestId('mem-fit').firstChild?.textContent).toBe('3');
    expect(screen.getByTestId('mem-verdict').textContent).toBe('do not fit');
    expect(document.querySelector('svg.chart')).toBeTruthy();
  });

  it('recomputes when the GPU count changes and writes the inputs to the URL', () => {
    render(<MemoryBreakdownCalculator />);
    fireEvent.change(screen.getByLabelText('GPUs'), { target: { value: '8' } });
    // 8 × 80e9 × 0.9 = 576e9; (576e9 − 137,953,296,384 − 819,328,000) / 1,310,720,000 = 333.6 → 333
    expect(screen.getByTestId('mem-capacity').textContent).toContain('576 GB');
    expect(screen.getByTestId('mem-fit').firstChild?.textContent).toBe('333');
    expect(screen.getByTestId('mem-verdict').textContent).toBe('fit');
    expect(window.location.search).toContain('mem.G=8');
  });

  it('restores its inputs from the URL (int8 weights, 1 request)', () => {
    window.history.replaceState(null, '', '/?mem.model=llama-2-70b&mem.wdtype=int8&mem.B=1&mem.reading=GiB');
    render(<MemoryBreakdownCalculator />);
    // 68,976,648,192 × 1 B = 68,976,648,192 B
    expect(screen.getByTestId('mem-weights').textContent).toContain('69.0 GB');
    // 2 × 85,899,345,920 × 0.9 = 154,618,822,656 B
    expect(screen.getByTestId('mem-capacity').textContent).toContain('155 GB');
  });

  it('shows the parser’s message next to a bad config.json and keeps the last result', () => {
    render(<MemoryBreakdownCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096' } });
    expect(document.getElementById('mem-config-error')?.textContent).toMatch(/not valid JSON/);
    expect(screen.getByTestId('mem-weights').textContent).toContain('138 GB');
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096}' } });
    expect(document.getElementById('mem-config-error')?.textContent).toMatch(/num_hidden_layers|num_attention_heads|intermediate_size|vocab_size/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('keeps the last valid result, marked stale, for a bad number, with the message by the field', () => {
    render(<MemoryBreakdownCalculator />);
    fireEvent.change(screen.getByLabelText('Usable fraction u'), { target: { value: '1.5' } });
    expect(document.getElementById('mem-u-error')?.textContent).toContain('must be a fraction greater than 0 and at most 1');
    fireEvent.change(screen.getByLabelText("Tokens per request S'"), { target: { value: '0' } });
    expect(document.getElementById('mem-S-error')?.textContent).toContain('whole number of at least 1');
    expect(screen.getByTestId('mem-weights').textContent).toContain('138 GB');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
