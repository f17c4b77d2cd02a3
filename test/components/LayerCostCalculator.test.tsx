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
});
