// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import MatmulCalculator from '../../src/components/islands/MatmulCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<MatmulCalculator>', () => {
  it('shows 68.7 GFLOPs for the default [1,2048,4096]@[4096,4096]', () => {
    render(<MatmulCalculator />);
    // 2·2048·4096·4096 = 68,719,476,736
    expect(screen.getByTestId('mm-flops').textContent).toContain('68.7 GFLOPs');
    expect(screen.getByTestId('mm-flops').textContent).toContain('68,719,476,736 FLOPs');
  });

  it('recomputes when M changes and writes the inputs to the URL', () => {
    render(<MatmulCalculator />);
    fireEvent.change(screen.getByLabelText('Rows M'), { target: { value: '1' } });
    // 2·1·4096·4096 = 33,554,432
    expect(screen.getByTestId('mm-flops').textContent).toContain('33.6 MFLOPs');
    expect(screen.getByTestId('mm-bound').textContent).toContain('memory bandwidth');
    expect(window.location.search).toContain('mm.M=1');
  });

  it('restores its inputs from the URL', () => {
    window.history.replaceState(null, '', '/?mm.M=4096&mm.K=4096&mm.N=4096&mm.A=1&mm.dtype=fp32');
    render(<MatmulCalculator />);
    // 2·4096³ = 137,438,953,472
    expect(screen.getByTestId('mm-flops').textContent).toContain('137 GFLOPs');
    // (3·4096²)·4 = 201,326,592 B
    expect(screen.getByTestId('mm-bytes').textContent).toContain('201,326,592 B');
  });

  it('keeps the last valid result, marked stale, for bad input, with the message by the field', () => {
    render(<MatmulCalculator />);
    fireEvent.change(screen.getByLabelText('Inner dimension K'), { target: { value: '0' } });
    expect(document.getElementById('mm-K-error')?.textContent).toBe(
      'Inner dimension K must be a whole number from 1 to 1,000,000,000,000 (a trillion along any dimension is past any tensor that fits on a cluster)',
    );
    expect(screen.getByTestId('mm-flops').textContent).toContain('68.7 GFLOPs');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('puts an overflow the core finds by the field that causes it: M = K = N = 1e8 gives 2.00 × 10²⁴ FLOPs, not a raw exponent', () => {
    render(<MatmulCalculator />);
    for (const label of ['Rows M', 'Inner dimension K', 'Columns N']) fireEvent.change(screen.getByLabelText(label), { target: { value: '1e8' } });
    // 2·(1e8)³ = 2e24 FLOPs
    expect(screen.getByTestId('mm-flops').textContent).toMatch(/^2\.00 YFLOPs/);
    expect(document.body.textContent).not.toMatch(/e\+\d|NaN|Infinity/);
  });

  it('names the model of the setup in copied Markdown and links back to this calculator with its numbers', async () => {
    window.history.replaceState(null, '', '/tensors/?x=)%20[Click](https://evil.example/phish)%20(&mm.M=1024');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<MatmulCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    // the setup, with Markdown's brackets escaped
    expect(writes[0]).toContain(String.raw`for \[1, 1,024, 4,096\] @ \[4,096, 4,096\] in bf16`);
    expect(writes[0]).toContain('#matmul-calculator');
    expect(writes[0]).toContain('mm.M=1024');
    expect(writes[0]).not.toContain('evil.example');
  });
});
