// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import KvCacheCalculator from '../../src/components/islands/KvCacheCalculator';
import deepseekV3 from '../../src/data/models/deepseek-v3.json';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';

/** Copies the first derivation as Markdown and returns what reached the clipboard. */
async function copyMarkdown(): Promise<string> {
  const writes: string[] = [];
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
  fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
  await Promise.resolve();
  return writes[0] ?? '';
}

describe('<KvCacheCalculator>', () => {
  it("shows 327,680 B per token and 1,310,720,000 B per sequence for Llama 2 70B, S'=4000, fp16", () => {
    render(<KvCacheCalculator />);
    // 2·80·8·128·2 = 327,680 B; × 4000 = 1,310,720,000 B
    expect(text('kv-per-token')).toContain('328 kB');
    expect(text('kv-per-token')).toContain('327,680 B');
    expect(text('kv-per-sequence')).toContain('1.31 GB');
    expect(text('kv-per-sequence')).toContain('1,310,720,000 B');
    // 1,310,720,000 / 2³⁰ = 1.2207 GiB
    expect(text('kv-per-sequence')).toContain('1.22 GiB');
    expect(text('result-memory.kvCache')).toContain('1.31 GB');
    expect(screen.queryByTestId('kv-actual')).toBeNull();
  });

  it('picking Llama 2 7B fills L=32, h_kv=32, d=128 and gives 524,288 B per token', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'llama-2-7b' } });
    expect((screen.getByLabelText('Layers L') as HTMLInputElement).value).toBe('32');
    expect((screen.getByLabelText('KV heads h_kv') as HTMLInputElement).value).toBe('32');
    // 2·32·32·128·2 = 524,288 B
    expect(text('kv-per-token')).toContain('524,288 B');
    expect(window.location.search).toContain('kv.model=llama-2-7b');
  });

  it('editing h_kv switches to by-hand input: h_kv=1 (MQA) gives 40,960 B per token', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('KV heads h_kv'), { target: { value: '1' } });
    // 2·80·1·128·2 = 40,960 B
    expect(text('kv-per-token')).toContain('40,960 B');
    expect((screen.getByLabelText('Model') as HTMLSelectElement).value).toBe('manual');
    expect(window.location.search).toContain('kv.hKv=1');
    expect(window.location.search).toContain('kv.model=manual');
  });

  it('restores its inputs from the URL (fp8, 32,768 tokens)', () => {
    window.history.replaceState(null, '', '/?kv.model=manual&kv.L=32&kv.hKv=8&kv.d=128&kv.S=32768&kv.dtype=fp8');
    render(<KvCacheCalculator />);
    // 2·32·8·128·1 = 65,536 B per token; × 32,768 = 2,147,483,648 B
    expect(text('kv-per-token')).toContain('65,536 B');
    expect(text('kv-per-sequence')).toContain('2,147,483,648 B');
  });

  it('shows what DeepSeek V3 really caches: (512 + 64)·61·2 = 70,272 B per token, 281,088,000 B at 4,000 tokens, with the MLA derivation', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'deepseek-v3' } });
    // 70,272 · 4000 = 281,088,000 B
    expect(text('kv-model-sequence')).toContain('281 MB');
    expect(text('kv-model-sequence')).toContain('281,088,000 B');
    // 512 + 64 = 576 numbers per layer and token
    expect(text('kv-actual')).toContain('576 numbers per layer and token');
    expect(text('result-memory.mlaKvCache')).toContain('281 MB');
  });

  it("shows Mistral 7B's sliding window: 2·32·4096·8·128·2 = 536,870,912 B at S' = 32,768 instead of 4,294,967,296 B", () => {
    window.history.replaceState(null, '', '/?kv.model=mistral-7b&kv.L=32&kv.hKv=8&kv.d=128&kv.S=32768&kv.dtype=fp16');
    render(<KvCacheCalculator />);
    // plain formula: 2·32·32,768·8·128·2 = 4,294,967,296 B
    expect(text('kv-per-sequence')).toContain('4,294,967,296 B');
    expect(text('kv-model-sequence')).toContain('536,870,912 B');
    expect(text('kv-actual')).toContain('sliding window of 4,096 tokens');
    expect(document.querySelector('[data-formula="memory.slidingWindowKvCache"]')).toBeTruthy();
  });

  it('shows a bad config paste next to the box and a bad number next to its field, never NaN', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096' } });
    expect(document.getElementById('kv-config-error')?.textContent).toMatch(/not valid JSON/);
    fireEvent.change(screen.getByLabelText('Head dim d'), { target: { value: '-4' } });
    expect(document.getElementById('kv-d-error')?.textContent).toBe(
      'Head dim d must be a whole number from 1 to 10,000,000 (the widest published FFNs are under 100,000)',
    );
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a config with num_hidden_layers: 1e15 is refused by the core, and the message lands by the config box', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    const hostile = { ...deepseekV3, num_hidden_layers: 1e15 };
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: JSON.stringify(hostile) } });
    expect(document.getElementById('kv-config-error')?.textContent).toMatch(/^config\.json: .*num_hidden_layers/);
    // The shape fields keep the last preset's (by-hand) values and the last result stays: 327,680 B per token.
    expect((screen.getByLabelText('Layers L') as HTMLInputElement).value).toBe('80');
    expect(text('kv-per-token')).toContain('327,680 B');
  });

  it('refuses a hostile link field by field and keeps the defaults: 1e300, NaN, markup, 10,000 digits, an unknown model, a JSON fragment', () => {
    const query = new URLSearchParams({
      'kv.model': 'deepseek-v9',
      'kv.L': '1e300',
      'kv.hKv': 'NaN',
      'kv.d': '<img src=x onerror=alert(1)>',
      'kv.S': '9'.repeat(10_000),
      'kv.dtype': '{"fp8":1}',
    });
    window.history.replaceState(null, '', `/?${query.toString()}`);
    render(<KvCacheCalculator />);
    expect(document.getElementById('kv-model-error')?.textContent).toContain('not one of the choices');
    expect(document.getElementById('kv-L-error')?.textContent).toContain('Layers L must be a whole number from 1 to 10,000');
    expect(document.getElementById('kv-hKv-error')?.textContent).toContain('KV heads h_kv');
    expect(document.getElementById('kv-d-error')?.textContent).toContain('Head dim d');
    expect(document.getElementById('kv-S-error')?.textContent).toContain("Cached tokens S'");
    expect(document.getElementById('kv-dtype-error')?.textContent).toContain('not one of the choices');
    // The defaults' result, marked stale: 327,680 B per token.
    expect(text('kv-per-token')).toContain('327,680 B');
    expect(document.querySelector('img')).toBeNull();
    // The messages quote what was typed ("NaN" is not a finite number); the results never hold it.
    expect(document.getElementById('kv-hKv-error')?.textContent).toBe('KV heads h_kv: "NaN" is not a finite number');
    expect(document.querySelector('#kv-cache-calculator [aria-live]')?.textContent).not.toMatch(/NaN|Infinity|e\+\d/);
  });

  it("copied Markdown names the model and S' and links back to this calculator with its numbers (Qwen2.5 7B: 57,344 B per token)", async () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'qwen2.5-7b' } });
    fireEvent.change(screen.getByLabelText("Cached tokens S'"), { target: { value: '32768' } });
    // 2·28·4·128·2 = 57,344 B per token
    expect(text('kv-per-token')).toContain('57,344 B');
    const md = await copyMarkdown();
    // 57,344 · 32,768 = 1,879,048,192 B
    expect(md).toContain('1,879,048,192 B');
    expect(md).toContain(String.raw`for Qwen2.5 7B \(L = 28, h\_kv = 4, d = 128\), S' = 32,768 tokens, fp16 cache`);
    expect(md).toContain('#kv-cache-calculator');
    expect(md).toContain('kv.model=qwen2.5-7b');
    expect(md).toContain('kv.S=32768');
  });
});
