// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import TrainingMemoryCalculator from '../../src/components/islands/TrainingMemoryCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<TrainingMemoryCalculator>', () => {
  it('shows 108 GB of model states and 104 GB of activations per GPU for Llama 2 7B, s=4096, b=1, no sharding', () => {
    render(<TrainingMemoryCalculator />);
    // 16 B × 6,738,415,616 = 107,814,649,856 B
    expect(screen.getByTestId('tm-states').textContent).toContain('108 GB');
    // s·b·H·(34 + 5·a·s/H) = 4096·4096·(34 + 160) = 3,254,779,904 B per layer; × 32 = 104,152,956,928 B
    expect(screen.getByTestId('tm-activations').textContent).toContain('104 GB');
    expect(screen.getByTestId('tm-activations').textContent).toContain('3.25 GB per layer × 32 layers');
    // 107,814,649,856 + 104,152,956,928 = 211,967,606,784 B
    expect(screen.getByTestId('tm-total').textContent).toContain('211,967,606,784 B');
    expect(screen.getByTestId('tm-capacity').textContent).toContain('does not fit');
    expect(screen.getByTestId('tm-gpus').textContent).toBe('8');
    expect(document.querySelector('svg.chart')).toBeTruthy();
  });

  it('ZeRO-3 and full recomputation bring it to 14.5 GB and it fits; the URL records both', () => {
    render(<TrainingMemoryCalculator />);
    fireEvent.change(screen.getByLabelText('ZeRO stage'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Recomputation'), { target: { value: 'full' } });
    // 107,814,649,856 / 8 = 13,476,831,232; 2·4096·4096 = 33,554,432 per layer × 32 = 1,073,741,824; sum 14,550,573,056 B
    expect(screen.getByTestId('tm-total').textContent).toContain('14,550,573,056 B');
    expect(screen.getByTestId('tm-capacity').textContent).toContain('fits');
    expect(window.location.search).toContain('tm.zero=3');
    expect(window.location.search).toContain('tm.recompute=full');
  });

  it('restores tensor parallelism with sequence parallelism and selective recompute from the URL', () => {
    window.history.replaceState(null, '', '/?tm.t=4&tm.sp=on&tm.recompute=selective&tm.D=2');
    render(<TrainingMemoryCalculator />);
    // 34·s·b·H/t = 34·16,777,216/4 = 142,606,336 B per layer
    expect(screen.getByTestId('tm-activations').textContent).toContain('143 MB per layer');
    // N/(t·p) = 6,738,415,616 / 4 = 1,684,603,904
    expect(screen.getByTestId('tm-params').textContent).toContain('1,684,603,904');
    expect(screen.getByTestId('tm-gpus').textContent).toBe('8');
  });

  it('reports a tensor-parallel size that does not divide the heads next to its field', () => {
    render(<TrainingMemoryCalculator />);
    fireEvent.change(screen.getByLabelText('Tensor-parallel t'), { target: { value: '3' } });
    expect(document.getElementById('tm-t-error')?.textContent).toContain('must divide the 32 attention heads');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Micro-batch b'), { target: { value: 'x' } });
    expect(document.getElementById('tm-b-error')?.textContent).toContain('is not a number');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('shows the parser’s message next to a bad config.json', () => {
    render(<TrainingMemoryCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "unknown-arch"}' } });
    expect(document.getElementById('tm-config-error')?.textContent).toMatch(/model_type "unknown-arch" is not supported/);
    expect(screen.getByTestId('tm-states').textContent).toContain('108 GB');
  });
});
