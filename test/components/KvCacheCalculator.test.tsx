// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import KvCacheCalculator from '../../src/components/islands/KvCacheCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<KvCacheCalculator>', () => {
  it("shows 327,680 B per token and 1,310,720,000 B per sequence for Llama 2 70B, S'=4000, fp16", () => {
    render(<KvCacheCalculator />);
    // 2·80·8·128·2 = 327,680 B; × 4000 = 1,310,720,000 B
    expect(screen.getByTestId('kv-per-token').textContent).toContain('328 kB');
    expect(screen.getByTestId('kv-per-token').textContent).toContain('327,680 B');
    expect(screen.getByTestId('kv-per-sequence').textContent).toContain('1.31 GB');
    expect(screen.getByTestId('kv-per-sequence').textContent).toContain('1,310,720,000 B');
    expect(screen.getByTestId('result-memory.kvCache').textContent).toContain('1.31 GB');
  });

  it('picking Llama 2 7B fills L=32, h_kv=32, d=128 and gives 524,288 B per token', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'llama-2-7b' } });
    expect((screen.getByLabelText('Layers L') as HTMLInputElement).value).toBe('32');
    expect((screen.getByLabelText('KV heads h_kv') as HTMLInputElement).value).toBe('32');
    // 2·32·32·128·2 = 524,288 B
    expect(screen.getByTestId('kv-per-token').textContent).toContain('524,288 B');
    expect(window.location.search).toContain('kv.model=llama-2-7b');
  });

  it('editing h_kv switches to by-hand input: h_kv=1 (MQA) gives 40,960 B per token', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('KV heads h_kv'), { target: { value: '1' } });
    // 2·80·1·128·2 = 40,960 B
    expect(screen.getByTestId('kv-per-token').textContent).toContain('40,960 B');
    expect((screen.getByLabelText('Model') as HTMLSelectElement).value).toBe('manual');
    expect(window.location.search).toContain('kv.hKv=1');
  });

  it('restores its inputs from the URL (fp8, 32,768 tokens)', () => {
    window.history.replaceState(null, '', '/?kv.model=manual&kv.L=32&kv.hKv=8&kv.d=128&kv.S=32768&kv.dtype=fp8');
    render(<KvCacheCalculator />);
    // 2·32·8·128·1 = 65,536 B per token; × 32,768 = 2,147,483,648 B
    expect(screen.getByTestId('kv-per-token').textContent).toContain('65,536 B');
    expect(screen.getByTestId('kv-per-sequence').textContent).toContain('2,147,483,648 B');
  });

  it('notes the MLA cache for DeepSeek V3: 70,272 B per token', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'deepseek-v3' } });
    // (512 + 64)·61·2 = 70,272 B
    expect(screen.getByTestId('kv-actual').textContent).toContain('70.3 kB per token');
  });

  it('shows a bad config paste next to the box and a bad number next to its field, never NaN', () => {
    render(<KvCacheCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096' } });
    expect(document.getElementById('kv-config-error')?.textContent).toMatch(/not valid JSON/);
    fireEvent.change(screen.getByLabelText('Head dim d'), { target: { value: '-4' } });
    expect(document.getElementById('kv-d-error')?.textContent).toContain('whole number of at least 1');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
