// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import GpuComparisonCalculator from '../../src/components/islands/GpuComparisonCalculator';

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
    expect(screen.getByText('Rows M must be a whole number of at least 1')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Inner dimension K'), { target: { value: 'abc' } });
    expect(screen.getByText(/Inner dimension K: "abc" is not a number/)).toBeTruthy();
    expect(text('cmp-intensity')).toContain('1.00 FLOP/B');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
