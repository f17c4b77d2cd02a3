// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import MemoryBreakdownCalculator from '../../src/components/islands/MemoryBreakdownCalculator';
import deepseekV3 from '../../src/data/models/deepseek-v3.json';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
/** The headline of a result row (its first text node, without the detail line). */
const headline = (id: string) => screen.getByTestId(id).firstChild?.textContent;

describe('<MemoryBreakdownCalculator>', () => {
  it('Llama 2 70B fp16 on 2 × A800 read as the runtime sees it: 10 requests of 4,000 tokens fit, 100 do not, with the warning', () => {
    render(<MemoryBreakdownCalculator />);
    // 68,976,648,192 parameters × 2 B = 137,953,296,384 B
    expect(text('mem-weights')).toContain('138 GB');
    expect(text('mem-weights')).toContain('137,953,296,384 B');
    // 2·80·4000·8·128·2 = 1,310,720,000 B per request; × 100 = 131,072,000,000 B
    expect(text('mem-kv-request')).toContain('1,310,720,000 B');
    expect(text('mem-kv')).toContain('131,072,000,000 B');
    // residual 2·4000·8192·2 = 131,072,000 on each of 2 GPUs + FFN working set 4000·3·28,672·2 = 688,128,000 + logits 4·32,000 = 128,000
    expect(text('mem-act')).toContain('950 MB');
    // runtime reading of an A800: 84,986,691,584 B; 2 × 84,986,691,584 × 0.9 = 152,976,044,851 B
    expect(text('mem-capacity')).toContain('153 GB');
    expect(text('mem-capacity')).toContain('as the CUDA runtime reports it');
    // (152,976,044,851 − 137,953,296,384 − 950,400,000) / 1,310,720,000 = 10.74 → 10
    expect(headline('mem-fit')).toBe('10');
    expect(headline('mem-verdict')).toBe('do not fit');
    expect(text('mem-warning-batch-does-not-fit')).toContain('Only 10 of the 100 requests fit at once');
    expect(document.querySelector('svg.chart')).toBeTruthy();
    expect(document.querySelector('[data-formula="serving.kvBudget"]')).toBeTruthy();
  });

  it('recomputes when the GPU count changes and writes the inputs to the URL: 8 GPUs fit 360', () => {
    render(<MemoryBreakdownCalculator />);
    fireEvent.change(screen.getByLabelText('GPUs'), { target: { value: '8' } });
    // 8 × 84,986,691,584 × 0.9 = 611,904,179,405 B usable
    expect(text('mem-capacity')).toContain('612 GB');
    // activations 8·131,072,000 + 688,128,000 + 128,000 = 1,736,832,000 B
    // (611,904,179,405 − 137,953,296,384 − 1,736,832,000) / 1,310,720,000 = 360.3 → 360
    expect(headline('mem-fit')).toBe('360');
    expect(headline('mem-verdict')).toBe('fit');
    expect(screen.queryByTestId('mem-warning-batch-does-not-fit')).toBeNull();
    expect(window.location.search).toContain('mem.G=8');
  });

  it('reads "80GB" as 80e9 B when asked: 2 × 80e9 × 0.9 = 144 GB, 3 requests fit', () => {
    window.history.replaceState(null, '', '/?mem.reading=GB');
    render(<MemoryBreakdownCalculator />);
    expect(text('mem-capacity')).toContain('144 GB');
    // (144e9 − 137,953,296,384 − 950,400,000) / 1,310,720,000 = 3.89 → 3
    expect(headline('mem-fit')).toBe('3');
  });

  it('restores its inputs from the URL (int8 weights, 1 request, GiB)', () => {
    window.history.replaceState(null, '', '/?mem.model=llama-2-70b&mem.wdtype=int8&mem.B=1&mem.reading=GiB');
    render(<MemoryBreakdownCalculator />);
    // 68,976,648,192 × 1 B = 68,976,648,192 B
    expect(text('mem-weights')).toContain('69.0 GB');
    // 2 × 85,899,345,920 × 0.9 = 154,618,822,656 B
    expect(text('mem-capacity')).toContain('155 GB');
    expect(headline('mem-verdict')).toBe('fit');
  });

  it('says when the weights alone do not fit: Llama 3.1 405B on one A800', () => {
    window.history.replaceState(null, '', '/?mem.model=llama-3.1-405b&mem.G=1');
    render(<MemoryBreakdownCalculator />);
    expect(headline('mem-fit')).toBe('0');
    expect(text('mem-warning-weights-do-not-fit')).toContain('the model does not fit');
  });

  it('shows the parser’s message next to a bad config.json and keeps the last result', () => {
    render(<MemoryBreakdownCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096' } });
    expect(document.getElementById('mem-config-error')?.textContent).toMatch(/not valid JSON/);
    expect(text('mem-weights')).toContain('138 GB');
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096}' } });
    expect(document.getElementById('mem-config-error')?.textContent).toMatch(/num_hidden_layers|num_attention_heads|intermediate_size|vocab_size/);
  });

  it('a DeepSeek-V3 config with num_hidden_layers: 1e15 is refused by the core at once, by the config box', () => {
    render(<MemoryBreakdownCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    const started = performance.now();
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: JSON.stringify({ ...deepseekV3, num_hidden_layers: 1e15 }) } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(document.getElementById('mem-config-error')?.textContent).toMatch(/^config\.json: .*num_hidden_layers/);
    expect(text('mem-weights')).toContain('138 GB');
  });

  it('keeps the last valid result, marked stale, for a bad number, with the message by the field', () => {
    render(<MemoryBreakdownCalculator />);
    fireEvent.change(screen.getByLabelText('Usable fraction u'), { target: { value: '1.5' } });
    expect(document.getElementById('mem-u-error')?.textContent).toBe('Usable fraction u must be a number greater than 0 and at most 1 (a fraction of a whole)');
    fireEvent.change(screen.getByLabelText("Tokens per request S'"), { target: { value: '0' } });
    expect(document.getElementById('mem-S-error')?.textContent).toContain("Tokens per request S' must be a whole number from 1 to 1,000,000,000");
    expect(text('mem-weights')).toContain('138 GB');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
  });

  it('refuses a hostile link field by field and keeps the defaults: 1e300 GPUs, NaN, markup, 10,000 digits, an unknown GPU and model', () => {
    const query = new URLSearchParams({
      'mem.model': '<script>alert(1)</script>',
      'mem.gpu': 'a900-sxm-1tb',
      'mem.G': '1e300',
      'mem.B': 'NaN',
      'mem.S': '9'.repeat(10_000),
      'mem.u': '1e-320',
      'mem.reading': '{"GiB":true}',
    });
    window.history.replaceState(null, '', `/?${query.toString()}`);
    render(<MemoryBreakdownCalculator />);
    for (const field of ['model', 'gpu', 'reading']) expect(document.getElementById(`mem-${field}-error`)?.textContent).toContain('not one of the choices');
    expect(document.getElementById('mem-G-error')?.textContent).toContain('GPUs must be a whole number from 1 to 10,000,000');
    expect(document.getElementById('mem-B-error')?.textContent).toBe('Concurrent requests B: "NaN" is not a finite number');
    expect(document.getElementById('mem-S-error')?.textContent).toContain("Tokens per request S'");
    expect(document.getElementById('mem-u-error')?.textContent).toContain('Usable fraction u');
    // The defaults' answer, marked stale.
    expect(headline('mem-fit')).toBe('10');
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('#memory-breakdown-calculator [aria-live]')?.textContent).not.toMatch(/NaN|Infinity|e\+\d/);
  });

  it('copied Markdown names the model, GPUs and workload and links back to this calculator with its numbers', async () => {
    render(<MemoryBreakdownCalculator />);
    fireEvent.change(screen.getByLabelText('GPUs'), { target: { value: '8' } });
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('for Llama 2 70B on 8 × NVIDIA A800 SXM4 80GB, 100 requests of 4,000 tokens, fp16 weights, fp16 KV cache');
    expect(writes[0]).toContain('#memory-breakdown-calculator');
    expect(writes[0]).toContain('mem.G=8');
  });
});
