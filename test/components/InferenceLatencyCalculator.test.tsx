// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import InferenceLatencyCalculator from '../../src/components/islands/InferenceLatencyCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const errorOf = (field: string) => document.getElementById(`lat-${field}-error`)?.textContent ?? null;

// Llama 2 70B: N = 68,976,648,192, L = 80, H = h·d = 8192, 16-bit weights 137,953,296,384 B, KV 327,680 B per token.
// A800: 312 TFLOP/s, 2.039 TB/s, NVLink 200 GB/s per direction. Defaults: G = 8, B = 16, S = 4000, O = 256, bf16,
// causal attention, the calibrated model (η_c 0.8, η_m 0.9, η_kv 0.9, link 0.8, α 10 µs, t_step 3.2 ms, t_layer 34 µs):
// the scenario engine's answer, checked by hand in test/cases/cases.test.ts and test/core/scenario.test.ts.
describe('<InferenceLatencyCalculator>', () => {
  it('shows TTFT 6.53 s and TPOT 18.9 ms for 16 × 4,000-token prompts of Llama 2 70B on 8 A800s', () => {
    render(<InferenceLatencyCalculator />);
    // compute 4.556 + elementwise 0.130 + all-reduces 1.837 + fixed 0.0032 + 80·34 µs = 6.528 s (test/cases: llama2-70b-ttft)
    expect(text('lat-ttft')).toContain('6.53 s');
    expect(text('lat-tpot')).toContain('18.9 ms');
    // 16 / 0.018911 s = 846 tokens/s
    expect(text('lat-throughput')).toContain('846 tokens/s');
    expect(text('lat-prefill-bound')).toContain('compute-bound');
    expect(text('lat-decode-bound')).toContain('memory-bound');
    // B* = Q_w·P·0.8 / (f·W·0.9), f = 2·(N − V·H − norms) = 137,426,370,560: 153.6·0.889 = 136.5
    expect(text('lat-crossover')).toContain('137');
    // (8·84,987,084,800·0.9 − 137,953,296,384 − 1,736,832,000) / (4256·327,680) = 338.6
    expect(text('lat-fit')).toContain('338');
    expect(screen.getByTestId('lat-sweep').querySelectorAll('tbody tr').length).toBe(10);
    expect(document.querySelectorAll('#inference-latency-calculator svg.chart').length).toBe(2);
    // Both charts titled (the sweep's title says how far it goes), the table too; the sweep says where it stops fitting: past 338 requests.
    const titles = [...document.querySelectorAll('#inference-latency-calculator svg.chart')].map((svg) => svg.getAttribute('aria-label')?.split('. ')[0]);
    expect(titles).toEqual(['Roofline: attainable FLOP/s per GPU', 'Decode throughput by batch size, B = 1 to 512']);
    expect(document.getElementById('lat-sweep-title')?.textContent).toBe('Batch sweep');
    expect(document.body.textContent).toContain('Past 338 requests the KV caches no longer fit beside the weights');
  });

  it('recomputes for one request (TTFT 415 ms) and writes the URL', () => {
    render(<InferenceLatencyCalculator />);
    fireEvent.change(screen.getByLabelText('Requests in the batch B'), { target: { value: '1' } });
    // compute 0.28475 + elementwise 0.00812 + all-reduces 2·80·(10 µs + 1.75·4000·8192·2/160e9) = 0.11629 + fixed 0.00592
    expect(text('lat-ttft')).toContain('415 ms');
    expect(window.location.search).toContain('lat.batch=1');
  });

  it('restores its inputs from the URL: 1 GPU, 1 request of 500 tokens, ideal kernels → matmuls compute-bound from B ≈ 154', () => {
    window.history.replaceState(null, '', '/?lat.gpus=1&lat.batch=1&lat.input=400&lat.output=100&lat.ec=1&lat.em=1&lat.model=llama-2-70b');
    render(<InferenceLatencyCalculator />);
    // B* = 137,953,296,384·312e12 / (137,426,370,560·2.039e12) = 153.6
    expect(text('lat-crossover')).toContain('154');
    // One GPU cannot hold 138 GB of weights in 85 GB: the warning, and the TTFT marked hypothetical
    expect(screen.getByTestId('lat-warning-weights-do-not-fit').textContent).toMatch(/does not fit/);
    expect(text('lat-ttft')).toContain('hypothetical');
  });

  it('the new calibration fields reach the scenario: no fixed costs takes 3.2 ms + 80 · 34 µs = 5.92 ms off the 6.528 s TTFT', () => {
    window.history.replaceState(null, '', '/?lat.tstep=0&lat.tlayer=0&lat.ekv=0.9');
    render(<InferenceLatencyCalculator />);
    // 6.528 − 0.00592 = 6.522 s
    expect(text('lat-ttft')).toContain('6.52 s');
    expect((screen.getByLabelText('Overhead per step t_step (s)') as HTMLInputElement).value).toBe('0');
  });

  it('a GPU without NVLink fills α with PCIe’s 25 µs and warns that the all-reduces cross PCIe', () => {
    render(<InferenceLatencyCalculator />);
    expect((screen.getByLabelText('All-reduce latency α (s)') as HTMLInputElement).value).toBe('0.00001');
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'l40s' } });
    expect((screen.getByLabelText('All-reduce latency α (s)') as HTMLInputElement).value).toBe('0.000025');
    expect(screen.getByTestId('lat-warning-tensor-parallel-over-pcie').textContent).toMatch(/PCIe/);
    expect(window.location.search).toContain('lat.alpha=0.000025');
  });

  it('shows bad input by its field and keeps the last valid result, marked stale, never NaN', () => {
    render(<InferenceLatencyCalculator />);
    fireEvent.change(screen.getByLabelText('Output tokens O'), { target: { value: '0' } });
    expect(errorOf('output')).toBe(
      'Output tokens O must be a whole number from 1 to 1,000,000,000 (a hundred times the longest context windows (about 10 million tokens))',
    );
    expect(text('lat-ttft')).toContain('6.53 s');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('puts a limit the scenario finds by the field that sets it: S + O past a billion tokens lands by O', () => {
    render(<InferenceLatencyCalculator />);
    fireEvent.change(screen.getByLabelText('Prompt tokens S'), { target: { value: '1e9' } });
    // S = 1e9 is in its bound; S + O = 1,000,000,256 is not
    expect(errorOf('output')).toBe(
      'Input + output tokens must be a whole number from 1 to 1,000,000,000 (a hundred times the longest context windows (about 10 million tokens))',
    );
    expect(errorOf('input')).toBeNull();
    expect(document.querySelector('#inference-latency-calculator > p.error')).toBeNull();
    expect(text('lat-ttft')).toContain('6.53 s');
  });

  it('shows a bad config paste by the box', () => {
    render(<InferenceLatencyCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096}' } });
    expect(errorOf('config')).toMatch(/^config\.json: /);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('refuses hostile URL values by their fields and shows the defaults: 1e300 GPUs, NaN, markup, an efficiency of 2, a negative α', () => {
    window.history.replaceState(
      null,
      '',
      `/?lat.gpus=1e300&lat.batch=NaN&lat.gpu=%3Cscript%3Ealert(1)%3C%2Fscript%3E&lat.ec=2&lat.alpha=-1&lat.tstep=1e10&lat.input=${'4'.repeat(10_000)}`,
    );
    render(<InferenceLatencyCalculator />);
    expect(errorOf('gpus')).toBe(
      'GPUs G (tensor parallel) must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)',
    );
    expect(errorOf('batch')).toBe('Requests in the batch B: "NaN" is not a finite number');
    expect(errorOf('gpu')).toBe('GPU: "<script>alert(1)</script>" is not one of the choices');
    expect(errorOf('ec')).toMatch(/^Compute efficiency η_c must be a number from 0\.001 to 1 /);
    expect(errorOf('alpha')).toMatch(/^All-reduce latency α \(s\) must be a number from 0 to /);
    expect(errorOf('tstep')).toMatch(/^Overhead per step t_step \(s\) must be a number from 0 to 1,000,000,000 /);
    expect(errorOf('input')).toMatch(/\(10,000 characters\)/);
    expect(text('lat-ttft')).toContain('6.53 s');
    expect(document.querySelector('#inference-latency-calculator script')).toBeNull();
    expect(document.querySelector('#inference-latency-calculator [aria-live]')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('names the setup in copied Markdown and links back to this calculator with its numbers', async () => {
    window.history.replaceState(null, '', '/mfu-and-latency/?lat.batch=4');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<InferenceLatencyCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('for Llama 2 70B on 8 × NVIDIA A800 SXM4 80GB, 4 requests of 4,000 + 256 tokens, bf16 weights, causal attention');
    expect(writes[0]).toContain('#inference-latency-calculator');
    expect(writes[0]).toContain('lat.batch=4');
  });
});
