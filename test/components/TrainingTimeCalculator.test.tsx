// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import TrainingTimeCalculator from '../../src/components/islands/TrainingTimeCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<TrainingTimeCalculator>', () => {
  it('shows 11.3 days and 4.46M GPU-h for Llama 3 70B, 15T tokens, 16,384 H100s at 40% MFU', () => {
    render(<TrainingTimeCalculator />);
    // 6 · 70,553,706,496 = 423,322,238,976 FLOPs per token; × 15e12 = 6.34983e24 FLOPs
    expect(screen.getByTestId('tt-per-token').textContent).toBe('423 GFLOPs');
    expect(screen.getByTestId('tt-total').textContent).toBe('6.35 YFLOPs');
    // 6.34983e24 / (16384 · 989e12 · 0.4) = 979,701 s = 11.34 days
    expect(screen.getByTestId('tt-time').textContent).toContain('11.3 days');
    // 6.34983e24 / (989e12 · 0.4 · 3600) = 4,458,728 GPU-h
    expect(screen.getByTestId('tt-gpu-hours').textContent).toBe('4.46M GPU-h');
  });

  it('solves for MFU from 30 days: 15.1%, and records the direction in the URL', () => {
    render(<TrainingTimeCalculator />);
    fireEvent.change(screen.getByLabelText('Solve for'), { target: { value: 'mfu' } });
    // 6.34983e24 / (16384 · 989e12 · 30 · 86400) = 0.1512
    expect(screen.getByTestId('tt-mfu').textContent).toContain('15.1%');
    // 16,384 · 30 · 24 = 11,796,480 GPU-h
    expect(screen.getByTestId('tt-gpu-hours').textContent).toBe('11.8M GPU-h');
    expect(window.location.search).toContain('tt.solve=mfu');
  });

  it('restores 6N + causal attention at S = 8192 from the URL', () => {
    window.history.replaceState(null, '', '/?tt.attention=causal&tt.S=8192');
    render(<TrainingTimeCalculator />);
    // 6N + 12·½·80·64·128·8192 = 423,322,238,976 + 32,212,254,720 = 455,534,493,696 FLOPs
    expect(screen.getByTestId('tt-per-token').textContent).toBe('456 GFLOPs');
  });

  it('flags days too few for the GPUs: 2 days would need 227% MFU, shown with a warning that names the inputs', () => {
    render(<TrainingTimeCalculator />);
    fireEvent.change(screen.getByLabelText('Solve for'), { target: { value: 'mfu' } });
    fireEvent.change(screen.getByLabelText('Wall-clock days'), { target: { value: '2' } });
    // 6.34983e24 / (16,384 · 989.4e12 · 2 · 86,400 s) = 2.2669
    expect(screen.getByTestId('tt-mfu').textContent).toContain('227%');
    expect(screen.getByTestId('tt-warning-mfu-above-peak').textContent).toMatch(/^An MFU of 227% is impossible/);
    fireEvent.change(screen.getByLabelText('Wall-clock days'), { target: { value: '0' } });
    expect(document.getElementById('tt-days-error')?.textContent).toBe('Wall-clock days must be a number greater than 0');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('days so many that the GPU-hours leave their bound are refused by the days field (a core error by its field)', () => {
    render(<TrainingTimeCalculator />);
    fireEvent.change(screen.getByLabelText('Solve for'), { target: { value: 'mfu' } });
    fireEvent.change(screen.getByLabelText('Wall-clock days'), { target: { value: '1e300' } });
    // 1e300 · 24 · 16,384 GPU-hours is past the 1e12 bound of a run's GPU-hours
    expect(document.getElementById('tt-days-error')?.textContent).toMatch(/^GPU-hours must be a number from 0\.000001 to 1,000,000,000,000/);
    // the last valid result: 30 days
    expect(screen.getByTestId('tt-mfu').textContent).toContain('15.1%');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|e\+\d/);
  });

  it('shows a bad MFU and a bad config paste by their fields', () => {
    render(<TrainingTimeCalculator />);
    fireEvent.change(screen.getByLabelText('MFU'), { target: { value: '40' } });
    expect(document.getElementById('tt-mfu-error')?.textContent).toMatch(/^MFU must be a number from 0\.001 to 1 /);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: 'not json' } });
    expect(document.getElementById('tt-config-error')?.textContent).toMatch(/not valid JSON/);
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
  });

  it('refuses hostile values from the URL by their fields and keeps the defaults', () => {
    window.history.replaceState(null, '', '/?tt.n=1e300&tt.D=Infinity&tt.gpu=%22%3E%3Cimg%3E&tt.days=-3&tt.S=1,2,3');
    render(<TrainingTimeCalculator />);
    expect(document.getElementById('tt-n-error')?.textContent).toMatch(/^GPUs must be a whole number from 1 to 10,000,000/);
    expect(document.getElementById('tt-D-error')).toBeTruthy();
    expect(document.getElementById('tt-gpu-error')?.textContent).toBe('GPU: ""><img>" is not one of the choices');
    // days is not asked for in this direction, but its bad text is shown rather than hidden
    expect(document.getElementById('tt-days-error')?.textContent).toBe('Wall-clock days must be a number greater than 0');
    expect(document.getElementById('tt-S-error')?.textContent).toMatch(/misplaced thousands separators/);
    expect(document.querySelector('.calculator img')).toBeNull();
    expect(screen.getByTestId('tt-time').textContent).toContain('11.3 days');
  });

  it('names the model, the run and the convention in copied Markdown, linking back to this calculator', async () => {
    window.history.replaceState(null, '', '/training/?tt.n=8192');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<TrainingTimeCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('for Llama 3 70B, 15.0T tokens on 8,192 × NVIDIA H100 SXM5 80GB at 40.0% MFU, counting 6N (');
    expect(writes[0]).toContain('#training-time-calculator');
    expect(writes[0]).toContain('tt.n=8192');
  });
});
