// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import InferenceLatencyCalculator from '../../src/components/islands/InferenceLatencyCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

// Llama 2 70B: N = 68,976,648,192, L = 80, H = h·d = 8192, fp16 weights 137,953,296,384 B, KV 327,680 B per token.
// A800: 312 TFLOP/s, 2.039 TB/s, NVLink 200 GB/s per direction. Defaults: G = 8, B = 16, S = 4000, O = 256,
// every key counted, η_c = η_m = link = 0.8.
describe('<InferenceLatencyCalculator>', () => {
  it('shows TTFT 6.59 s and TPOT 12.7 ms for 16 × 4,000-token prompts of Llama 2 70B on 8 A800s', () => {
    render(<InferenceLatencyCalculator />);
    // F = 64,000 · (2N + 4·80·8192·4000) = 9.5001e15; / (8 · 312e12 · 0.8) = 4.7577 s
    // + all-reduces 2·80 · (2·7/8) · 64,000·8192·2 B / 160e9 B/s = 1.8350 s → 6.5927 s
    expect(screen.getByTestId('lat-ttft').textContent).toContain('6.59 s');
    // mean over 255 decode steps of (weights + 16·S'·327,680 B) / (8 · 2.039e12 · 0.8) + 0.459 ms = 12.69 ms
    expect(screen.getByTestId('lat-tpot').textContent).toContain('12.7 ms');
    // 16 / 0.0126887 s = 1,261 tokens/s
    expect(screen.getByTestId('lat-throughput').textContent).toContain('1.26 ktokens/s');
    expect(screen.getByTestId('lat-prefill-bound').textContent).toContain('compute-bound');
    expect(screen.getByTestId('lat-decode-bound').textContent).toContain('memory-bound');
    // at S' = 4,256 each sequence's KV (1.39 GB) outweighs f·W/P: no batch is compute-bound
    expect(screen.getByTestId('lat-crossover').textContent).toContain('never at this context');
    // (8 · 80e9 · 0.9 − 137,953,296,384) / (4256 · 327,680) = 314.1 → 314
    expect(screen.getByTestId('lat-fit').textContent).toContain('314');
    expect(screen.getByTestId('lat-sweep').querySelectorAll('tbody tr').length).toBe(10);
  });

  it('recomputes for one request (TTFT 412 ms) and writes the URL', () => {
    render(<InferenceLatencyCalculator />);
    fireEvent.change(screen.getByLabelText('Requests in the batch B'), { target: { value: '1' } });
    // 4000 · 148,439,056,384 / 1.9968e15 = 0.29736 s + 2·80·1.75·(4000·8192·2)/160e9 = 0.11469 s → 0.41204 s
    expect(screen.getByTestId('lat-ttft').textContent).toContain('412 ms');
    expect(window.location.search).toContain('lat.batch=1');
  });

  it('restores its inputs from the URL: 1 GPU, 1 request of 500 tokens, ideal kernels → compute-bound from B ≈ 185', () => {
    window.history.replaceState(null, '', '/?lat.gpus=1&lat.batch=1&lat.input=400&lat.output=100&lat.ec=1&lat.em=1&lat.model=llama-2-70b');
    render(<InferenceLatencyCalculator />);
    // S' = 500: B* = 137,953,296,384 / (139,264,016,384 · 2.039e12/312e12 − 163,840,000) = 184.85
    expect(screen.getByTestId('lat-crossover').textContent).toContain('185');
    // One GPU cannot hold 138 GB of weights in 80 GB
    expect(screen.getByTestId('lat-fit-note')).toBeTruthy();
  });

  it('shows bad input by its field, a bad config paste by the box, a GPU without NVLink by the GPU, never NaN', () => {
    render(<InferenceLatencyCalculator />);
    fireEvent.change(screen.getByLabelText('Output tokens O'), { target: { value: '0' } });
    expect(document.getElementById('lat-output-error')?.textContent).toContain('whole number of at least 1');
    expect(screen.getByTestId('lat-ttft').textContent).toContain('6.59 s');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Output tokens O'), { target: { value: '256' } });
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'l40s' } });
    expect(document.getElementById('lat-gpu-error')?.textContent).toMatch(/interconnect/);
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'a800-sxm-80gb' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096}' } });
    expect(document.getElementById('lat-config-error')?.textContent).toMatch(/config\.json/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
