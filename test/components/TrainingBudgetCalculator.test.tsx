// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import TrainingBudgetCalculator from '../../src/components/islands/TrainingBudgetCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<TrainingBudgetCalculator>', () => {
  it('1e24 FLOPs on 4,096 H100s at 40% MFU: 41.3B parameters, 4.04T tokens, 7.14 days, $1.40M before failures', () => {
    render(<TrainingBudgetCalculator />);
    // N = 1.34471 · (1e24/6)^0.45161 = 4.1297e10; D = 1.6667e23 / 4.1297e10 = 4.0358e12 (test/core/capacity/chinchilla.test.ts)
    expect(screen.getByTestId('tb-params').textContent).toMatch(/^41\.3B parameters/);
    expect(screen.getByTestId('tb-tokens').textContent).toBe('4.04T tokens97.7 tokens per parameter');
    // √(1e24/120) = 9.13e10, 121% more than the fit; the rule's loss is what the optimum reaches with 17.3% less compute
    expect(screen.getByTestId('tb-rule').textContent).toBe('91.3B parameters121% against the fit; under this fit the rule wastes 17.3% of the compute');
    // 1e24 / (4096 · 989.4e12 · 0.4) = 616,890.6 s = 7.14 days; 701,884 GPU-h · $2 = $1.40M
    expect(screen.getByTestId('tb-time').textContent).toBe('7.14 days702k GPU-h, $1.40M without failures');
    // τ = √(2 · 5.7815 · 44,540.3) = 717.65 s = 12.0 min; 578 GB in 5.78 s; a failure every 12.4 h
    expect(screen.getByTestId('tb-interval').textContent).toBe('12.0 min578 GB written in 5.78 s; a failure every 12.4 h');
    // 635,584 s = 7.36 days, 97.1% effective, 635,584 / 44,540 = 14 failures; $1.45M of which $42.5k overhead
    expect(screen.getByTestId('tb-wall').textContent).toBe('7.36 days97.1% effective; about 14 failures');
    expect(screen.getByTestId('tb-cost').textContent).toBe('$1.45M$42.5k of it overhead');
    expect(screen.getByTestId('tb-warning-extrapolated-beyond-fit').textContent).toMatch(
      /^The optimum \(41\.3B parameters, 4\.04T tokens\) lies outside the runs the fit was made on/,
    );
  });

  it('a $1M budget at $2/GPU-h buys 712 ZFLOPs; the refitted constants give 18 tokens per parameter', () => {
    window.history.replaceState(null, '', '/?tb.budget=usd&tb.usd=1e6&tb.fit=besiroglu-2024');
    render(<TrainingBudgetCalculator />);
    // 1e6 / 2 · 3600 · 989.4e12 · 0.4 = 7.12e23
    expect(screen.getByTestId('tb-flops').textContent).toBe('712 ZFLOPswhat $1.00M buys at this MFU');
    expect(screen.getByTestId('tb-tokens').textContent).toMatch(/18\.\d tokens per parameter$/);
    expect(document.getElementById('tb-C')).toBeNull();
  });

  it('a fixed interval of 60 minutes, from the URL, is used as given', () => {
    window.history.replaceState(null, '', '/?tb.interval=fixed&tb.every=60');
    render(<TrainingBudgetCalculator />);
    expect(screen.getByTestId('tb-interval').textContent).toMatch(/^60\.0 min/);
  });

  it('refuses hostile values from the URL by their fields and keeps the defaults', () => {
    window.history.replaceState(null, '', '/?tb.C=1e300&tb.n=0&tb.mfu=40&tb.fit=kaplan&tb.mtbf=-1&tb.storage=Infinity');
    render(<TrainingBudgetCalculator />);
    expect(document.getElementById('tb-C-error')?.textContent).toMatch(/^Training FLOPs C must be a number from 0 to 1e32 /);
    expect(document.getElementById('tb-n-error')?.textContent).toMatch(/^GPUs must be a whole number from 1 to 10,000,000/);
    expect(document.getElementById('tb-mfu-error')?.textContent).toMatch(/^MFU must be a number from 0\.001 to 1 /);
    expect(document.getElementById('tb-fit-error')?.textContent).toBe('Loss fit: "kaplan" is not one of the choices');
    expect(document.getElementById('tb-mtbf-error')).toBeTruthy();
    expect(document.getElementById('tb-storage-error')).toBeTruthy();
    expect(screen.getByTestId('tb-time').textContent).toMatch(/^7\.14 days/);
  });

  it('core errors land by their fields: a budget under 1e15 FLOPs by C, a run that never finishes by the MTBF', () => {
    render(<TrainingBudgetCalculator />);
    fireEvent.change(screen.getByLabelText('Training FLOPs C'), { target: { value: '1e10' } });
    expect(document.getElementById('tb-C-error')?.textContent).toMatch(/^Training budget C \(FLOPs\) must be a number from 1,000,000,000,000,000 to 1e32/);
    fireEvent.change(screen.getByLabelText('Training FLOPs C'), { target: { value: '1e24' } });
    fireEvent.change(screen.getByLabelText('MTBF per GPU (hours)'), { target: { value: '100' } });
    // 100 h · 3600 / 4096 = 87.9 s between failures, against 600 s of restart alone
    expect(document.getElementById('tb-mtbf-error')?.textContent).toMatch(/the run never finishes/);
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
  });

  it('names the budget, the cluster and the fit in copied Markdown, linking back to this calculator', async () => {
    window.history.replaceState(null, '', '/capacity-and-cost/?tb.n=2048');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<TrainingBudgetCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain(String.raw`for 1.00 YFLOPs on 2,048 × NVIDIA H100 SXM5 80GB at 40.0% MFU, Hoffmann et al. 2022 \(Approach 3, as published\)`);
    expect(writes[0]).toContain('#training-budget-calculator');
    expect(writes[0]).toContain('tb.n=2048');
  });
});
