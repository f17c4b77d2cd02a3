// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import CapacityPlannerCalculator from '../../src/components/islands/CapacityPlannerCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<CapacityPlannerCalculator>', () => {
  it('Llama 3 70B on H100 at 50 requests/s, TTFT ≤ 500 ms, TPOT ≤ 50 ms: 44 GPUs, 11 replicas of 4', () => {
    render(<CapacityPlannerCalculator />);
    // solveTensorParallel: TP 2 → 60 GPUs, TP 4 → 44, TP 8 → 48 (test/core/reverse.test.ts)
    expect(screen.getByTestId('cap-gpus').textContent).toBe('4411 replicas × 4 GPUs');
    expect(screen.getByTestId('cap-batch').textContent).toMatch(/^48set by the TPOT target; 4\.75 requests\/s per replica/);
    // 4.747 / 4 = 1.19 requests/s per GPU
    expect(screen.getByTestId('cap-goodput').textContent).toMatch(/^1\.19 requests\/s/);
    // every degree tried: 4 GPUs per replica → 11 × 4 = 44, 2 → 30 × 2 = 60; one GPU cannot hold the weights
    expect(screen.getByTestId('cap-tp-gpus-4').textContent).toBe('44');
    expect(screen.getByTestId('cap-tp-gpus-2').textContent).toBe('60');
    expect(screen.getByTestId('cap-tp-gpus-1').textContent).toBe('—');
    expect(screen.getByTestId('cap-degrees').textContent).toContain('no fit');
    // the monthly bill: 44 · $2 · 730 = $64,240
    expect(screen.getByTestId('cap-usd-month').textContent).toMatch(/^\$64\.2k/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a fixed degree of 8 from the URL: 6 replicas, 48 GPUs', () => {
    window.history.replaceState(null, '', '/?cap.tp=8');
    render(<CapacityPlannerCalculator />);
    expect(screen.getByTestId('cap-gpus').textContent).toBe('486 replicas × 8 GPUs');
    expect(screen.queryByTestId('cap-degrees')).toBeNull();
  });

  it('a memory-bound degree shows its warning; an impossible TTFT target shows that no layout meets it', () => {
    window.history.replaceState(null, '', '/?cap.tp=2');
    render(<CapacityPlannerCalculator />);
    expect(screen.getByTestId('cap-warning-memory-limits-concurrency').textContent).toMatch(/^Memory holds 17 requests/);
    fireEvent.change(screen.getByLabelText('TTFT target (s)'), { target: { value: '0.01' } });
    expect(screen.getByTestId('cap-gpus').textContent).toBe('no layout meets the targets');
    expect(screen.getByTestId('cap-warning-targets-unreachable').textContent).toMatch(/^Not even one request at a time meets the targets/);
    expect(window.location.search).toContain('cap.ttft=0.01');
  });

  it('refuses hostile values from the URL by their fields and keeps the defaults', () => {
    window.history.replaceState(null, '', '/?cap.lambda=1e300&cap.S=-5&cap.ttft=NaN&cap.price=1e9&cap.tp=%22%3E%3Cimg%3E&cap.gpu=x');
    render(<CapacityPlannerCalculator />);
    expect(document.getElementById('cap-lambda-error')?.textContent).toBe('Arrival rate (requests/s) must be at most 1,000,000,000');
    expect(document.getElementById('cap-S-error')?.textContent).toMatch(/^Prompt tokens S must be a whole number from 1 to 1,000,000,000/);
    expect(document.getElementById('cap-ttft-error')).toBeTruthy();
    expect(document.getElementById('cap-price-error')?.textContent).toMatch(/^Price per GPU-hour \(USD\) must be a number from 0 to 1,000,000/);
    expect(document.getElementById('cap-tp-error')?.textContent).toBe('GPUs per replica (tensor parallel): ""><img>" is not one of the choices');
    expect(document.getElementById('cap-gpu-error')).toBeTruthy();
    expect(document.querySelector('.calculator img')).toBeNull();
    expect(screen.getByTestId('cap-gpus').textContent).toBe('4411 replicas × 4 GPUs');
    expect(document.querySelector('.results')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a core error lands by its field: an arrival rate needing more GPUs than any cluster is refused by the rate', () => {
    render(<CapacityPlannerCalculator />);
    fireEvent.change(screen.getByLabelText('Arrival rate (requests/s)'), { target: { value: '1e8' } });
    // 1e8 / 4.747 · 4 GPUs = 8.4e7 GPUs > the 10,000,000 bound
    expect(document.getElementById('cap-lambda-error')?.textContent).toMatch(/^GPUs the arrival rate needs must be a whole number from 1 to 10,000,000/);
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(screen.getByTestId('cap-gpus').textContent).toBe('4411 replicas × 4 GPUs');
  });

  it('names the model, the load and the targets in copied Markdown, linking back to this calculator', async () => {
    window.history.replaceState(null, '', '/capacity-and-cost/?cap.lambda=20');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<CapacityPlannerCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    // Markdown's brackets and the dollar signs (which would open math) escaped
    expect(writes[0]).toContain(
      String.raw`for Llama 3 70B \(bf16\) on NVIDIA H100 SXM5 80GB, 20.0 requests/s of 2,000 + 200 tokens, TTFT ≤ 500 ms, TPOT ≤ 50.0 ms, at \$2.00/GPU-h`,
    );
    expect(writes[0]).not.toMatch(/[^\\]\$\d/);
    expect(writes[0]).toContain('#capacity-planner');
    expect(writes[0]).toContain('cap.lambda=20');
  });
});
