// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import PagedKvCalculator from '../../src/components/islands/PagedKvCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const headline = (id: string) => screen.getByTestId(id).firstChild?.textContent;

describe('<PagedKvCalculator>', () => {
  it('Llama 2 70B fp16 on 2 × A800, 3,000 + 1,000 tokens: blocks of 5,242,880 B, 2,729 of them; 10 reserved, 12 paged, 16 with a 1,000-token prefix hit by 90%', () => {
    render(<PagedKvCalculator />);
    // 2·80·8·128·2·16 = 5,242,880 B
    expect(text('pkv-block')).toContain('5,242,880 B');
    // ⌊14,310,624,256 / 5,242,880⌋ = 2,729
    expect(headline('pkv-blocks')).toBe('2,729');
    // ⌊14,310,624,256 / (4,096·327,680)⌋ = 10
    expect(headline('pkv-reserved')).toBe('10');
    // ⌊2,729 / 219.248⌋ = 12
    expect(headline('pkv-paged')).toBe('12');
    // 992 cached tokens = 62 blocks; ⌊(2,729 − 62) / (219.248 − 0.9·62)⌋ = 16
    expect(headline('pkv-prefix')).toBe('16');
    expect(text('pkv-prefix')).toContain('992 cached tokens (62 blocks)');
    // 3,500.5 held of 4,096 reserved = 85.5%
    expect(text('pkv-reserved')).toContain('85.5% holding tokens');
    expect(document.querySelector('[data-formula="serving.kvBlockBytes"]')).toBeTruthy();
    expect(document.querySelector('[data-formula="serving.prefixCachedTokens"]')).toBeTruthy();
    expect(document.querySelector('#paged-kv-calculator svg.chart')).toBeTruthy();
  });

  it('no prefix (P = 0) hides the prefix rows; a block of 1 token wastes nothing: 3,500.5 of 3,500.5 slots', () => {
    render(<PagedKvCalculator />);
    fireEvent.change(screen.getByLabelText('Shared prefix tokens'), { target: { value: '0' } });
    expect(screen.queryByTestId('pkv-prefix')).toBeNull();
    fireEvent.change(screen.getByLabelText('Tokens per block b'), { target: { value: '1' } });
    expect(text('pkv-paged')).toContain('100% holding tokens');
    expect(window.location.search).toContain('pkv.b=1');
  });

  it('a reserved slot shorter than S + O is refused by its field (the core’s maxTokens)', () => {
    render(<PagedKvCalculator />);
    fireEvent.change(screen.getByLabelText('Reserved slot (tokens)'), { target: { value: '2000' } });
    expect(document.getElementById('pkv-R-error')?.textContent).toContain('the reserved length must hold the prompt and the output');
  });

  it('a prefix longer than the prompt lands by the prefix field', () => {
    render(<PagedKvCalculator />);
    fireEvent.change(screen.getByLabelText('Shared prefix tokens'), { target: { value: '5000' } });
    expect(document.getElementById('pkv-P-error')?.textContent).toContain('cannot be longer than the prompt');
  });

  it('a hostile link (1e300, -1, text, an unknown GPU, a hit rate of 2) is refused field by field', () => {
    window.history.replaceState(null, '', '/?pkv.G=1e300&pkv.b=-1&pkv.P=abc&pkv.gpu=a900&pkv.h=2');
    render(<PagedKvCalculator />);
    for (const f of ['G', 'b', 'P', 'gpu', 'h']) expect(document.getElementById(`pkv-${f}-error`)?.textContent, f).toBeTruthy();
    expect(document.getElementById('pkv-h-error')?.textContent).toContain('at most 1');
    expect(document.querySelector('dl.results')?.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('copied Markdown names the setup and links back to this calculator with its numbers', async () => {
    window.history.replaceState(null, '', '/serving-in-practice/?pkv.b=32');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<PagedKvCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('Llama 2 70B on 2 × NVIDIA A800 SXM4 80GB, requests of 3,000 + 1,000 tokens, fp16 KV cache in blocks of 32');
    expect(writes[0]).toContain('#paged-kv-calculator');
    expect(writes[0]).toContain('pkv.b=32');
  });
});
