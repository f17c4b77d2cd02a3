import { describe } from 'vitest';
import { FORMULAS } from '../../src/core/registry';
import { expect, hydrate, hydrateAll, restores, test, urlWith } from './fixture';

describe('attention-ffn chapter', () => {
  test('renders its math and the anchor of every formula of the page, with no console error', async ({ open }) => {
    const page = await open('attention-ffn/');
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(20);
    const ids = FORMULAS.filter((x) => x.page === 'attention-ffn');
    expect(ids.length).toBeGreaterThanOrEqual(14);
    for (const f of ids) await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    // 12·4096² = 201,326,592 params
    await expect(page.locator('section[data-formula="params.layerApprox"] .result').textContent()).resolves.toContain('201,326,592');
    await hydrateAll(page);
  });

  test('layer cost: 423 GFLOPs for a Llama 2 7B layer; h_kv = 8 gives 371,523,059,712 FLOPs; the link restores it', async ({ open }) => {
    const page = await open('attention-ffn/');
    await hydrate(page, '#lc-hKv');
    // 8·1024·4096² + 4·4096·524,800 + 6·1024·4096·11008 = 137,438,953,472 + 8,598,323,200 + 277,025,390,592
    await expect(page.getByTestId('lc-flops').textContent()).resolves.toContain('423,062,667,264 FLOPs');
    await expect(page.locator('#layer-cost-calculator svg.chart').count()).resolves.toBe(2);
    await page.fill('#lc-hKv', '8');
    // K, V: 2·1024·4096·1024 each → 85,899,345,920 + 8,598,323,200 + 277,025,390,592
    await expect(page.getByTestId('lc-flops').textContent()).resolves.toContain('371,523,059,712 FLOPs');
    // 2·4096² + 2·4096·1024 + 3·4096·11008 + 2·4096
    await expect(page.getByTestId('lc-params').textContent()).resolves.toContain('177,217,536');
    await restores(open, await urlWith(page, 'lc.hKv=8'), { 'lc.hKv': '8' }, { 'lc-flops': '371,523,059,712 FLOPs' });
  });

  test('layer cost: picking BLOOM 7B1 fills the shape (201,379,840 params); bad input shows a message, never NaN', async ({ open }) => {
    const page = await open('attention-ffn/');
    await hydrate(page, '#lc-model');
    await page.selectOption('#lc-model', 'bloom-7b1');
    // 12·4096² + 36,864 bias + 16,384 LayerNorm
    await expect(page.getByTestId('lc-params').textContent()).resolves.toContain('201,379,840');
    await page.fill('#lc-hKv', '5');
    await expect(page.locator('#lc-hKv-error').textContent()).resolves.toContain('must divide');
    await page.selectOption('#lc-model', 'custom');
    await page.fill('#lc-config', '{"model_type": "llama"}');
    await expect(page.locator('#lc-config-error').textContent()).resolves.toContain('config.json');
    const text = await page.locator('#layer-cost-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  test("layer cost: B = 1e6, S = S' = 1e7 reads 823 ZFLOPs and ≈ 8.23 × 10²³ FLOPs, never a broken digit string; a hostile link gives messages by the fields", async ({
    open,
  }) => {
    const page = await open('attention-ffn/?lc.B=1e6&lc.S=1e7&lc.Sc=1e7');
    await hydrate(page, '#lc-hKv');
    // T = 1e13 tokens: projections 1.342e21 + causal attention 8.192e23 + gated FFN 2.705e21 = 8.232e23 FLOPs
    await expect.poll(() => page.getByTestId('lc-flops').textContent()).toBe('823 ZFLOPs≈ 8.23 × 10²³ FLOPs');
    // 24·1e13·4096² + 4·1e20·4096 = 1.642e24, past 2^53: no digits
    await expect(page.getByTestId('lc-article-flops').textContent()).resolves.toContain('≈ 1.64 × 10²⁴ FLOPs');
    await expect(page.locator('#layer-cost-calculator').textContent()).resolves.not.toMatch(/e\+\d|\d,\d{3}e|NaN|Infinity/);

    const query = new URLSearchParams({
      'lc.H': '1e300',
      'lc.h': 'NaN',
      'lc.hKv': '"><svg onload=alert(1)>',
      'lc.S': '9'.repeat(10_000),
      'lc.model': 'llama-9',
      'lc.B': '1e-320',
    });
    const hostile = await open(`attention-ffn/?${query.toString()}`);
    await hydrate(hostile, '#lc-hKv');
    for (const field of ['H', 'h', 'hKv', 'S', 'model', 'B'])
      await expect.poll(() => hostile.locator(`#lc-${field}-error`).count(), { message: `lc.${field}` }).toBe(1);
    // The defaults' result, marked stale: 423,062,667,264 FLOPs.
    await expect(hostile.getByTestId('lc-flops').textContent()).resolves.toContain('423,062,667,264 FLOPs');
    await expect(hostile.locator('#layer-cost-calculator .stale-note').isVisible()).resolves.toBe(true);
    await expect(hostile.locator('svg[onload]').count()).resolves.toBe(0);
  });
});
