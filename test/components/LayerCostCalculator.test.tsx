// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import LayerCostCalculator from '../../src/components/islands/LayerCostCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<LayerCostCalculator>', () => {
  it("shows 423 GFLOPs and 202,383,360 params for a Llama 2 7B layer, B=1, S=S'=1024, causal", () => {
    render(<LayerCostCalculator />);
    // projections 8·1024·4096² = 137,438,953,472; attention 4·4096·(1024² − 1024·1023/2) = 8,598,323,200;
    // gated FFN 6·1024·4096·11008 = 277,025,390,592; sum 423,062,667,264
    expect(screen.getByTestId('lc-flops').textContent).toContain('423 GFLOPs');
    expect(screen.getByTestId('lc-flops').textContent).toContain('423,062,667,264 FLOPs');
    // 4·4096² + 3·4096·11008 + 2·4096 = 67,108,864 + 135,266,304 + 8,192
    expect(screen.getByTestId('lc-params').textContent).toContain('202,383,360');
    // 12·4096² = 201,326,592
    expect(screen.getByTestId('lc-article-params').textContent).toContain('201,326,592');
    expect(document.querySelectorAll('svg.chart').length).toBe(2);
    expect(document.querySelector('[data-formula="flops.ffnGated"]')).toBeTruthy();
  });

  it('recomputes for GQA (h_kv = 8): 372 GFLOPs, 177,217,536 params, and switches the model to by hand', () => {
    render(<LayerCostCalculator />);
    fireEvent.change(screen.getByLabelText('KV heads h_kv'), { target: { value: '8' } });
    // K, V: 2·1024·4096·1024 = 8,589,934,592 each; projections 2·34,359,738,368 + 2·8,589,934,592 = 85,899,345,920
    // + 8,598,323,200 + 277,025,390,592 = 371,523,059,712
    expect(screen.getByTestId('lc-flops').textContent).toContain('371,523,059,712 FLOPs');
    // 2·4096² + 2·4096·1024 + 135,266,304 + 8,192 = 33,554,432 + 8,388,608 + 135,274,496
    expect(screen.getByTestId('lc-params').textContent).toContain('177,217,536');
    expect((screen.getByLabelText('Layer shape from') as HTMLSelectElement).value).toBe('manual');
    expect(window.location.search).toContain('lc.hKv=8');
  });

  it('fills the shape from a preset: BLOOM 7B1 has 201,379,840 params per layer', () => {
    render(<LayerCostCalculator />);
    fireEvent.change(screen.getByLabelText('Layer shape from'), { target: { value: 'bloom-7b1' } });
    expect((screen.getByLabelText('FFN width I') as HTMLInputElement).value).toBe('16384');
    // 12·4096² + biases (3·4096 + 4096 + 16384 + 4096) + LayerNorms 2·(4096 + 4096) = 201,326,592 + 36,864 + 16,384
    expect(screen.getByTestId('lc-params').textContent).toContain('201,379,840');
  });

  it("restores its inputs from the URL: BLOOM layer at S = S' = 1 is 403 MFLOPs", () => {
    window.history.replaceState(
      null,
      '',
      '/?lc.model=manual&lc.H=4096&lc.h=32&lc.hKv=32&lc.d=128&lc.I=16384&lc.ffn=mlp&lc.norm=layernorm&lc.bias=all&lc.B=1&lc.S=1&lc.Sc=1&lc.attention=causal',
    );
    render(<LayerCostCalculator />);
    // 8·4096² + 4·4096·1 + 16·4096² = 134,217,728 + 16,384 + 268,435,456 = 402,669,568
    expect(screen.getByTestId('lc-flops').textContent).toContain('402,669,568 FLOPs');
    expect(screen.getByTestId('lc-params').textContent).toContain('201,379,840');
  });

  it('puts the message by the field for h_kv that does not divide h, and keeps the last result marked stale', () => {
    render(<LayerCostCalculator />);
    fireEvent.change(screen.getByLabelText('KV heads h_kv'), { target: { value: '5' } });
    expect(document.getElementById('lc-hKv-error')?.textContent).toContain('must divide query heads h');
    expect(screen.getByTestId('lc-flops').textContent).toContain('423 GFLOPs');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('New tokens S'), { target: { value: 'abc' } });
    expect(document.getElementById('lc-S-error')?.textContent).toContain('is not a number');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it("rejects S' < S next to the context field", () => {
    render(<LayerCostCalculator />);
    fireEvent.change(screen.getByLabelText("Context S'"), { target: { value: '10' } });
    expect(document.getElementById('lc-Sc-error')?.textContent).toContain('at least S');
  });

  it("shows the parser's message next to the box for a bad config.json paste", () => {
    render(<LayerCostCalculator />);
    fireEvent.change(screen.getByLabelText('Layer shape from'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "num_hidden_layers": 2}' } });
    expect(document.getElementById('lc-config-error')?.textContent).toMatch(/config\.json: .*hidden_size/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it("B = 1e6, S = S' = 1e7: 823 ZFLOPs, ≈ 8.23 × 10²³ FLOPs, never a raw exponent or a broken digit string", () => {
    window.history.replaceState(null, '', '/?lc.B=1e6&lc.S=1e7&lc.Sc=1e7');
    render(<LayerCostCalculator />);
    // T = B·S = 1e13; projections 8·1e13·4096² = 1.342e21; FFN 6·1e13·4096·11008 = 2.705e21;
    // causal attention 4·1e6·4096·(1e14 − 1e7·(1e7 − 1)/2) = 8.192e23; total 8.232e23
    expect(screen.getByTestId('lc-flops').textContent).toBe('823 ZFLOPs≈ 8.23 × 10²³ FLOPs');
    // 24·1e13·4096² + 4·1e13·1e7·4096 = 4.03e21 + 1.638e24 = 1.642e24: past 2^53, so no digits
    expect(screen.getByTestId('lc-article-flops').textContent).toBe('1.64 YFLOPs≈ 1.64 × 10²⁴ FLOPs (MHA, 4H FFN, full attention)');
    // 4·4096² + 3·4096·11008 + 2·4096 = 202,383,360, still exact
    expect(screen.getByTestId('lc-params').textContent).toContain('202,383,360');
    expect(document.querySelector('#layer-cost-calculator')?.textContent).not.toMatch(/e\+\d|\d,\d{3},\d{3}e|NaN|Infinity/);
    for (const rect of document.querySelectorAll('svg rect')) expect(Number.isFinite(Number(rect.getAttribute('width')))).toBe(true);
  });

  it('refuses a hostile link field by field and keeps the defaults: 1e300, NaN, markup, 10,000 digits, an unknown model, a JSON fragment', () => {
    const query = new URLSearchParams({
      'lc.model': 'llama-9-1t',
      'lc.H': '1e300',
      'lc.h': 'NaN',
      'lc.hKv': '"><svg onload=alert(1)>',
      'lc.S': '9'.repeat(10_000),
      'lc.Sc': '-1',
      'lc.B': '1e-320',
      'lc.ffn': '{"gated":true}',
    });
    window.history.replaceState(null, '', `/?${query.toString()}`);
    render(<LayerCostCalculator />);
    expect(document.getElementById('lc-model-error')?.textContent).toContain('not one of the choices');
    expect(document.getElementById('lc-H-error')?.textContent).toBe(
      'Hidden size H must be a whole number from 1 to 10,000,000 (the widest published FFNs are under 100,000)',
    );
    expect(document.getElementById('lc-h-error')?.textContent).toBe('Query heads h: "NaN" is not a finite number');
    expect(document.getElementById('lc-hKv-error')?.textContent).toContain('KV heads h_kv');
    expect(document.getElementById('lc-S-error')?.textContent).toContain('New tokens S');
    expect(document.getElementById('lc-Sc-error')?.textContent).toContain("Context S'");
    expect(document.getElementById('lc-B-error')?.textContent).toContain('Batch B');
    expect(document.getElementById('lc-ffn-error')?.textContent).toContain('not one of the choices');
    // The defaults' result, marked stale: 423,062,667,264 FLOPs.
    expect(screen.getByTestId('lc-flops').textContent).toContain('423,062,667,264 FLOPs');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.querySelectorAll('svg[onload], svg script').length).toBe(0);
    expect(document.querySelector('#layer-cost-calculator [aria-live]')?.textContent).not.toMatch(/NaN|Infinity|e\+\d/);
  });

  it('copied Markdown names the layer shape and the workload and links back to this calculator with its numbers', async () => {
    render(<LayerCostCalculator />);
    fireEvent.change(screen.getByLabelText('KV heads h_kv'), { target: { value: '8' } });
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    // Q, K, V, O for GQA: 2·1·1024·(2·4096·32·128 + 2·4096·8·128) = 85,899,345,920 FLOPs
    expect(writes[0]).toContain('85,899,345,920 FLOPs');
    expect(writes[0]).toContain(
      String.raw`for a layer with H = 4,096, h = 32, h\_kv = 8, d = 128, I = 11,008 gated, B = 1, S = 1,024, S' = 1,024, causal attention`,
    );
    expect(writes[0]).toContain('#layer-cost-calculator');
    expect(writes[0]).toContain('lc.hKv=8');
  });
});
