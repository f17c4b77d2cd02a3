// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import ShapeTracerCalculator from '../../src/components/islands/ShapeTracerCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';

describe('<ShapeTracerCalculator>', () => {
  it('GPT-2, B=1, S=1024, training: 124,439,808 params, embedding [1, 1024, 768], LM head 79.0 GFLOPs = 29.0%', () => {
    render(<ShapeTracerCalculator />);
    expect(text('trace-params')).toContain('124,439,808');
    // embedding lookup: [B,S] → [B,S,H] = [1, 1024, 768]; V·H = 50,257·768 = 38,597,376 params, 0 FLOPs
    expect(text('trace-embedding')).toContain('[B, S, H]');
    expect(text('trace-embedding')).toContain('[1, 1,024, 768]');
    expect(text('trace-embedding')).toContain('38,597,376');
    expect(text('trace-embedding')).toContain('0 FLOPs');
    // 38,597,376 / 124,439,808 = 31.0%
    expect(text('trace-embedding-share')).toContain('31.0%');
    // LM head: 2·1·1024·768·50,257 = 79,047,426,048 → 79.0 GFLOPs, [1, 1024, 50257]
    expect(text('trace-lmHead')).toContain('79.0 GFLOPs');
    expect(text('trace-lmHead')).toContain('[1, 1,024, 50,257]');
    // 12 layers 193,292,402,688 + head 79,047,426,048 = 272,339,828,736; 79.05/272.34 = 29.0%
    expect(text('trace-flops')).toContain('272 GFLOPs');
    expect(text('trace-head-share')).toContain('29.0%');
  });

  it('prefill computes logits for the last position only: 2·1·1·768·50,257 = 77.2 MFLOPs, and writes the URL', () => {
    render(<ShapeTracerCalculator />);
    fireEvent.change(screen.getByLabelText('Pass'), { target: { value: 'prefill' } });
    expect(text('trace-lmHead')).toContain('77.2 MFLOPs');
    expect(text('trace-lmHead')).toContain('[B, 1, V]');
    expect(window.location.search).toContain('trace.pass=prefill');
  });

  it('restores Llama 2 7B decode at S=4096 from the URL: [1, 1, 4096] through the layers, head 262 MFLOPs', () => {
    window.history.replaceState(null, '', '/?trace.model=llama-2-7b&trace.pass=decode&trace.B=1&trace.S=4096&trace.dtype=bf16');
    render(<ShapeTracerCalculator />);
    expect(text('trace-params')).toContain('6,738,415,616');
    expect(text('trace-layers')).toContain('[1, 1, 4,096]');
    // untied head: 2·1·1·4096·32,000 = 262,144,000 FLOPs; V·H = 131,072,000 params
    expect(text('trace-lmHead')).toContain('262 MFLOPs');
    expect(text('trace-lmHead')).toContain('131,072,000');
  });

  it('a pasted config.json that is not JSON shows the parser message by the box; the last result stays', () => {
    render(<ShapeTracerCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama",' } });
    expect(screen.getByText(/config\.json: the config is not valid JSON/)).toBeTruthy();
    expect(text('trace-params')).toContain('124,439,808');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a pasted GPT-2-style config is traced exactly: 2 layers of H=128 over V=1000', () => {
    render(<ShapeTracerCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    const cfg = { model_type: 'gpt2', n_embd: 128, n_head: 4, n_layer: 2, n_positions: 256, vocab_size: 1000 };
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: JSON.stringify(cfg) } });
    // V·H = 1000·128 = 128,000 embedding parameters
    expect(text('trace-embedding')).toContain('128,000');
    // LM head, training, B=1, S=1024: 2·1·1024·128·1000 = 262,144,000 FLOPs
    expect(text('trace-lmHead')).toContain('262 MFLOPs');
  });

  it('bad B and S get messages by their fields, never NaN', () => {
    render(<ShapeTracerCalculator />);
    fireEvent.change(screen.getByLabelText('Batch B'), { target: { value: '0' } });
    expect(document.getElementById('trace-B-error')?.textContent).toBe(
      'Batch B must be a whole number from 1 to 100,000,000 (far beyond any batch a server or a training step holds)',
    );
    fireEvent.change(screen.getByLabelText('Sequence length S'), { target: { value: '1.5' } });
    expect(document.getElementById('trace-S-error')?.textContent).toContain('Sequence length S must be a whole number from 1 to 1,000,000,000');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('?trace.S=1e160 is refused by the S field, keeps the default trace, and no SVG attribute gets a number that is not finite', () => {
    window.history.replaceState(null, '', '/?trace.S=1e160');
    render(<ShapeTracerCalculator />);
    expect(document.getElementById('trace-S-error')?.textContent).toBe(
      'Sequence length S must be a whole number from 1 to 1,000,000,000 (a hundred times the longest context windows (about 10 million tokens))',
    );
    expect(text('trace-lmHead')).toContain('79.0 GFLOPs');
    for (const el of document.querySelectorAll('svg rect, svg text')) {
      for (const attr of ['x', 'y', 'width', 'height']) {
        const v = el.getAttribute(attr);
        if (v !== null) expect(Number.isFinite(Number(v)), `${el.tagName} ${attr}="${v}"`).toBe(true);
      }
    }
  });

  it('the largest accepted workload, B = 1e8 and S = 1e9, is traced with finite numbers and no raw exponent', () => {
    window.history.replaceState(null, '', '/?trace.model=llama-2-70b&trace.B=1e8&trace.S=1e9');
    render(<ShapeTracerCalculator />);
    // LM head in training: 2·1e8·1e9·8192·32,000 = 5.24e25 FLOPs
    expect(text('trace-lmHead')).toContain('52.4 YFLOPs');
    // logits [1e8, 1e9, 32,000] in bf16: 6.4e21 B
    expect(text('trace-lmHead')).toContain('6.40 ZB');
    expect(text('trace-params')).toContain('68,976,648,192');
    expect(text('trace-flops')).toMatch(/≈ \d\.\d\d × 10\d*/);
    expect(document.querySelector('#shape-tracer')?.textContent).not.toMatch(/e\+\d|NaN|Infinity/);
    for (const rect of document.querySelectorAll('svg rect')) expect(Number.isFinite(Number(rect.getAttribute('width')))).toBe(true);
  });

  it('refuses a hostile link field by field: NaN, markup, 10,000 digits, an unknown model and pass, a JSON fragment', () => {
    const query = new URLSearchParams({
      'trace.model': 'gpt-5',
      'trace.pass': '<b>decode</b>',
      'trace.B': 'NaN',
      'trace.S': '9'.repeat(10_000),
      'trace.dtype': '["bf16"]',
    });
    window.history.replaceState(null, '', `/?${query.toString()}`);
    render(<ShapeTracerCalculator />);
    for (const field of ['model', 'pass', 'dtype']) expect(document.getElementById(`trace-${field}-error`)?.textContent).toContain('not one of the choices');
    expect(document.getElementById('trace-B-error')?.textContent).toBe('Batch B: "NaN" is not a finite number');
    expect(document.getElementById('trace-S-error')?.textContent).toContain('Sequence length S');
    expect(text('trace-params')).toContain('124,439,808');
    expect(document.querySelector('#shape-tracer b')).toBeNull();
  });

  it('a pasted config with num_hidden_layers: 1e15 is refused by the core by the config box, at once', () => {
    render(<ShapeTracerCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    const cfg = { model_type: 'gpt2', n_embd: 128, n_head: 4, n_layer: 1e15, n_positions: 256, vocab_size: 1000 };
    const started = performance.now();
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: JSON.stringify(cfg) } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(document.getElementById('trace-config-error')?.textContent).toMatch(/^config\.json: .*n_layer/);
    expect(text('trace-params')).toContain('124,439,808');
  });

  it('copied Markdown names the model and the pass and links back to the tracer with its numbers', async () => {
    render(<ShapeTracerCalculator />);
    fireEvent.change(screen.getByLabelText('Pass'), { target: { value: 'prefill' } });
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    fireEvent.click(screen.getAllByText('Copy Markdown')[1]!);
    await Promise.resolve();
    // LM head, prefill: 2·1·1·768·50,257 = 77,194,752 FLOPs
    expect(writes[0]).toContain('77,194,752 FLOPs');
    expect(writes[0]).toContain(String.raw`for GPT-2 \(124M\), one prefill pass, B = 1, S = 1,024`);
    expect(writes[0]).toContain('#shape-tracer');
    expect(writes[0]).toContain('trace.pass=prefill');
  });
});
