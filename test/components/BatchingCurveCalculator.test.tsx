// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import BatchingCurveCalculator from '../../src/components/islands/BatchingCurveCalculator';
import { getPreset } from '../../src/core/model/presets';
import { getGpu } from '../../src/core/gpu/gpu';
import { servingScenario } from '../../src/core/scenario/serving';
import { formatSI, formatSeconds } from '../../src/core/units';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const headline = (id: string) => screen.getByTestId(id).firstChild?.textContent;
const base = {
  model: getPreset('llama-2-70b').spec,
  gpu: getGpu('a800-sxm-80gb'),
  gpus: 2,
  inputTokens: 3000,
  outputTokens: 1000,
  weightDtype: 'fp16',
} as const;

describe('<BatchingCurveCalculator>', () => {
  it('Llama 2 70B fp16 on 2 × A800, 8 users of 3,000 + 1,000 tokens: the engine’s steady state, a memory limit of 10 marked on the curve', () => {
    render(<BatchingCurveCalculator />);
    const r = servingScenario({ ...base, batch: 8 });
    expect(headline('cb-throughput')).toBe(formatSI(r.continuous!.outputTokensPerSecond, 'tokens/s'));
    expect(headline('cb-tpot')).toBe(formatSeconds(r.continuous!.itlSeconds));
    // (2·84,987,084,800·0.9 − 137,953,296,384 − 712,832,000) / 1,310,720,000 = 10.9 → 10
    expect(headline('cb-limit')).toBe('10');
    expect(document.querySelector('#batching-curve-calculator svg.chart')?.getAttribute('aria-label')).toContain('memory limit of 10');
    const rows = [...document.querySelectorAll('[data-testid="cb-curve"] tbody tr')].map((tr) => tr.firstChild?.textContent);
    expect(rows).toEqual(['1', '2', '4', '8', '10', '16']);
    expect(document.querySelector('[data-formula="serving.continuousThroughput"]')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('paged allocation raises the limit to 12 and shows the paged derivation; chunks of 512 show the worst gap between tokens', () => {
    render(<BatchingCurveCalculator />);
    fireEvent.change(screen.getByLabelText('KV-cache allocation'), { target: { value: 'paged' } });
    // ⌊2,729 blocks / 219.248 per request⌋ = 12
    expect(headline('cb-limit')).toBe('12');
    expect(document.querySelector('[data-formula="serving.pagedConcurrency"]')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Chunked prefill'), { target: { value: '512' } });
    const r = servingScenario({ ...base, batch: 8, techniques: { kvAllocation: 'paged', prefillChunkTokens: 512 } });
    expect(headline('cb-gap')).toBe(formatSeconds(r.chunkedPrefill!.maxGapSeconds));
    expect(text('cb-gap')).toContain(formatSeconds(r.chunkedPrefill!.maxGapUnchunkedSeconds));
    expect(window.location.search).toContain('cb.alloc=paged');
    expect(window.location.search).toContain('cb.chunk=512');
  });

  it('a hostile link is refused field by field and the defaults’ result stays', () => {
    window.history.replaceState(null, '', '/?cb.G=1e300&cb.S=NaN&cb.alloc=%3Cscript%3E&cb.chunk=9999&cb.B=-4');
    render(<BatchingCurveCalculator />);
    expect(document.getElementById('cb-G-error')?.textContent).toContain('GPUs G (tensor parallel) must be a whole number from 1 to 10,000,000');
    expect(document.getElementById('cb-S-error')?.textContent).toBeTruthy();
    expect(document.getElementById('cb-alloc-error')?.textContent).toContain('is not one of the choices');
    expect(document.getElementById('cb-chunk-error')?.textContent).toContain('is not one of the choices');
    expect(document.getElementById('cb-B-error')?.textContent).toContain('Users B');
    expect(document.querySelector('script')).toBeNull();
    // The defaults' answer, marked stale; no number is NaN or Infinity.
    expect(headline('cb-limit')).toBe('10');
    expect(document.querySelector('dl.results')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a prompt and output beyond a billion tokens lands by the output field (the core’s bound on S + O)', () => {
    render(<BatchingCurveCalculator />);
    fireEvent.change(screen.getByLabelText('Prompt tokens S'), { target: { value: '999999999' } });
    expect(document.getElementById('cb-O-error')?.textContent).toContain('Input + output tokens');
  });

  it('copied Markdown names the setup and links back to this calculator with its numbers', async () => {
    window.history.replaceState(null, '', '/serving-in-practice/?cb.B=4');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<BatchingCurveCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('Llama 2 70B on 2 × NVIDIA A800 SXM4 80GB, 4 users of 3,000 + 1,000 tokens');
    expect(writes[0]).toContain('#batching-curve-calculator');
    expect(writes[0]).toContain('cb.B=4');
  });
});
