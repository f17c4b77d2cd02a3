// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import MfuCalculator from '../../src/components/islands/MfuCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

// Llama 3 70B: N = 70,553,706,496 (the checkpoint's exact count); H100 SXM dense bf16 peak 989.4 TFLOP/s.
describe('<MfuCalculator>', () => {
  it('shows 27.9% MFU for Llama 3 70B, 15T tokens in 6.4M H100-hours (6N convention)', () => {
    render(<MfuCalculator />);
    // 6N = 423,322,238,976 FLOPs; × 15e12 = 6.3498e24; ÷ (6.4e6 · 3600 · 989.4e12 = 2.27958e25) = 0.27855
    expect(screen.getByTestId('mfu-flops-token').textContent).toContain('423 GFLOPs');
    expect(screen.getByTestId('mfu-result').textContent).toContain('27.9%');
  });

  it('recomputes for half the GPU-hours (55.7%), the causal convention (30.0%), and writes the URL', () => {
    render(<MfuCalculator />);
    fireEvent.change(screen.getByLabelText('GPU-hours G'), { target: { value: '3.2e6' } });
    // 0.27855 × 2 = 0.55711
    expect(screen.getByTestId('mfu-result').textContent).toContain('55.7%');
    expect(window.location.search).toContain('mfu.gpuHours=3.2e6');
    fireEvent.change(screen.getByLabelText('GPU-hours G'), { target: { value: '6.4M' } });
    fireEvent.change(screen.getByLabelText('Attention FLOPs counted'), { target: { value: 'causal' } });
    // + 12 · 0.5 · 80 · 64 · 128 · 8192 = 32,212,254,720 → 455,534,493,696 FLOPs per token → 0.29975
    expect(screen.getByTestId('mfu-result').textContent).toContain('30.0%');
  });

  it('from a log: 800,000 tokens/s on 1,024 H100s is 33.4% MFU and, with full recomputation, 44.6% HFU', () => {
    render(<MfuCalculator />);
    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'throughput' } });
    // 423,322,238,976 · 8e5 / (1024 · 989.4e12) = 0.33426
    expect(screen.getByTestId('mfu-result').textContent).toContain('33.4%');
    fireEvent.change(screen.getByLabelText('Recomputation (for HFU)'), { target: { value: 'full' } });
    // (6N + 2N) = 564,429,651,968 · 8e5 / 1.013146e18 = 0.44568
    expect(screen.getByTestId('mfu-hfu').textContent).toContain('44.6%');
  });

  it('restores the plan direction from the URL: 40% MFU on 1,024 GPUs is 4.46M GPU-h, 181 days', () => {
    window.history.replaceState(null, '', '/?mfu.mode=plan&mfu.mfu=0.4&mfu.gpus=1024&mfu.tokens=15e12&mfu.model=llama-3-70b');
    render(<MfuCalculator />);
    // 6.34983e24 / (989.4e12 · 0.4 · 3600) = 4,456,849 GPU-h; / 1024 / 24 = 181.35 days
    expect(screen.getByTestId('mfu-gpu-hours').textContent).toContain('4.46M GPU-h');
    expect(screen.getByTestId('mfu-time').textContent).toContain('181 days');
  });

  it('shows bad input next to its field, a bad config paste next to the box, and never NaN', () => {
    render(<MfuCalculator />);
    fireEvent.change(screen.getByLabelText('GPU-hours G'), { target: { value: '-1' } });
    expect(document.getElementById('mfu-gpuHours-error')?.textContent).toBe(
      'GPU-hours G must be a number from 0.000001 to 1,000,000,000,000 (thousands of times the largest runs (about 40M GPU-hours))',
    );
    expect(screen.getByTestId('mfu-result').textContent).toContain('27.9%');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('GPU-hours G'), { target: { value: '6.4e6' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096' } });
    expect(document.getElementById('mfu-config-error')?.textContent).toMatch(/not valid JSON/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a pasted config with hidden_size 1e300 is refused by the config box (the core bounds the width), the last result stays', () => {
    render(<MfuCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    const config = { model_type: 'llama', hidden_size: 1e300, num_hidden_layers: 32, num_attention_heads: 32, intermediate_size: 11008, vocab_size: 32000 };
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: JSON.stringify(config) } });
    expect(document.getElementById('mfu-config-error')?.textContent).toMatch(/^config\.json: hidden_size must be a whole number from 1 to 10,000,000/);
    expect(screen.getByTestId('mfu-result').textContent).toContain('27.9%');
    expect(document.querySelector('.results')?.textContent).not.toMatch(/NaN|Infinity|e\+\d/);
  });

  it('flags an MFU above 100%: 15T tokens in 1M H100-hours would be 178%, naming the inputs to check', () => {
    render(<MfuCalculator />);
    fireEvent.change(screen.getByLabelText('GPU-hours G'), { target: { value: '1M' } });
    // 423,322,238,976 · 15e12 / (1e6 · 3600 · 989.4e12) = 6.34983e24 / 3.56184e24 = 1.7827
    expect(screen.getByTestId('mfu-result').textContent).toBe('178%');
    const warning = screen.getByTestId('mfu-warning-mfu-above-peak').textContent ?? '';
    expect(warning).toMatch(/^An MFU of 178% is impossible/);
    expect(warning).toContain('the GPU-hours and the token count');
  });

  it('shows no layout warning for a run it knows no layout of: 1,024 GPUs of a 70B model from a log', () => {
    render(<MfuCalculator />);
    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'throughput' } });
    expect(screen.getByTestId('mfu-result').textContent).toContain('33.4%');
    expect(screen.queryByTestId('mfu-warning-training-memory-does-not-fit')).toBeNull();
  });

  it('refuses hostile values from the URL by their fields, even one the chosen direction hides, and keeps the defaults', () => {
    const long = 'x'.repeat(10_000);
    window.history.replaceState(null, '', `/?mfu.gpuHours=1e300&mfu.seq=NaN&mfu.model=nope&mfu.throughput=${long}&mfu.attention=%3Cb%3E`);
    render(<MfuCalculator />);
    expect(document.getElementById('mfu-gpuHours-error')?.textContent).toMatch(/^GPU-hours G must be a number from 0\.000001 to 1,000,000,000,000/);
    expect(document.getElementById('mfu-seq-error')?.textContent).toBe('Sequence length S: "NaN" is not a finite number');
    expect(document.getElementById('mfu-model-error')?.textContent).toBe('Model: "nope" is not one of the choices');
    // the throughput field belongs to the tokens/s direction; its bad text is shown rather than hidden
    expect(document.getElementById('mfu-throughput-error')?.textContent).toMatch(/\(10,000 characters\)" is not a number/);
    expect(document.getElementById('mfu-attention-error')?.textContent).toBe('Attention FLOPs counted: "<b>" is not one of the choices');
    expect(document.querySelector('.calculator b')).toBeNull();
    expect(screen.getByTestId('mfu-result').textContent).toContain('27.9%');
    expect(document.body.textContent).not.toMatch(/NaN%|Infinity/);
  });

  it('names the model, the run and the convention in copied Markdown, linking back to this calculator', async () => {
    window.history.replaceState(null, '', '/mfu-and-latency/?mfu.gpuHours=3.2M');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<MfuCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('for Llama 3 70B, 15.0T tokens in 3.20M GPU-h of NVIDIA H100 SXM5 80GB, dense bf16 peak, counting 6N (');
    expect(writes[0]).toContain('#mfu-calculator');
    expect(writes[0]).toContain('mfu.gpuHours=3.2M');
  });

  it('falls back to the bf16 peak, with a warning, when a GPU has no such peak (A800 has no fp8)', () => {
    render(<MfuCalculator />);
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'a800-sxm-80gb' } });
    fireEvent.change(screen.getByLabelText('Peak for data type'), { target: { value: 'fp8' } });
    expect(document.getElementById('mfu-dtype-error')).toBeNull();
    expect(document.body.textContent).toContain('NVIDIA A800 SXM4 80GB has no fp8 tensor-core rate: MFU and time are computed at its bf16 peak.');
    // 6·70,553,706,496·15e12 / (6.4e6·3600·312e12) = 0.883
    expect(document.body.textContent).toContain('88.3%');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
