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

  it('rejects days too few for the GPUs even at 100% MFU, next to the field', () => {
    render(<TrainingTimeCalculator />);
    fireEvent.change(screen.getByLabelText('Solve for'), { target: { value: 'mfu' } });
    fireEvent.change(screen.getByLabelText('Wall-clock days'), { target: { value: '2' } });
    expect(document.getElementById('tt-days-error')?.textContent).toContain('above 100%');
    fireEvent.change(screen.getByLabelText('Wall-clock days'), { target: { value: '0' } });
    expect(document.getElementById('tt-days-error')?.textContent).toContain('greater than 0');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('shows a bad MFU and a bad config paste by their fields', () => {
    render(<TrainingTimeCalculator />);
    fireEvent.change(screen.getByLabelText('MFU'), { target: { value: '40' } });
    expect(document.getElementById('tt-mfu-error')?.textContent).toContain('fraction greater than 0 and at most 1');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: 'not json' } });
    expect(document.getElementById('tt-config-error')?.textContent).toMatch(/not valid JSON/);
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
  });
});
