// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import PlaygroundCalculator from '../../src/components/islands/PlaygroundCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';

describe('<PlaygroundCalculator>', () => {
  it('counts Llama 2 7B at 6,738,415,616 parameters, 164,892,672 more than 12·L·H² + V·H', () => {
    render(<PlaygroundCalculator />);
    expect(text('pg-params')).toContain('6,738,415,616');
    // 12·32·4096² + 32000·4096 = 6,442,450,944 + 131,072,000 = 6,573,522,944; 6,738,415,616 − that = 164,892,672 (2.45%)
    expect(text('pg-approx')).toContain('6,573,522,944');
    expect(text('pg-approx')).toContain('undercounts by 164,892,672 (-2.45%)');
    expect(text('pg-active')).toContain('6,738,415,616');
    // 2N = 13,476,831,232 FLOPs; 6N = 40,430,493,696 FLOPs
    expect(text('pg-flops-2n')).toContain('13.5 GFLOPs');
    expect(text('pg-flops-6n')).toContain('40.4 GFLOPs');
    expect(screen.getByTestId('result-params.approx').textContent).toContain('6,573,522,944');
  });

  it("holds 13.5 GB of bf16 weights and 2.10 GB of KV cache per 4,000-token request; 285 requests fit on 8 × A800", () => {
    render(<PlaygroundCalculator />);
    // 6,738,415,616 × 2 B = 13,476,831,232 B
    expect(text('pg-weights')).toContain('13,476,831,232 B');
    // 2·L·S'·h_kv·d·s = 2·32·(3000 + 1000)·32·128·2 = 2,097,152,000 B; × 16 requests = 33,554,432,000 B
    expect(text('pg-kv-request')).toContain('2,097,152,000 B');
    expect(text('pg-kv-total')).toContain('33,554,432,000 B');
    // 8 × 84,987,084,800 (the CUDA runtime's figure for an A800) × 0.9 = 611,907,010,560 B usable
    expect(text('pg-capacity')).toContain('612 GB');
    // activations of one 3,000-token prefill under 8-way TP: 8·2·3000·4096·2 + 3000·(3·11008)·2 + 4·32000 = 591,488,000 B
    // (611,907,010,560 − 13,476,831,232 − 591,488,000) / 2,097,152,000 = 285.07 → 285
    expect(text('pg-concurrency')).toMatch(/^285/);
    expect(text('pg-mem-verdict')).toBe('fit');
    expect(document.querySelectorAll('svg.chart').length).toBe(2);
  });

  it('estimates a 629 ms first token for 16 prompts of 3,000 tokens on 8 × A800 (tensor parallel)', () => {
    render(<PlaygroundCalculator />);
    // matmuls: 48,000·2·6,476,005,376 + LM head 2·16·4096·32000 = 621,700,710,400,000 FLOPs / (8·312e12·0.8) = 0.311349 s
    // attention (causal): 4·16·32·128·(3000·3001/2)·32 = 37,761,318,912,000 / 1.9968e15 = 0.018911 s
    // elementwise 0.018910 s; all-reduces 2·32·(10 µs + 1.75·48,000·4096·2/160e9) = 0.275891 s; fixed 3.2 ms + 32·34 µs
    expect(text('pg-ttft')).toContain('629 ms');
    expect(text('pg-ttft')).toContain('compute-bound');
    expect(text('pg-tpot')).toContain('memory-bound');
  });

  it('trains Llama 2 7B on 2T tokens in 180k GPU-hours at 40% MFU of 312 TFLOP/s; the DP=8, ZeRO-1 plan needs 57.2 GB per GPU', () => {
    render(<PlaygroundCalculator />);
    // 6 · 6,738,415,616 · 2e12 = 8.0861e22 FLOPs; / (312e12 · 0.4 · 3600) = 179,980 GPU-h; / 8 GPUs / 24 = 937 days
    expect(text('pg-train-flops')).toContain('80.9 ZFLOPs');
    expect(text('pg-gpu-hours')).toContain('180k GPU-h');
    expect(text('pg-train-time')).toContain('937 days');
    // ZeRO-1 over 8: (2 + 2)·N + 12·N/8 = 37,061,285,888 B; activations per layer (s = 4096, flash, SwiGLU)
    // 2·4096·(8·4096 + 4·11008) + 4·32·4096 = 629,669,888 B × 32 layers = 20,149,436,416 B; total 57,210,722,304 B
    expect(text('pg-plan-memory')).toContain('57.2 GB');
    expect(text('pg-plan-fits')).toMatch(/^fits/);
    // gradient ring all-reduce: 2·7/8 · N · 2 B = 23,584,454,656 B
    expect(text('pg-plan-dp-comm')).toContain('23.6 GB');
  });

  it('recomputes when the GPU count changes, flags the plan that no longer fills the cluster, and writes the URL', () => {
    render(<PlaygroundCalculator />);
    fireEvent.change(screen.getByLabelText('GPUs G'), { target: { value: '16' } });
    // 16 × 84,987,084,800 × 0.9 = 1.2238e12
    expect(text('pg-capacity')).toContain('1.22 TB');
    expect(document.getElementById('pg-dp-error')?.textContent).toContain('with TP·PP·CP = 1, DP must be 16');
    expect(window.location.search).toContain('pg.G=16');
    fireEvent.change(screen.getByLabelText('Data parallel DP'), { target: { value: '16' } });
    expect(document.getElementById('pg-dp-error')).toBeNull();
    // 6N·D / (16 · 312e12 · 0.4) = 468.7 days
    expect(text('pg-train-time')).toContain('469 days');
  });

  it('restores its inputs from the URL (Llama 2 70B, 2 GPUs, int8 weights)', () => {
    window.history.replaceState(null, '', '/?pg.model=llama-2-70b&pg.wdtype=int8&pg.G=2&pg.dp=2');
    render(<PlaygroundCalculator />);
    expect((screen.getByLabelText('GPUs G') as HTMLInputElement).value).toBe('2');
    expect(text('pg-params')).toContain('68,976,648,192');
    // 68,976,648,192 × 1 B
    expect(text('pg-weights')).toContain('68,976,648,192 B');
    // 2 × 84,987,084,800 × 0.9
    expect(text('pg-capacity')).toContain('153 GB');
  });

  it('shows a tensor-parallel degree that does not divide the heads next to TP, and keeps the other results live', () => {
    render(<PlaygroundCalculator />);
    fireEvent.change(screen.getByLabelText('Tensor parallel TP'), { target: { value: '3' } });
    expect(document.getElementById('pg-tp-error')?.textContent).toContain('TP = 3 must divide the 32 attention heads');
    expect(screen.queryByTestId('pg-plan-memory')).toBeNull();
    expect(text('pg-params')).toContain('6,738,415,616');
    expect(screen.queryByText(/Showing the last valid result/)).toBeNull();
  });

  it('keeps the last valid result, marked stale, for a bad number, with the message by the field', () => {
    render(<PlaygroundCalculator />);
    fireEvent.change(screen.getByLabelText('Input tokens S'), { target: { value: '0' } });
    expect(document.getElementById('pg-Sin-error')?.textContent).toContain('whole number of at least 1');
    fireEvent.change(screen.getByLabelText('MFU'), { target: { value: '1.5' } });
    expect(document.getElementById('pg-mfu-error')?.textContent).toContain('fraction greater than 0 and at most 1');
    fireEvent.change(screen.getByLabelText('Training tokens D'), { target: { value: 'lots' } });
    expect(document.getElementById('pg-D-error')?.textContent).toContain('is not a number');
    expect(text('pg-kv-request')).toContain('2,097,152,000 B');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('shows the parser’s message next to a bad config.json and keeps the last result', () => {
    render(<PlaygroundCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096' } });
    expect(document.getElementById('pg-config-error')?.textContent).toMatch(/not valid JSON/);
    expect(text('pg-params')).toContain('6,738,415,616');
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096}' } });
    expect(document.getElementById('pg-config-error')?.textContent).toMatch(/num_hidden_layers|num_attention_heads|intermediate_size|vocab_size/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
