// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import PeakFlopsCalculator, { PEAK_FLOPS } from '../../src/components/islands/PeakFlopsCalculator';
import { InputError } from '../../src/core/units';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';

describe('<PeakFlopsCalculator>', () => {
  it('derives 311.9 TFLOP/s for the default A800, −0.0418% from its 312 TFLOP/s datasheet', () => {
    render(<PeakFlopsCalculator />);
    // 2·(8·4·8) = 512 FLOPs/clock; 512·4·108·1.41e9 = 311,869,440,000,000 FLOP/s
    expect(text('peak-derived')).toContain('311.9 TFLOP/s');
    expect(text('peak-sheet')).toContain('312.0 TFLOP/s');
    // (311.86944 − 312) / 312 = −0.000418 → −0.0418%
    expect(text('peak-deviation')).toContain('-0.0418%');
    // 4·108 = 432
    expect(text('peak-count')).toContain('432');
    // 0.8·311.86944 = 249.5 TFLOP/s → "249 TFLOP/s" at 3 significant figures
    expect(text('peak-practical')).toContain('249 TFLOP/s');
    // 4096×4096 in 128×128 tiles: 1,024 tiles in ⌈1024/108⌉ = 10 waves; 1024/1080 = 94.8%
    expect(text('peak-tiles')).toContain('94.8%');
    expect(text('peak-tiles')).toContain('1,024 tiles in 10 waves of 108');
  });

  it('picking the H100 SXM fills its parts: 132·4·1024·1.83 GHz = 989.4 TFLOP/s', () => {
    render(<PeakFlopsCalculator />);
    fireEvent.change(screen.getByLabelText('Start from GPU'), { target: { value: 'h100-sxm' } });
    expect((screen.getByLabelText('SMs') as HTMLInputElement).value).toBe('132');
    expect((screen.getByLabelText('FLOPs per clock per tensor core') as HTMLInputElement).value).toBe('1024');
    // 1024·4·132·1.83e9 = 989,429,760,000,000
    expect(text('peak-derived')).toContain('989.4 TFLOP/s');
    expect(text('peak-sheet')).toContain('989.4 TFLOP/s');
    expect(window.location.search).toContain('peak.gpu=h100-sxm');
  });

  it('editing a part makes custom hardware: 100 SMs → 512·4·100·1.41 GHz = 288.8 TFLOP/s, −7.44% vs the A800', () => {
    render(<PeakFlopsCalculator />);
    fireEvent.change(screen.getByLabelText('SMs'), { target: { value: '100' } });
    // 512·4·100·1.41e9 = 288,768,000,000,000; (288.768 − 312)/312 = −0.07446
    expect(text('peak-derived')).toContain('288.8 TFLOP/s');
    expect(text('peak-derived')).toContain('custom hardware');
    expect(text('peak-deviation')).toContain('-7.45%');
    expect(window.location.search).toContain('peak.n=100');
  });

  it('switching the data type to fp8 on the H100 doubles the per-clock rate: 1,978.9 TFLOP/s', () => {
    render(<PeakFlopsCalculator />);
    fireEvent.change(screen.getByLabelText('Start from GPU'), { target: { value: 'h100-sxm' } });
    fireEvent.change(screen.getByLabelText('Data type'), { target: { value: 'fp8' } });
    // 2048·4·132·1.83e9 = 1,978,859,520,000,000
    expect(text('peak-derived')).toContain('1.979 PFLOP/s');
    expect(text('peak-sheet')).toContain('1.979 PFLOP/s');
  });

  it('restores its inputs from the URL: 80 SMs · 8 · 128 · 1.53 GHz (V100 fp16) = 125.3 TFLOP/s', () => {
    window.history.replaceState(null, '', '/?peak.gpu=v100-sxm2-32gb&peak.dtype=fp16&peak.n=80&peak.t=8&peak.f=128&peak.clock=1530M');
    render(<PeakFlopsCalculator />);
    // 128·8·80·1.53e9 = 125,337,600,000,000
    expect(text('peak-derived')).toContain('125.3 TFLOP/s');
    expect((screen.getByLabelText('Clock (Hz)') as HTMLInputElement).value).toBe('1530M');
  });

  it('a GPU without a published clock (H20) leaves the clock empty with a message, never NaN', () => {
    render(<PeakFlopsCalculator />);
    fireEvent.change(screen.getByLabelText('Start from GPU'), { target: { value: 'h20' } });
    expect(screen.getByText('Clock (Hz) is empty: enter a number')).toBeTruthy();
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('bad input: 0 tensor cores and a fraction above 1 get the bounds by their fields, the last result stays', () => {
    render(<PeakFlopsCalculator />);
    fireEvent.change(screen.getByLabelText('Tensor cores per SM'), { target: { value: '0' } });
    expect(document.getElementById('peak-t-error')?.textContent).toBe(
      'Tensor cores per SM must be a whole number from 1 to 10,000,000 (published GPUs have at most a few hundred SMs)',
    );
    fireEvent.change(screen.getByLabelText('Reachable fraction u'), { target: { value: '1.5' } });
    expect(document.getElementById('peak-u-error')?.textContent).toMatch(/^Reachable fraction u must be a number from 0\.001 to 1 /);
    expect(text('peak-derived')).toContain('311.9 TFLOP/s');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('refuses hostile values from the URL by their fields and shows the defaults: 1e300 SMs, NaN clock, markup, an unknown GPU', () => {
    const long = '9'.repeat(10_000);
    window.history.replaceState(
      null,
      '',
      `/?peak.n=1e300&peak.clock=NaN&peak.t=%3Cimg%20src=x%20onerror=alert(1)%3E&peak.gpu=nope&peak.f=${long}&peak.tile=%7B%22a%22:1%7D`,
    );
    render(<PeakFlopsCalculator />);
    expect(document.getElementById('peak-n-error')?.textContent).toMatch(/^SMs must be a whole number from 1 to 10,000,000/);
    expect(document.getElementById('peak-clock-error')?.textContent).toBe('Clock (Hz): "NaN" is not a finite number');
    // markup stays text: the message quotes it, nothing is injected
    expect(document.getElementById('peak-t-error')?.textContent).toBe(
      'Tensor cores per SM: "<img src=x onerror=alert(1)>" has spaces inside; write 4096 or 4,096',
    );
    expect(document.getElementById('peak-gpu-error')?.textContent).toBe('Start from GPU: "nope" is not one of the choices');
    expect(document.getElementById('peak-f-error')?.textContent).toMatch(/\(10,000 characters\)" is too large to be represented as a number$/);
    expect(document.getElementById('peak-tile-error')?.textContent).toMatch(/is not a number/);
    expect(document.querySelector('img')).toBeNull();
    // The defaults, stale: 512·4·108·1.41e9 = 311.9 TFLOP/s
    expect(text('peak-derived')).toContain('311.9 TFLOP/s');
    expect(document.body.textContent).not.toMatch(/NaN FLOP|Infinity|e\+\d/);
  });

  it('a core error lands by its field: the tile formula names its sides Mt and Nt, which are the "Tile size" field', () => {
    const values = Object.fromEntries(Object.entries(PEAK_FLOPS.fields).map(([k, f]) => [k, f.default])) as Parameters<typeof PEAK_FLOPS.compute>[0];
    let field = '';
    try {
      PEAK_FLOPS.compute({ ...values, tile: 0 });
    } catch (e) {
      field = e instanceof InputError ? e.field : 'not an InputError';
    }
    expect(field).toBe('Mt');
    expect(PEAK_FLOPS.fieldFor?.[field]).toBe('tile');
  });

  it('names the hardware in copied Markdown and links back to this calculator with its numbers', async () => {
    window.history.replaceState(null, '', '/gpu-peak/?peak.n=100');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<PeakFlopsCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    // 100 SMs is not the A800's 108: custom hardware, 1.41e9 Hz shown as 1.410 GHz
    expect(writes[0]).toContain('custom hardware: 100 SMs × 4 tensor cores × 512 FLOPs per clock × 1.410 GHz, dense bf16');
    expect(writes[0]).toContain('#peak-flops-calculator');
    expect(writes[0]).toContain('peak.n=100');
  });
});
