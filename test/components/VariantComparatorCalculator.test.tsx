// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import VariantComparatorCalculator from '../../src/components/islands/VariantComparatorCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const cell = (id: string) => screen.getByTestId(id).textContent ?? '';

describe('<VariantComparatorCalculator>', () => {
  it("shows Llama 2 7B → GQA 8: 524 kB → 131 kB of KV per token, 29 → 121 requests on one A800", () => {
    render(<VariantComparatorCalculator />);
    // 2·32 layers·32 KV heads·128·2 B = 524,288 B; with 8 KV heads 131,072 B
    expect(cell('vc-kv-token-0')).toBe('524 kB');
    expect(cell('vc-kv-token-1')).toBe('131 kB');
    expect(cell('vc-kv-token-2')).toBe('0.250×');
    // usable 80 GiB·0.9 = 77,309,411,328 B, activations 4096·(4096 + 3·11008)·2 = 304,087,040 B
    // base (77,309,411,328 − 13,476,831,232 − 304,087,040) / 2,147,483,648 = 29.6 → 29
    // GQA (77,309,411,328 − 11,866,218,496 − 304,087,040) / 536,870,912 = 121.3 → 121
    expect(cell('vc-concurrency-0')).toBe('29');
    expect(cell('vc-concurrency-1')).toBe('121');
    expect(screen.getByTestId('result-memory.kvCachePerToken').textContent).toContain('131 kB');
  });

  it('switching to MQA caches 2·32·1·128·2 = 16,384 B per token and writes vc.attention=mqa to the URL', () => {
    render(<VariantComparatorCalculator />);
    fireEvent.change(screen.getByLabelText('Attention'), { target: { value: 'mqa' } });
    expect(cell('vc-kv-token-1')).toBe('16.4 kB');
    expect(cell('vc-attention-1')).toBe('MQA, 1 KV head');
    expect(window.location.search).toContain('vc.attention=mqa');
  });

  it("restores Llama 2 70B on 2 GPUs with S' = 4000 from the URL: 12 requests; as MHA its weights no longer fit", () => {
    window.history.replaceState(null, '', '/?vc.model=llama-2-70b&vc.gpus=2&vc.contextTokens=4000&vc.attention=mha');
    render(<VariantComparatorCalculator />);
    // 2·80 GiB·0.9 = 154,618,822,656 − 137,953,296,384 − 819,200,000 = 15,846,326,272 B
    // GQA: / 1,310,720,000 = 12.09 → 12
    expect(cell('vc-concurrency-0')).toBe('12');
    // MHA widens K and V from 1024 to 8192 outputs: 80·2·8192·7168 = 9,395,240,960 more params,
    // 18,790,481,920 B more than the 15,846,326,272 B that were left
    expect(cell('vc-concurrency-1')).toBe('weights do not fit');
    // 68,976,648,192 + 9,395,240,960
    expect(cell('vc-params-1')).toBe('78,371,889,152');
  });

  it('shows the core’s message next to a KV-head count that does not divide h, keeps the last result, never NaN', () => {
    render(<VariantComparatorCalculator />);
    fireEvent.change(screen.getByLabelText('KV heads g'), { target: { value: '5' } });
    expect(screen.getByText(/KV heads g must divide the 32 query heads/)).toBeTruthy();
    expect(cell('vc-kv-token-1')).toBe('131 kB');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Usable fraction u'), { target: { value: '1.5' } });
    expect(screen.getByText('Usable fraction u must be a fraction greater than 0 and at most 1')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('shows the parser’s message next to a bad config.json paste', () => {
    render(<VariantComparatorCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), {
      target: { value: '{"model_type": "llama", "hidden_size": 4096}' },
    });
    expect(screen.getByText(/num_hidden_layers is missing from the config/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});
