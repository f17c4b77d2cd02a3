// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import ParameterCounterCalculator from '../../src/components/islands/ParameterCounterCalculator';
import llama27bConfig from '../../src/data/models/llama-2-7b.json';
import deepseekV3 from '../../src/data/models/deepseek-v3.json';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<ParameterCounterCalculator>', () => {
  it('counts Llama 2 7B exactly: 6,738,415,616 params, matching the official count, 2.45% above 12LH² + VH', () => {
    render(<ParameterCounterCalculator />);
    // 32·(4·4096² + 3·4096·11008 + 2·4096) + 2·32000·4096 + 4096 = 6,476,267,520 + 262,144,000 + 4,096
    expect(screen.getByTestId('pc-total').textContent).toContain('6,738,415,616');
    expect(screen.getByTestId('pc-official').textContent).toContain('✓');
    // 12·32·4096² + 32000·4096 = 6,442,450,944 + 131,072,000 = 6,573,522,944
    expect(screen.getByTestId('pc-approx').textContent).toContain('6,573,522,944');
    // (6,573,522,944 − 6,738,415,616) / 6,738,415,616 = −2.447%
    expect(screen.getByTestId('pc-approx').textContent).toContain('-2.45%');
    expect(screen.getByTestId('pc-error').textContent).toContain('+164,892,672');
    expect(screen.getByTestId('pc-ledger').textContent).toContain('layers.*.self_attn.q_proj.weight');
    expect(document.querySelector('svg.chart')).toBeTruthy();
  });

  it('recomputes for BLOOM 7B1: 7,069,016,064 params, 1,613,824 more than 12LH² + VH', () => {
    render(<ParameterCounterCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'bloom-7b1' } });
    // 30·201,379,840 + 250,880·4096 + 2·(4096 + 4096) = 6,041,395,200 + 1,027,604,480 + 16,384
    expect(screen.getByTestId('pc-total').textContent).toContain('7,069,016,064');
    // 12·30·4096² + 250,880·4096 = 6,039,797,760 + 1,027,604,480 = 7,067,402,240
    expect(screen.getByTestId('pc-approx').textContent).toContain('7,067,402,240');
    expect(screen.getByTestId('pc-error').textContent).toContain('+1,613,824');
    expect(window.location.search).toContain('pc.model=bloom-7b1');
  });

  it('selects a preset from the URL (?pc.model=llama-2-70b): 68,976,648,192 params', () => {
    window.history.replaceState(null, '', '/?pc.model=llama-2-70b');
    render(<ParameterCounterCalculator />);
    // 80·(2·8192² + 2·8192·1024 + 3·8192·28672 + 2·8192) + 2·32000·8192 + 8192
    // = 80·855,654,400 + 524,288,000 + 8,192 = 68,452,352,000 + 524,296,192
    expect(screen.getByTestId('pc-total').textContent).toContain('68,976,648,192');
    expect(screen.getByTestId('pc-official').textContent).toContain('✓');
  });

  it('counts a pasted config.json the same as the preset, with no official figure', () => {
    render(<ParameterCounterCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: JSON.stringify(llama27bConfig) } });
    expect(screen.getByTestId('pc-total').textContent).toContain('6,738,415,616');
    expect(screen.getByTestId('pc-official').textContent).toContain('no official figure');
  });

  it("shows the parser's message by the box for a bad paste and keeps the last result, never NaN", () => {
    render(<ParameterCounterCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096' } });
    expect(document.getElementById('pc-config-error')?.textContent).toMatch(/config\.json/);
    expect(screen.getByTestId('pc-total').textContent).toContain('6,738,415,616');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama", "hidden_size": 4096}' } });
    expect(document.getElementById('pc-config-error')?.textContent).toMatch(/config\.json: .*num_/);
  });

  it('reports an unknown model id from a link next to the select', () => {
    window.history.replaceState(null, '', '/?pc.model=llama-9');
    render(<ParameterCounterCalculator />);
    expect(document.getElementById('pc-model-error')?.textContent).toContain('not one of the choices');
  });

  it('a link whose pc.config holds DeepSeek-V3 with num_hidden_layers: 1e15 is refused at once by the config box; the page stays live', () => {
    const query = new URLSearchParams({ 'pc.model': 'custom', 'pc.config': JSON.stringify({ ...deepseekV3, num_hidden_layers: 1e15 }) });
    window.history.replaceState(null, '', `/?${query.toString()}`);
    const started = performance.now();
    render(<ParameterCounterCalculator />);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(document.getElementById('pc-config-error')?.textContent).toMatch(/^config\.json: .*num_hidden_layers/);
    // The defaults' ledger stays, and the select still answers.
    expect(screen.getByTestId('pc-total').textContent).toContain('6,738,415,616');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'bloom-7b1' } });
    expect(screen.getByTestId('pc-total').textContent).toContain('7,069,016,064');
    expect(document.getElementById('pc-config-error')).toBeNull();
  });

  it('a model past 2^53 − 1 parameters is counted with ≈ and 3 significant figures, and says so', () => {
    render(<ParameterCounterCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    const cfg = {
      model_type: 'llama',
      hidden_size: 1_000_000,
      intermediate_size: 4_000_000,
      num_attention_heads: 1000,
      num_key_value_heads: 1000,
      num_hidden_layers: 1000,
      vocab_size: 32000,
      tie_word_embeddings: false,
    };
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: JSON.stringify(cfg) } });
    // 1000·(4·1e12 + 3·1e6·4e6 + 2·1e6) + 2·32,000·1e6 + 1e6 = 1.6000000002e16 + 6.4e10 + 1e6 ≈ 1.60e16 > 2^53 − 1
    expect(screen.getByTestId('pc-total').textContent).toContain('≈ 1.60 × 10¹⁶');
    expect(screen.getByTestId('pc-inexact').textContent).toContain('9,007,199,254,740,991');
    // 12·1000·1e12 + 32,000·1e6 = 1.2e16 + 3.2e10 ≈ 1.20e16
    expect(screen.getByTestId('pc-approx').textContent).toContain('≈ 1.20 × 10¹⁶');
    expect(document.querySelector('#parameter-counter')?.textContent).not.toMatch(/e\+\d|NaN|Infinity/);
  });

  it('refuses a hostile link by the field it belongs to: markup as the model, 10,000 characters of JSON fragment as the config', () => {
    const query = new URLSearchParams({ 'pc.model': '<img src=x onerror=alert(1)>' });
    window.history.replaceState(null, '', `/?${query.toString()}`);
    render(<ParameterCounterCalculator />);
    expect(document.getElementById('pc-model-error')?.textContent).toContain('not one of the choices');
    expect(document.querySelector('img')).toBeNull();
    cleanup();
    window.history.replaceState(
      null,
      '',
      `/?${new URLSearchParams({ 'pc.model': 'custom', 'pc.config': `{"model_type": "llama", "x": "${'9'.repeat(10_000)}` }).toString()}`,
    );
    render(<ParameterCounterCalculator />);
    expect(document.getElementById('pc-config-error')?.textContent).toMatch(/^config\.json: the config is not valid JSON/);
    expect(screen.getByTestId('pc-total').textContent).toContain('6,738,415,616');
  });

  it('copied Markdown names the model and links back to the counter with it', async () => {
    render(<ParameterCounterCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'llama-2-13b' } });
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    // 12·40·5120² + 32,000·5120 = 12,582,912,000 + 163,840,000 = 12,746,752,000
    expect(writes[0]).toContain('12,746,752,000');
    expect(writes[0]).toContain('for Llama 2 13B');
    expect(writes[0]).toContain('#parameter-counter');
    expect(writes[0]).toContain('pc.model=llama-2-13b');
  });
});
