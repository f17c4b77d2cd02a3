// @vitest-environment happy-dom
/**
 * The playground's reverse and compare modes. Every answer is a literal, checked at its
 * boundary through the forward engine (servingScenario), and every number shown "at the
 * answer" or "for B" is held to what forward mode shows for those inputs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import PlaygroundCalculator from '../../src/components/islands/PlaygroundCalculator';
import { getGpu } from '../../src/core/gpu/gpu';
import { getPreset } from '../../src/core/model/presets';
import { servingScenario, type ServingInput } from '../../src/core/scenario/serving';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const errorOf = (id: string) => document.getElementById(`${id}-error`)?.textContent ?? null;
const valueOf = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? null;
const stale = () => screen.queryByText(/Showing the last valid result/) !== null;
function open(query: string) {
  window.history.replaceState(null, '', `/playground/${query}`);
  return render(<PlaygroundCalculator />);
}
/** What forward mode shows for a query: its text for each test id. */
function forward(query: string, ids: readonly string[]): Record<string, string> {
  cleanup();
  open(query);
  return Object.fromEntries(ids.map((id) => [id, text(id)]));
}

// The playground's defaults as the forward engine takes them: Llama 2 7B on 8 × A800 (runtime reading, u = 0.9),
// 16 requests of 3,000 + 1,000 tokens in bf16.
const defaults: ServingInput = {
  model: getPreset('llama-2-7b').spec,
  gpu: getGpu('a800-sxm-80gb'),
  gpus: 8,
  batch: 16,
  inputTokens: 3000,
  outputTokens: 1000,
  weightDtype: 'bf16',
  kvDtype: 'bf16',
  assumptions: { memoryReading: 'runtime', utilization: 0.9 },
};

