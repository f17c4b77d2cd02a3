import { describe } from 'vitest';
import { expect, hydrate, hydrateAll, restores, test, urlWith } from './fixture';
import { FORMULAS } from '../../src/core/registry';
import deepseekV3 from '../../src/data/models/deepseek-v3.json';

describe('parameters-and-flops chapter', () => {
  test('renders its math, the anchor of every formula of the page, and the exact Llama 2 7B count', async ({ open }) => {
    const page = await open('parameters-and-flops/');
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(10);
    const formulas = FORMULAS.filter((x) => x.page === 'parameters-and-flops');
    expect(formulas.length).toBeGreaterThanOrEqual(4);
    for (const f of formulas) await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    // 12·32·4096² + 32000·4096 = 6,573,522,944
    await expect(page.locator('section[data-formula="params.approx"] .result').textContent()).resolves.toContain('6,573,522,944');
    // 32·202,383,360 + 2·32000·4096 + 4096 = 6,738,415,616 (the official count)
    await expect(page.locator('#exact-count ~ table').first().textContent()).resolves.toContain('6,738,415,616');
    await hydrateAll(page);
  });

  test('parameter counter: Llama 2 7B is 6,738,415,616; BLOOM 7B1 is 7,069,016,064; the link restores it', async ({ open }) => {
    const page = await open('parameters-and-flops/');
    await hydrate(page, '#pc-model');
    await expect(page.getByTestId('pc-total').textContent()).resolves.toContain('6,738,415,616');
    await page.selectOption('#pc-model', 'bloom-7b1');
    // 30·201,379,840 + 250,880·4096 + 2·(4096 + 4096)
    await expect(page.getByTestId('pc-total').textContent()).resolves.toContain('7,069,016,064');
    await expect(page.getByTestId('pc-official').textContent()).resolves.toContain('✓');
    const { page: fresh } = await restores(open, await urlWith(page, 'pc.model=bloom-7b1'), { 'pc.model': 'bloom-7b1' }, { 'pc-total': '7,069,016,064' });
    await fresh.selectOption('#pc-model', 'custom');
    await fresh.fill('#pc-config', '{"model_type": "llama", "hidden_size": 4096}');
    await expect(fresh.locator('#pc-config-error').textContent()).resolves.toContain('config.json');
    expect(await fresh.locator('#parameter-counter').textContent()).not.toMatch(/NaN|Infinity/);
  });

  test("FLOPs per token: 30,394,023,936 at S' = 32,768, 15,361,638,400 at 4,096; the link restores it; bad input is reported", async ({ open }) => {
    const page = await open('parameters-and-flops/');
    await hydrate(page, '#fpt-Sc');
    // 32·(134,217,728 + 270,532,608 + 4·4096·32768) + 2·4096·32000
    await expect(page.getByTestId('fpt-exact').textContent()).resolves.toContain('30,394,023,936 FLOPs');
    await expect(page.locator('#flops-per-token-calculator svg.chart').count()).resolves.toBe(1);
    await page.fill('#fpt-Sc', '4096');
    // 32·(134,217,728 + 270,532,608 + 67,108,864) + 262,144,000
    await expect(page.getByTestId('fpt-exact').textContent()).resolves.toContain('15,361,638,400 FLOPs');
    const { page: fresh } = await restores(open, await urlWith(page, 'fpt.Sc=4096'), { 'fpt.Sc': '4096' }, { 'fpt-exact': '15,361,638,400 FLOPs' });
    await fresh.fill('#fpt-Sc', '-5');
    await expect(fresh.locator('#fpt-Sc-error').textContent()).resolves.toContain("Longest context S' must be a whole number from 1 to 1,000,000,000");
    expect(await fresh.locator('#flops-per-token-calculator').textContent()).not.toMatch(/NaN|Infinity/);
  });

  test('parameter counter: a link whose pc.config holds DeepSeek-V3 with num_hidden_layers: 1e15 is refused by the config box at once, and the page stays live', async ({
    open,
  }) => {
    const query = new URLSearchParams({ 'pc.model': 'custom', 'pc.config': JSON.stringify({ ...deepseekV3, num_hidden_layers: 1e15 }) });
    const started = Date.now();
    const page = await open(`parameters-and-flops/?${query.toString()}`);
    await hydrate(page, '#pc-model');
    await expect.poll(() => page.locator('#pc-config-error').textContent()).toMatch(/^config\.json: .*num_hidden_layers/);
    await expect(page.getByTestId('pc-total').textContent()).resolves.toContain('6,738,415,616');
    // The main thread answers: a script runs at once and the select recomputes.
    const ping = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - ping).toBeLessThan(1000);
    await page.selectOption('#pc-model', 'bloom-7b1');
    await expect(page.getByTestId('pc-total').textContent()).resolves.toContain('7,069,016,064');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test("FLOPs per token: S' = 20M passes the field's bound but not the sweep's; a hostile link gives messages by the fields, never a console error", async ({
    open,
  }) => {
    const query = new URLSearchParams({ 'fpt.Sc': '20M', 'fpt.mode': '<b>x</b>', 'pc.model': 'NaN' });
    const page = await open(`parameters-and-flops/?${query.toString()}`);
    await hydrate(page, '#fpt-Sc');
    await expect.poll(() => page.locator('#fpt-Sc-error').textContent()).toBe("Context S' must be at most 10,000,000 tokens");
    await expect(page.locator('#fpt-mode-error').textContent()).resolves.toContain('not one of the choices');
    await hydrate(page, '#pc-model');
    await expect(page.locator('#pc-model-error').textContent()).resolves.toContain('not one of the choices');
    await expect(page.getByTestId('fpt-exact').textContent()).resolves.toContain('30,394,023,936 FLOPs');
    await expect(page.locator('#flops-per-token-calculator b').count()).resolves.toBe(0);
  });
});
