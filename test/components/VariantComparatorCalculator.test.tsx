// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import VariantComparatorCalculator from '../../src/components/islands/VariantComparatorCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const cell = (id: string) => screen.getByTestId(id).textContent ?? '';
const errorOf = (field: string) => document.getElementById(`vc-${field}-error`)?.textContent ?? null;

// Memory and concurrency are the scenario engine's servingMemory (batch 1, S' tokens cached and in the largest pass):
// an A800 80GB as the CUDA runtime sees it holds 84,987,084,800 B (80 GiB would be 85,899,345,920 B); u = 0.9.
describe('<VariantComparatorCalculator>', () => {
  it('shows Llama 2 7B → GQA 8: 524 kB → 131 kB of KV per token, 29 → 119 requests on one A800 (runtime memory)', () => {
    render(<VariantComparatorCalculator />);
    // 2·32 layers·32 KV heads·128·2 B = 524,288 B; with 8 KV heads 131,072 B
    expect(cell('vc-kv-token-0')).toBe('524 kB');
    expect(cell('vc-kv-token-1')).toBe('131 kB');
    expect(cell('vc-kv-token-2')).toBe('0.250×');
    // usable 84,987,084,800·0.9 = 76,488,376,320 B; activations of one 4,096-token pass
    // 2·4096·4096·2 + 4096·3·11008·2 + 4·32000 = 337,769,472 B
    // base (76,488,376,320 − 13,476,831,232 − 337,769,472) / 2,147,483,648 = 29.2 → 29
    // GQA (76,488,376,320 − 11,866,218,496 − 337,769,472) / 536,870,912 = 119.7 → 119
    expect(cell('vc-concurrency-0')).toBe('29');
    expect(cell('vc-concurrency-1')).toBe('119');
    expect(cell('vc-headline-concurrency')).toContain('29 → 119');
    // 524,288·4096 = 2,147,483,648 B → 131,072·4096 = 536,870,912 B
    expect(cell('vc-headline-kv')).toContain('2.15 GB → 537 MB');
    expect(screen.getByTestId('result-memory.kvCachePerToken').textContent).toContain('131 kB');
    expect(screen.getByTestId('result-serving.maxConcurrency').textContent).toContain('119');
  });

  it('reads "80GB" as 80 GiB when asked: 29 → 121 requests, the chapter’s figures', () => {
    window.history.replaceState(null, '', '/?vc.reading=GiB');
    render(<VariantComparatorCalculator />);
    // usable 85,899,345,920·0.9 = 77,309,411,328 B: (… − 11,866,218,496 − 337,769,472) / 536,870,912 = 121.3
    expect(cell('vc-concurrency-0')).toBe('29');
    expect(cell('vc-concurrency-1')).toBe('121');
  });

  it('switching to MQA caches 2·32·1·128·2 = 16,384 B per token and writes vc.attention=mqa to the URL', () => {
    render(<VariantComparatorCalculator />);
    fireEvent.change(screen.getByLabelText('Attention'), { target: { value: 'mqa' } });
    expect(cell('vc-kv-token-1')).toBe('16.4 kB');
    expect(cell('vc-attention-1')).toBe('MQA, 1 KV head');
    expect(screen.queryByLabelText('KV heads g')).toBeNull();
    expect(window.location.search).toContain('vc.attention=mqa');
  });

  it("restores Llama 2 70B on 2 GPUs with S' = 4000 from the URL: 10 requests; as MHA its weights no longer fit, with the warning", () => {
    window.history.replaceState(null, '', '/?vc.model=llama-2-70b&vc.gpus=2&vc.contextTokens=4000&vc.attention=mha');
    render(<VariantComparatorCalculator />);
    // 2·84,987,084,800·0.9 = 152,976,752,640 − 137,953,296,384 − activations 950,400,000
    // (2·(2·4000·8192·2) + 4000·3·28672·2 + 4·32000) = 14,073,056,256 B; / 1,310,720,000 = 10.7 → 10
    expect(cell('vc-concurrency-0')).toBe('10');
    // MHA widens K and V from 1024 to 8192 outputs: 80·2·8192·7168 = 9,395,240,960 more params,
    // 18,790,481,920 B more than the 14,073,056,256 B that were left
    expect(cell('vc-concurrency-1')).toBe('weights do not fit');
    // 68,976,648,192 + 9,395,240,960
    expect(cell('vc-params-1')).toBe('78,371,889,152');
    expect(screen.getByTestId('vc-warning-weights-do-not-fit').textContent).toMatch(/^Variant: The weights \(157 GB\)/);
  });

  it('puts the core’s message for a KV-head count that does not divide h by that field, keeps the last result, never NaN', () => {
    render(<VariantComparatorCalculator />);
    fireEvent.change(screen.getByLabelText('KV heads g'), { target: { value: '5' } });
    expect(errorOf('kvGroups')).toBe('KV heads g must divide the 32 query heads (try 1, 2, 4, 8, 16, 32)');
    expect(cell('vc-kv-token-1')).toBe('131 kB');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('puts the core’s message for an expert width past the width bound by its field', () => {
    render(<VariantComparatorCalculator />);
    fireEvent.change(screen.getByLabelText('FFN experts'), { target: { value: 'moe' } });
    fireEvent.change(screen.getByLabelText('Expert width ÷ base FFN width'), { target: { value: '1e6' } });
    // 1e6 · 11,008 = 11,008,000,000 > 10,000,000
    expect(errorOf('expertWidthRatio')).toMatch(/^Expert width ratio is too large: an expert would be 11,008,000,000 wide/);
    expect(document.querySelector('#variant-comparator > p.error')).toBeNull();
  });

  it('refuses hostile URL values by their fields and shows the defaults: 1e300 GPUs, NaN tokens, markup, an unknown model, 10,000 characters', () => {
    const long = '9'.repeat(10_000);
    window.history.replaceState(
      null,
      '',
      `/?vc.gpus=1e300&vc.contextTokens=NaN&vc.model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&vc.utilization=${long}&vc.dtype=%7B%22a%22%3A1%7D`,
    );
    render(<VariantComparatorCalculator />);
    expect(errorOf('gpus')).toBe('GPUs G must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)');
    expect(errorOf('contextTokens')).toBe('Tokens per request S\': "NaN" is not a finite number');
    expect(errorOf('model')).toBe('Model: "<img src=x onerror=alert(1)>" is not one of the choices');
    expect(errorOf('utilization')).toBe(
      'Usable fraction u: "9999999999999999999999999999999999999999… (10,000 characters)" is too large to be represented as a number',
    );
    expect(errorOf('dtype')).toBe('Weights data type: "{"a":1}" is not one of the choices');
    // The defaults' result, marked stale; no markup from the URL in the page.
    expect(cell('vc-concurrency-1')).toBe('119');
    expect(document.querySelector('#variant-comparator img')).toBeNull();
    // (the message quotes "NaN" back; the results never show it)
    expect(document.querySelector('#variant-comparator [aria-live]')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('shows the parser’s message next to a bad config.json paste', () => {
    render(<VariantComparatorCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), {
      target: { value: '{"model_type": "llama", "hidden_size": 4096}' },
    });
    expect(errorOf('config')).toMatch(/num_hidden_layers is missing from the config/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('names the base, the change and the hardware in copied Markdown, linking back to the comparator with its numbers', async () => {
    window.history.replaceState(null, '', '/variants/?vc.attention=mqa&vc.contextTokens=8192');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<VariantComparatorCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('for Llama 2 7B → MQA, 8,192 tokens per request in bf16 on 1 × NVIDIA A800 SXM4 80GB');
    expect(writes[0]).toContain('#variant-comparator');
    expect(writes[0]).toContain('vc.attention=mqa');
  });
});
