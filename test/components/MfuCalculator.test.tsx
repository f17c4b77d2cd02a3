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
    expect(document.getElementById('mfu-gpuHours-error')?.textContent).toContain('greater than 0');
    expect(screen.getByTestId('mfu-result').textContent).toContain('27.9%');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('GPU-hours G'), { target: { value: '6.4e6' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096' } });
    expect(document.getElementById('mfu-config-error')?.textContent).toMatch(/not valid JSON/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('says next to the data type when a GPU has no such peak (A800 has no fp8)', () => {
    render(<MfuCalculator />);
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'a800-sxm-80gb' } });
    fireEvent.change(screen.getByLabelText('Peak for data type'), { target: { value: 'fp8' } });
    expect(document.getElementById('mfu-dtype-error')?.textContent).toMatch(/fp8/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
