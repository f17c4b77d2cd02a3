// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import FlopsPerTokenCalculator from '../../src/components/islands/FlopsPerTokenCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<FlopsPerTokenCalculator>', () => {
  it("shows 30.4 GFLOPs exact, 13.5 GFLOPs for 2N and 30.7 GFLOPs for the article, Llama 2 7B decode at S' = 32,768", () => {
    render(<FlopsPerTokenCalculator />);
    // 32·(2·4·4096² + 2·3·4096·11008 + 4·4096·32768) + 2·4096·32000
    // = 32·(134,217,728 + 270,532,608 + 536,870,912) + 262,144,000 = 30,131,879,936 + 262,144,000
    expect(screen.getByTestId('fpt-exact').textContent).toContain('30,394,023,936 FLOPs');
    // 2·6,738,415,616 = 13,476,831,232
    expect(screen.getByTestId('fpt-2n').textContent).toContain('13.5 GFLOPs');
    // 13,476,831,232 + 4·32·4096·32768 = 13,476,831,232 + 17,179,869,184 = 30,656,700,416
    expect(screen.getByTestId('fpt-article').textContent).toContain('30.7 GFLOPs');
    // 6,738,415,616 / (2·32·4096) = 25,705.0
    expect(screen.getByTestId('fpt-crossover').textContent).toContain('25.7k tokens');
    expect(document.querySelector('svg.chart')).toBeTruthy();
    expect(document.querySelector('[data-formula="flops.forward"]')).toBeTruthy();
  });

  it("recomputes for S' = 4,096 (15,361,638,400 FLOPs) and for the prefill mean (14,288,158,720 FLOPs)", () => {
    render(<FlopsPerTokenCalculator />);
    fireEvent.change(screen.getByLabelText("Longest context S'"), { target: { value: '4096' } });
    // 32·(134,217,728 + 270,532,608 + 67,108,864) + 262,144,000
    expect(screen.getByTestId('fpt-exact').textContent).toContain('15,361,638,400 FLOPs');
    fireEvent.change(screen.getByLabelText('Which token'), { target: { value: 'prefill' } });
    // 32·(134,217,728 + 270,532,608) + 262,144,000 + 32·4·4096·(4097/2)
    // = 13,214,154,752 + 1,074,003,968
    expect(screen.getByTestId('fpt-exact').textContent).toContain('14,288,158,720 FLOPs');
    expect(window.location.search).toContain('fpt.Sc=4096');
    expect(window.location.search).toContain('fpt.mode=prefill');
  });

  it("restores its inputs from the URL: Llama 2 70B at S' = 4,096 is 148,163,788,800 FLOPs per token", () => {
    window.history.replaceState(null, '', '/?fpt.model=llama-2-70b&fpt.Sc=4096&fpt.mode=decode');
    render(<FlopsPerTokenCalculator />);
    // 80·(2·(2·8192² + 2·8192·1024) + 2·3·8192·28672 + 4·64·128·4096) + 2·8192·32000
    // = 80·(301,989,888 + 1,409,286,144 + 134,217,728) + 524,288,000
    expect(screen.getByTestId('fpt-exact').textContent).toContain('148,163,788,800 FLOPs');
  });

  it('puts a message next to a bad context and a bad config paste, never NaN', () => {
    render(<FlopsPerTokenCalculator />);
    fireEvent.change(screen.getByLabelText("Longest context S'"), { target: { value: '0' } });
    expect(document.getElementById('fpt-Sc-error')?.textContent).toContain("Longest context S' must be a whole number from 1 to 1,000,000,000");
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Longest context S'"), { target: { value: '2048' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "gpt7"}' } });
    expect(document.getElementById('fpt-config-error')?.textContent).toMatch(/config\.json: .*gpt7/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it("S' = 20,000,000 passes the field's bound but not the sweep's: the core's message lands by the S' field", () => {
    render(<FlopsPerTokenCalculator />);
    fireEvent.change(screen.getByLabelText("Longest context S'"), { target: { value: '20M' } });
    expect(document.getElementById('fpt-Sc-error')?.textContent).toBe("Context S' must be at most 10,000,000 tokens");
    expect(screen.getByTestId('fpt-exact').textContent).toContain('30,394,023,936 FLOPs');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.querySelector('#flops-per-token-calculator > p.error')).toBeNull();
  });

  it("DeepSeek-V3 at S' = 10,000,000: every figure finite and formatted, the chart drawn from finite numbers", () => {
    window.history.replaceState(null, '', '/?fpt.model=deepseek-v3&fpt.Sc=10M');
    render(<FlopsPerTokenCalculator />);
    expect(screen.getByTestId('fpt-exact').textContent).toMatch(/^\d+(\.\d+)? [GTP]FLOPs/);
    expect(screen.getByTestId('fpt-crossover').textContent).toContain('N = active parameters');
    expect(document.querySelector('#flops-per-token-calculator')?.textContent).not.toMatch(/e\+\d|NaN|Infinity/);
    for (const el of document.querySelectorAll('svg path, svg line, svg circle, svg rect')) {
      for (const attr of ['x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'width', 'height']) {
        const v = el.getAttribute(attr);
        if (v !== null) expect(Number.isFinite(Number(v)), `${el.tagName} ${attr}="${v}"`).toBe(true);
      }
      expect(el.getAttribute('d') ?? '').not.toContain('NaN');
    }
  });

  it('refuses a hostile link field by field and keeps the defaults: 1e300, markup, an unknown model and mode', () => {
    const query = new URLSearchParams({ 'fpt.model': '"><img src=x onerror=alert(1)>', 'fpt.Sc': '1e300', 'fpt.mode': 'NaN' });
    window.history.replaceState(null, '', `/?${query.toString()}`);
    render(<FlopsPerTokenCalculator />);
    expect(document.getElementById('fpt-model-error')?.textContent).toContain('not one of the choices');
    expect(document.getElementById('fpt-mode-error')?.textContent).toContain('not one of the choices');
    expect(document.getElementById('fpt-Sc-error')?.textContent).toContain("Longest context S' must be a whole number from 1 to 1,000,000,000");
    expect(screen.getByTestId('fpt-exact').textContent).toContain('30,394,023,936 FLOPs');
    expect(document.querySelector('img')).toBeNull();
  });

  it('copied Markdown names the model and the context and links back to this calculator with its numbers', async () => {
    render(<FlopsPerTokenCalculator />);
    fireEvent.change(screen.getByLabelText("Longest context S'"), { target: { value: '4096' } });
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    // 2·6,738,415,616 + 4·32·4096·4096 = 13,476,831,232 + 2,147,483,648 = 15,624,314,880 FLOPs
    expect(writes[0]).toContain('15,624,314,880 FLOPs');
    expect(writes[0]).toContain("for Llama 2 7B, decode at S' = 4,096");
    expect(writes[0]).toContain('#flops-per-token-calculator');
    expect(writes[0]).toContain('fpt.Sc=4096');
  });
});
