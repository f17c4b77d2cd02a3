// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import KvCacheCalculator from '../../src/components/islands/KvCacheCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('a link that names a model but not its shape', () => {
  it('shows that model’s shape, as picking it would: Llama 2 13B at 8,192 tokens is 6.71 GB, not the 70B’s 2.68 GB', async () => {
    window.history.replaceState(null, '', '/memory/?kv.model=llama-2-13b&kv.S=8192');
    render(<KvCacheCalculator />);
    // Llama 2 13B: L = 40, h_kv = 40, d = 128; 2·40·8192·40·128·2 B = 6,710,886,400 B.
    expect(((await screen.findByLabelText('Layers L')) as HTMLInputElement).value).toBe('40');
    expect((screen.getByLabelText('KV heads h_kv') as HTMLInputElement).value).toBe('40');
    expect(document.body.textContent).toContain('6.71 GB');
    expect(document.body.textContent).not.toContain('2.68 GB');
  });

  it('keeps a field the link sets itself: kv.L=20 with Llama 2 13B stays 20 (3.36 GB)', async () => {
    window.history.replaceState(null, '', '/memory/?kv.model=llama-2-13b&kv.S=8192&kv.L=20');
    render(<KvCacheCalculator />);
    expect(((await screen.findByLabelText('Layers L')) as HTMLInputElement).value).toBe('20');
    // 2·20·8192·40·128·2 B = 3,355,443,200 B.
    expect(document.body.textContent).toContain('3.36 GB');
  });
});
