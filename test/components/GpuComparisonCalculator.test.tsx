// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import GpuComparisonCalculator, { GPU_COMPARISON } from '../../src/components/islands/GpuComparisonCalculator';
import { InputError } from '../../src/core/units';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';

describe('<GpuComparisonCalculator>', () => {
  it('default [1,8192]@[8192,8192] bf16: intensity 1.00 FLOP/B, A800 attains 2.04 TFLOP/s (0.653%), memory-bound', () => {
    render(<GpuComparisonCalculator />);
    // 2·8192² / ((8192 + 8192² + 8192)·2) = 134,217,728 / 134,250,496 = 0.99976 FLOP/B
    expect(text('cmp-intensity')).toContain('1.00 FLOP/B');
    // 0.99976·2.039e12 = 2.0385e12; /312e12 = 0.6534%
    expect(text('cmp-gpu-1')).toContain('2.04 TFLOP/s');
    expect(text('cmp-gpu-1')).toContain('0.653% of peak');
    expect(text('cmp-gpu-1')).toContain('memory-bound');
    // H20: 0.99976·4.0e12 = 4.00 TFLOP/s
    expect(text('cmp-gpu-3')).toContain('4.00 TFLOP/s');
    // every GPU of the reference table is a row
    expect(screen.getByTestId('cmp-table').querySelectorAll('tbody tr').length).toBeGreaterThanOrEqual(20);
    expect(document.querySelector('svg.chart')).toBeTruthy();
  });

  it('M = 4096 makes the matmul compute-bound on the A800 at 312 TFLOP/s', () => {
    render(<GpuComparisonCalculator />);
    fireEvent.change(screen.getByLabelText('Rows M'), { target: { value: '4096' } });
    // 2·4096·8192² / ((4096·8192 + 8192² + 4096·8192)·2) = 549,755,813,888 / 268,435,456 = 2048 FLOP/B > 153
    expect(text('cmp-intensity')).toContain('2,048 FLOP/B');
    expect(text('cmp-gpu-1')).toContain('312 TFLOP/s');
    expect(text('cmp-gpu-1')).toContain('compute-bound');
    expect(window.location.search).toContain('cmp.M=4096');
  });

  it('fp8 has no figure on the A800 but 1.979 PFLOP/s peak on the H100 (ridge 591 FLOP/B)', () => {
    render(<GpuComparisonCalculator />);
    fireEvent.change(screen.getByLabelText('Data type'), { target: { value: 'fp8' } });
    expect(text('cmp-gpu-1')).toContain('no figure');
    // ridge 1978.9e12 / 3.35e12 = 590.7 FLOP/B
    expect(text('cmp-gpu-2')).toContain('ridge 591 FLOP/B');
  });

  it('restores GPUs and shape from the URL: MI300X, [2048,8192]@[8192,8192] → 1,365 FLOP/B, 1.31 PFLOP/s', () => {
    window.history.replaceState(null, '', '/?cmp.gpuA=mi300x&cmp.gpuB=h200&cmp.gpuC=none&cmp.M=2048&cmp.K=8192&cmp.N=8192&cmp.dtype=bf16');
    render(<GpuComparisonCalculator />);
    // I = 2·2048·8192² / ((2048·8192·2 + 8192²)·2) = 274,877,906,944 / 201,326,592 = 1365.3, shown whole with a separator; > 1307.4e12/5.3e12 = 246.7
    expect(text('cmp-intensity')).toContain('1,365 FLOP/B');
    expect(text('cmp-gpu-1')).toContain('1.31 PFLOP/s');
    expect(screen.queryByTestId('cmp-gpu-3')).toBeNull();
  });

  it('bad input: M = 0 and K = "abc" get messages by their fields, the last result stays, never NaN', () => {
    render(<GpuComparisonCalculator />);
    fireEvent.change(screen.getByLabelText('Rows M'), { target: { value: '0' } });
    expect(document.getElementById('cmp-M-error')?.textContent).toBe(
      'Rows M must be a whole number from 1 to 1,000,000,000,000 (a trillion along any dimension is past any tensor that fits on a cluster)',
    );
    fireEvent.change(screen.getByLabelText('Inner dimension K'), { target: { value: 'abc' } });
    expect(screen.getByText(/Inner dimension K: "abc" is not a number/)).toBeTruthy();
    expect(text('cmp-intensity')).toContain('1.00 FLOP/B');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('refuses hostile values from the URL by their fields, keeps the defaults and never gives the chart a non-finite number', () => {
    window.history.replaceState(null, '', '/?cmp.M=1e300&cmp.K=NaN&cmp.N=-5&cmp.gpuB=%3Cscript%3E&cmp.dtype=%7B%7D');
    render(<GpuComparisonCalculator />);
    expect(document.getElementById('cmp-M-error')?.textContent).toMatch(/^Rows M must be a whole number from 1 to 1,000,000,000,000/);
    expect(document.getElementById('cmp-K-error')?.textContent).toBe('Inner dimension K: "NaN" is not a finite number');
    expect(document.getElementById('cmp-N-error')).toBeTruthy();
    expect(document.getElementById('cmp-gpuB-error')?.textContent).toBe('GPU 2: "<script>" is not one of the choices');
    expect(document.getElementById('cmp-dtype-error')?.textContent).toBe('Data type: "{}" is not one of the choices');
    expect(text('cmp-intensity')).toContain('1.00 FLOP/B');
    for (const el of document.querySelectorAll('svg *')) {
      for (const attr of ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'width', 'height', 'd']) {
        expect(el.getAttribute(attr) ?? '').not.toMatch(/NaN|Infinity/);
      }
    }
  });

  it('the largest shape the bounds allow stays finite on the chart: M = K = N = 1e12 is 3.33e11 FLOP/B, compute-bound', () => {
    window.history.replaceState(null, '', '/?cmp.M=1e12&cmp.K=1e12&cmp.N=1e12');
    render(<GpuComparisonCalculator />);
    // 2·(1e12)³ / (3·(1e12)²·2) = 1e12/3 = 333,333,333,333 FLOP/B
    // (the core's formatter decides how 3.33e11 FLOP/B reads; here only that it is a finite number)
    expect(text('cmp-intensity')).toMatch(/^[0-9.,× ¹²³⁰-⁹]+ FLOP\/B/);
    expect(text('cmp-gpu-1')).toContain('compute-bound');
    expect(document.querySelector('svg.chart')?.innerHTML ?? '').not.toMatch(/NaN|Infinity/);
  });

  it('a core error lands by its field: a shape of 0 rows is refused by the intensity formula on "M"', () => {
    const values = Object.fromEntries(Object.entries(GPU_COMPARISON.fields).map(([k, f]) => [k, f.default])) as Parameters<typeof GPU_COMPARISON.compute>[0];
    let field = '';
    try {
      GPU_COMPARISON.compute({ ...values, M: 0 });
    } catch (e) {
      field = e instanceof InputError ? e.field : 'not an InputError';
    }
    expect(field in GPU_COMPARISON.fields ? field : GPU_COMPARISON.fieldFor?.[field]).toBe('M');
  });

  it('names the shape and the GPUs in copied Markdown, linking back to this calculator', async () => {
    window.history.replaceState(null, '', '/gpu-peak/?cmp.M=4096');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<GpuComparisonCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain(String.raw`\[4,096, 8,192\] @ \[8,192, 8,192\] in bf16 on A800 SXM4 80GB, H100 SXM5 80GB, H20 96GB`);
    expect(writes[0]).toContain('#gpu-comparison-calculator');
    expect(writes[0]).toContain('cmp.M=4096');
  });
});
