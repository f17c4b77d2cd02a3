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
// causal attention, the calibrated model (η_c 0.8, η_m 0.9, link 0.8, α 10 µs); the numbers are the scenario's,
// checked by hand in test/cases/cases.test.ts and test/core/scenario.test.ts.
describe('<InferenceLatencyCalculator>', () => {
  it('shows TTFT 6.53 s and TPOT 18.9 ms for 16 × 4,000-token prompts of Llama 2 70B on 8 A800s', () => {
    render(<InferenceLatencyCalculator />);
    // compute 4.556 + elementwise 0.130 + all-reduces 1.837 + fixed 0.006 = 6.528 s (test/cases: llama2-70b-ttft)
    expect(screen.getByTestId('lat-ttft').textContent).toContain('6.53 s');
    expect(screen.getByTestId('lat-tpot').textContent).toContain('18.9 ms');
    // 16 / 0.018911 s = 846 tokens/s
    expect(screen.getByTestId('lat-throughput').textContent).toContain('846 tokens/s');
    expect(screen.getByTestId('lat-prefill-bound').textContent).toContain('compute-bound');
    expect(screen.getByTestId('lat-decode-bound').textContent).toContain('memory-bound');
    // B* = Q_w·P·0.8 / (f·W·0.9), f = 2·(N − V·H − norms) = 137,426,370,560: 153.6·0.889 = 136.5
    expect(screen.getByTestId('lat-crossover').textContent).toContain('137');
    // (8·84,987,084,800·0.9 − 137,953,296,384 − 1,736,832,000) / (4256·327,680) = 338.6
    expect(screen.getByTestId('lat-fit').textContent).toContain('338');
    expect(screen.getByTestId('lat-sweep').querySelectorAll('tbody tr').length).toBe(10);
  });

  it('recomputes for one request (TTFT 415 ms) and writes the URL', () => {
    render(<InferenceLatencyCalculator />);
    fireEvent.change(screen.getByLabelText('Requests in the batch B'), { target: { value: '1' } });
    // compute 0.28475 + elementwise 0.00812 + all-reduces 2·80·(10 µs + 1.75·4000·8192·2/160e9) = 0.11629 + fixed 0.00592
    expect(screen.getByTestId('lat-ttft').textContent).toContain('415 ms');
    expect(window.location.search).toContain('lat.batch=1');
  });

  it('restores its inputs from the URL: 1 GPU, 1 request of 500 tokens, ideal kernels → matmuls compute-bound from B ≈ 154', () => {
    window.history.replaceState(null, '', '/?lat.gpus=1&lat.batch=1&lat.input=400&lat.output=100&lat.ec=1&lat.em=1&lat.model=llama-2-70b');
    render(<InferenceLatencyCalculator />);
    // B* = 137,953,296,384·312e12 / (137,426,370,560·2.039e12) = 153.6
    expect(screen.getByTestId('lat-crossover').textContent).toContain('154');
    // One GPU cannot hold 138 GB of weights in 85 GB
    expect(screen.getByTestId('lat-fit-note').textContent).toMatch(/does not fit/);
  });

  it('shows bad input by its field, a bad config paste by the box, a GPU without NVLink as a PCIe warning, never NaN', () => {
    render(<InferenceLatencyCalculator />);
    fireEvent.change(screen.getByLabelText('Output tokens O'), { target: { value: '0' } });
    expect(document.getElementById('lat-output-error')?.textContent).toMatch(/whole number/);
    expect(screen.getByTestId('lat-ttft').textContent).toContain('6.53 s');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Output tokens O'), { target: { value: '256' } });
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'l40s' } });
    expect(screen.getByTestId('lat-fit-note').textContent).toMatch(/PCIe/);
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'a800-sxm-80gb' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096}' } });
    expect(document.getElementById('lat-config-error')?.textContent).toMatch(/config\.json/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