describe('<PlaygroundCalculator> reverse mode', () => {
  it('solves the defaults for the batch: 12 requests within a 500 ms TTFT (473 ms); 13 take 512 ms', () => {
    open('?pg.mode=reverse');
    expect((screen.getByRole('radio', { name: /^Reverse/ }) as HTMLInputElement).checked).toBe(true);
    expect(text('pgr-answer')).toMatch(/^12on 8 GPUs within the targets/);
    expect(text('pgr-limit')).toMatch(/^the TTFT target/);
    // The boundary through the forward engine: 12 prompts of 3,000 tokens prefilled together meet 500 ms, 13 do not.
    expect(servingScenario({ ...defaults, batch: 12 }).ttftSeconds).toBeLessThanOrEqual(0.5);
    expect(servingScenario({ ...defaults, batch: 13 }).ttftSeconds).toBeGreaterThan(0.5);
    expect(text('pgr-why-text')).toBe('With one more request (B = 13), the TTFT target is missed (512 ms, target 500 ms): the TTFT target is the limit.');
    const why = screen.getByTestId('pgr-why');
    expect(why.querySelector('tr[data-constraint="ttft"]')?.textContent).toBe('Time to first token473 ms ✓ meets512 ms ✗ missestarget 500 ms');
    expect(why.querySelector('tr[data-constraint="tpot"]')?.textContent).toContain('✓ meets');
    // The batch is solved for: its field is replaced by a note, the others stay.
    expect(document.getElementById('pg-B')).toBeNull();
    expect(text('pg-solved-B')).toContain('solved for');
    // The training run's inputs are not part of a serving question.
    expect(document.getElementById('pg-D')).toBeNull();
    // The forward scenario at the answer is what forward mode shows for B = 12.
    const shownHere = ['ttft', 'tpot', 'kv-total', 'mem-total', 'concurrency'].map((k) => text(`pgr-${k}`));
    const there = forward('?pg.B=12', ['pg-ttft', 'pg-tpot', 'pg-kv-total', 'pg-mem-total', 'pg-concurrency']);
    expect(shownHere).toEqual(Object.values(there));
    expect(there['pg-ttft']).toMatch(/^473 ms/);
  });

  it('solves Llama 2 70B on 8 × A800 for the batch within TTFT ≤ 1 s and TPOT ≤ 50 ms: 3 requests of 3,000 + 1,000 tokens; a fourth misses the TTFT target', () => {
    open('?pg.mode=reverse&pg.model=llama-2-70b&pgr.ttft=1&pgr.tpot=0.05');
    expect(text('pgr-answer')).toMatch(/^3on 8 GPUs within the targets/);
    expect(text('pgr-limit')).toMatch(/^the TTFT target/);
    // The boundary through the forward engine, static batch: 3 prompts prefilled together within 1 s, 4 not; TPOT within 50 ms at 3.
    const q = { ...defaults, model: getPreset('llama-2-70b').spec };
    const at3 = servingScenario({ ...q, batch: 3 });
    const at4 = servingScenario({ ...q, batch: 4 });
    expect(at3.ttftSeconds).toBeLessThanOrEqual(1);
    expect(at3.tpotSeconds).toBeLessThanOrEqual(0.05);
    expect(at3.memory.fits).toBe(true);
    expect(at4.ttftSeconds).toBeGreaterThan(1);
    expect(text('pgr-why-text')).toMatch(/^With one more request \(B = 4\), the TTFT target is missed/);
    // What forward mode shows for B = 3 is what reverse mode shows at its answer.
    const here = ['ttft', 'tpot', 'kv-total'].map((k) => text(`pgr-${k}`));
    expect(here).toEqual(Object.values(forward('?pg.model=llama-2-70b&pg.B=3', ['pg-ttft', 'pg-tpot', 'pg-kv-total'])));
    // KV cache of 3 requests of 4,000 tokens: 3 × 2·80·4,000·8·128·2 B = 3 × 1,310,720,000 = 3,932,160,000 B.
    expect(here[2]).toBe('3.93 GB3,932,160,000 B');
  });

  it('finds the longest prompt for Llama 2 70B on 8 × A800 with 16 prompts and TTFT ≤ 1 s: 622 tokens, because forward(622) ≤ 1 s < forward(623)', () => {
    open('?pg.mode=reverse&pgr.solve=prompt&pg.model=llama-2-70b&pgr.ttft=1');
    expect(text('pgr-answer')).toMatch(/^622 tokens16 requests prefilled together, 1,000 output tokens each/);
    const q = { ...defaults, model: getPreset('llama-2-70b').spec };
    expect(servingScenario({ ...q, inputTokens: 622 }).ttftSeconds).toBeLessThanOrEqual(1);
    expect(servingScenario({ ...q, inputTokens: 623 }).ttftSeconds).toBeGreaterThan(1);
    expect(text('pgr-why-text')).toContain('S = 623 tokens');
    expect(document.getElementById('pg-Sin')).toBeNull();
    // The context is a constraint of this question only: 622 + 1,000 of the 4,096 tokens Llama 2 was trained on.
    expect(screen.getByTestId('pgr-why').querySelector('tr[data-constraint="context"]')?.textContent).toContain('1,622 tokens ✓ meets');
    const here = text('pgr-ttft');
    expect(forward('?pg.model=llama-2-70b&pg.Sin=622', ['pg-ttft'])['pg-ttft']).toBe(here);
  });

  it('with one prompt at a time stops at Llama 2 70B’s context: 3,096 + 1,000 = 4,096 tokens, and says so', () => {
    open('?pg.mode=reverse&pgr.solve=prompt&pg.model=llama-2-70b&pg.B=1&pgr.ttft=1');
    expect(text('pgr-answer')).toMatch(/^3,096 tokens/);
    expect(text('pgr-limit')).toMatch(/^the model’s context/);
    expect(text('pgr-warning-prompt-limited-by-context')).toContain('4,096-token context');
  });

  it('solves for GPUs: 16 requests within 1 s and 20 ms need 4 A800s; 1 and 2 miss the TTFT target', () => {
    open('?pg.mode=reverse&pgr.solve=gpus&pgr.ttft=1&pgr.tpot=0.02');
    expect(text('pgr-answer')).toMatch(/^4hold 16 requests of 3,000 \+ 1,000 tokens within the targets/);
    for (const g of [1, 2]) expect(servingScenario({ ...defaults, gpus: g }).ttftSeconds).toBeGreaterThan(1);
    expect(servingScenario({ ...defaults, gpus: 4 }).ttftSeconds).toBeLessThanOrEqual(1);
    expect(servingScenario({ ...defaults, gpus: 4 }).tpotSeconds).toBeLessThanOrEqual(0.02);
    const rows = [...screen.getByTestId('pgr-candidates').querySelectorAll('tbody tr')].map((tr) => [
      tr.querySelector('th')?.textContent,
      tr.lastElementChild?.textContent,
    ]);
    expect(rows).toEqual([
      ['G = 1', 'misses the TTFT target'],
      ['G = 2', 'misses the TTFT target'],
      ['G = 4', '✓ meets'],
    ]);
    expect(text('pgr-why-text')).toMatch(/^4 GPUs is the fewest: on 2, the TTFT target is missed/);
    expect(document.getElementById('pg-G')).toBeNull();
    // The batching choice applies here; the arrival rate does not (shown disabled).
    expect((document.getElementById('pgr-batching') as HTMLSelectElement).disabled).toBe(false);
    expect((document.getElementById('pgr-lambda') as HTMLInputElement).closest('fieldset.pg-unused')).not.toBeNull();
  });

  it('solves for the tensor-parallel degree: 10 requests/s within 1 s and 20 ms → 4 GPUs per replica, 5 replicas, 20 GPUs', () => {
    open('?pg.mode=reverse&pgr.solve=tp&pgr.ttft=1&pgr.tpot=0.02&pgr.lambda=10');
    expect(text('pgr-answer')).toMatch(/^4 GPUs per replica/);
    expect(text('pgr-replicas')).toMatch(/^5/);
    expect(text('pgr-gpus-total')).toBe('20');
    expect(text('pgr-in-flight')).toMatch(/^42/);
    // B* = 42 on 4 GPUs: 42 requests in flight keep the mean time between tokens within 20 ms, 43 do not.
    expect(servingScenario({ ...defaults, gpus: 4, batch: 42 }).continuous!.itlSeconds).toBeLessThanOrEqual(0.02);
    expect(servingScenario({ ...defaults, gpus: 4, batch: 43 }).continuous!.itlSeconds).toBeGreaterThan(0.02);
    const totals = [...screen.getByTestId('pgr-candidates').querySelectorAll('tbody tr')].map(
      (tr) => tr.querySelector('td[data-label="GPUs in all"]')?.textContent,
    );
    expect(totals).toEqual(['29', '22', '20', '24']);
  });

  it('says when no answer exists: a 10 ms TTFT, none, a warning, never NaN', () => {
    open('?pg.mode=reverse&pgr.ttft=0.01');
    expect(text('pgr-answer')).toMatch(/^none/);
    expect(text('pgr-warning-targets-unreachable')).toMatch(/^Not even one request at a time meets the targets/);
    expect(text('pgr-why-text')).toBe('Nothing meets every constraint: see the warning.');
    // The target that cannot be met says so by its own field; the other target does not.
    expect(text('pgr-ttft-unreachable')).toBe('✗ No setup tried meets this target: see the answer.');
    expect(screen.queryByTestId('pgr-tpot-unreachable')).toBeNull();
    expect(document.querySelector('#playground-calculator [aria-live]')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('opens the answer in forward mode, where the same numbers appear', () => {
    open('?pg.mode=reverse');
    const ttft = text('pgr-ttft');
    fireEvent.click(screen.getByTestId('pgr-apply'));
    expect((screen.getByRole('radio', { name: /^Forward/ }) as HTMLInputElement).checked).toBe(true);
    expect(valueOf('pg-B')).toBe('12');
    expect(text('pg-ttft')).toBe(ttft);
    expect(window.location.search).toContain('pg.mode=forward');
    expect(window.location.search).toContain('pg.B=12');
  });
});

describe('<PlaygroundCalculator> compare mode', () => {
  it('compares the defaults (A) with 16 GPUs (B): every row for both, the difference, 11 of 33 rows marked ≠', () => {
    open('?pg.mode=compare&pgb.G=16&pgb.dp=16');
    expect(text('pgc-summary')).toBe('11 of 33 results differ between A and B (marked ≠).');
    const cells = (key: string) => [...screen.getByTestId(`pgc-${key}`).querySelectorAll('td')].map((td) => td.textContent);
    // TTFT 629 ms → 474 ms: 0.4744 − 0.6293 = −0.155 s, −0.155 / 0.629 = −24.6%
    expect(cells('ttft')).toEqual(['629 ms', '474 ms', '−155 ms', '−24.6%']);
    // 6N·D / (n · 312e12 · 0.4): 937 days on 8 GPUs, half on 16
    expect(cells('train-time')).toEqual(['937 days', '469 days', '−469 days', '−50.0%']);
    // 8 × 84,987,084,800 × 0.9 = 612 GB, twice that on 16
    expect(cells('capacity')).toEqual(['612 GB', '1.22 TB', '+612 GB', '+100%']);
    expect(cells('params')).toEqual(['6,738,415,616', '6,738,415,616', 'same', '—']);
    expect(screen.getByTestId('pgc-ttft').getAttribute('data-differs')).toBe('true');
    expect(screen.getByTestId('pgc-ttft').querySelector('th')?.textContent).toContain('≠');
    expect(screen.getByTestId('pgc-params').getAttribute('data-differs')).toBe('false');
    // The inputs that differ say so in words, on both sides.
    expect(text('pgb-differs-G')).toBe('≠ differs from A: 8');
    expect(text('pg-differs-G')).toBe('≠ differs from B: 16');
    expect(screen.queryByTestId('pgb-differs-B')).toBeNull();
    // B's column is what forward mode shows for B's inputs.
    const b = forward('?pg.G=16&pg.dp=16', ['pg-ttft', 'pg-train-time']);
    expect(b['pg-ttft']).toMatch(/^474 ms/);
    expect(b['pg-train-time']).toMatch(/^469 days/);
  });

  it('swaps A and B, and copies A to B, in the fields and in the URL', () => {
    open('?pg.mode=compare&pgb.G=16&pgb.dp=16');
    fireEvent.click(screen.getByTestId('pg-swap'));
    expect(valueOf('pg-G')).toBe('16');
    expect(valueOf('pgb-G')).toBe('8');
    expect([...screen.getByTestId('pgc-ttft').querySelectorAll('td')].map((td) => td.textContent)).toEqual(['474 ms', '629 ms', '+155 ms', '+32.7%']);
    expect(window.location.search).toContain('pg.G=16');
    expect(window.location.search).toContain('pgb.G=8');
    fireEvent.click(screen.getByTestId('pg-copy-a-to-b'));
    expect(valueOf('pgb-G')).toBe('16');
    expect(valueOf('pgb-dp')).toBe('16');
    expect(text('pgc-summary')).toBe('All 33 results are the same for A and B.');
  });

  it('opens from forward mode with B a copy of A, and keeps both in the URL', async () => {
    open('?pg.model=llama-2-70b&pg.G=2&pg.dp=2');
    fireEvent.click(screen.getByRole('radio', { name: /^Compare/ }));
    expect((await screen.findByTestId('pgc-summary')).textContent).toBe('All 33 results are the same for A and B.');
    expect(valueOf('pgb-model')).toBe('llama-2-70b');
    expect(window.location.search).toContain('pg.mode=compare');
    expect(window.location.search).toContain('pgb.G=2');
    expect(window.location.search).toContain('pgb.model=llama-2-70b');
  });

  it('copies a link that reopens on both scenarios and the mode', async () => {
    open('?pg.mode=compare&pgb.G=16&pgb.dp=16');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    fireEvent.click(screen.getByText('Copy link to these numbers'));
    await Promise.resolve();
    const link = new URL(writes[0]!);
    expect(link.hash).toBe('#playground-calculator');
    expect(link.searchParams.get('pg.mode')).toBe('compare');
    expect(link.searchParams.get('pg.G')).toBe('8');
    expect(link.searchParams.get('pgb.G')).toBe('16');
    expect(link.searchParams.get('pgb.model')).toBe('llama-2-7b');
    cleanup();
    window.history.replaceState(null, '', `${link.pathname}${link.search}`);
    render(<PlaygroundCalculator />);
    expect(text('pgc-summary')).toBe('11 of 33 results differ between A and B (marked ≠).');
  });
});

describe('<PlaygroundCalculator> modes and links', () => {
  it('opens a link made before the modes in forward mode, with the numbers the playground without modes showed for it', () => {
    // The link and the numbers the committed playground before the modes (commit 15c0854) rendered for it, read off
    // that version in this test environment: TTFT 927 ms, TPOT 19.6 ms, 206 requests fit, KV cache of the 8 requests
    // 8 × 2·80·2,500·8·128·2 B = 6,553,600,000 B.
    open('?pg.model=llama-2-70b&pg.G=4&pg.dp=4&pg.B=8&pg.Sin=2000&pg.Sout=500&pg.gpu=h100-sxm');
    expect((screen.getByRole('radio', { name: /^Forward/ }) as HTMLInputElement).checked).toBe(true);
    expect(stale()).toBe(false);
    expect(text('pg-ttft')).toBe('927 msprefill is compute-bound');
    expect(text('pg-tpot')).toBe('19.6 msdecode is memory-bound');
    expect(text('pg-concurrency')).toMatch(/^206/);
    expect(text('pg-kv-total')).toBe('6.55 GB6,553,600,000 B');
    expect(text('pg-train-time')).toMatch(/^16\.6 years/);
    expect(screen.queryByTestId('pgr-answer')).toBeNull();
    expect(screen.queryByTestId('pgc-summary')).toBeNull();
  });

  it('switches modes by the radios, keeps the shared inputs, and writes pg.mode', async () => {
    open('?pg.Sout=200');
    fireEvent.click(screen.getByRole('radio', { name: /^Reverse/ }));
    expect((await screen.findByTestId('pgr-answer')).textContent).toBeTruthy();
    expect(valueOf('pg-Sout')).toBe('200');
    expect(window.location.search).toContain('pg.mode=reverse');
    fireEvent.click(screen.getByRole('radio', { name: /^Forward/ }));
    expect(await screen.findByTestId('pg-params')).toBeTruthy();
    expect(window.location.search).toContain('pg.mode=forward');
  });

  it('refuses hostile values of the new keys by their fields, in the forward mode with its default numbers', () => {
    open(
      `?pg.mode=%3Cscript%3Ealert(1)%3C%2Fscript%3E&pgr.solve=all&pgr.ttft=0&pgr.tpot=1e300&pgr.lambda=-1&pgr.batching=%7B%7D&pgb.G=NaN&pgb.model=${'x'.repeat(10_000)}`,
    );
    expect(errorOf('pg-mode')).toBe('Mode: "<script>alert(1)</script>" is not one of the choices');
    expect((screen.getByRole('radio', { name: /^Forward/ }) as HTMLInputElement).checked).toBe(true);
    expect(text('pg-concurrency')).toMatch(/^285/);
    expect(errorOf('pgr-solve')).toBe('Solve for: "all" is not one of the choices');
    expect(errorOf('pgr-ttft')).toBe('TTFT target (s) must be a number greater than 0');
    expect(errorOf('pgr-tpot')).toBe('TPOT target (s) must be at most 1,000,000');
    expect(errorOf('pgr-lambda')).toBe('Arrival rate λ (requests/s) must be a number greater than 0');
    expect(errorOf('pgr-batching')).toBe('Latency read as: "{}" is not one of the choices');
    expect(errorOf('pgb-G')).toBe('B · GPUs G: "NaN" is not a finite number');
    expect(errorOf('pgb-model')).toMatch(/^B · Model: .* is not one of the choices/);
    expect(document.querySelector('#playground-calculator script')).toBeNull();
    expect(document.querySelector('#playground-calculator [aria-live]')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('in reverse mode, a bad target keeps the last answer (the defaults’), marked stale, with the message by the field', () => {
    open('?pg.mode=reverse&pgr.ttft=soon');
    expect(errorOf('pgr-ttft')).toContain('is not a number');
    expect(text('pgr-answer')).toMatch(/^12/);
    expect(stale()).toBe(true);
  });

  it('in compare mode, B’s bad input stops only B: its message by B’s field', () => {
    open('?pg.mode=compare&pgb.tp=3');
    expect(errorOf('pgb-tp')).toBe('TP = 3 must divide the 32 attention heads: each GPU takes whole heads');
    expect(errorOf('pg-tp')).toBeNull();
  });
});
