import { describe } from 'vitest';
import { expect, hydrate, restores, test as it, textOf, urlWith } from './fixture';

describe('playground', () => {
  it('renders every group of results for the defaults, with live math and two charts, and is linked from the header', async ({ open }) => {
    const page = await open('playground/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Playground');
    await expect(page.locator('.site-header nav a', { hasText: 'Playground' }).count()).resolves.toBe(1);
    await hydrate(page, '#pg-G');
    for (const heading of [
      'Parameters',
      'FLOPs per token',
      'Serving memory and concurrency',
      'Latency by roofline',
      'Training time',
      'Parallel plan (training)',
    ]) {
      await expect(page.locator('.pg-group h4', { hasText: heading }).count(), heading).resolves.toBe(1);
    }
    // Llama 2 7B, counted tensor by tensor.
    await expect(page.getByTestId('pg-params').textContent()).resolves.toContain('6,738,415,616');
    // 12·32·4096² + 32000·4096 = 6,573,522,944, shown as a live derivation in MathML.
    await expect(page.getByTestId('result-params.approx').textContent()).resolves.toContain('6,573,522,944');
    await expect(page.locator('#playground-calculator math').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator('#playground-calculator svg.chart').count()).resolves.toBe(2);
    const text = await page.locator('#playground-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('responds to input, keeps its state in the URL, and restores it from a link', async ({ open }) => {
    const page = await open('playground/');
    await hydrate(page, '#pg-G');
    // servingScenario: (8 × 84,987,084,800 × 0.9 − 13,476,831,232 − 591,488,000) / 2,097,152,000 = 285.07 → 285
    await expect(textOf(page, 'pg-concurrency', 'headline')).resolves.toBe('285');
    await page.selectOption('#pg-model', 'llama-2-70b');
    await page.fill('#pg-G', '2');
    await page.fill('#pg-dp', '2');
    // 68,976,648,192 × 2 B of weights; 2 × 84,987,084,800 × 0.9 = 152,976,752,640 B usable;
    // KV per request 2·80·4000·8·128·2 = 1,310,720,000 B; activations of one 3,000-token prefill on 2 GPUs
    // 2·(2·3000·8192·2) + 3000·3·28672·2 + 4·32000 = 712,832,000 B;
    // (152,976,752,640 − 137,953,296,384 − 712,832,000) / 1,310,720,000 = 10.9 → 10
    await expect(page.getByTestId('pg-params').textContent()).resolves.toContain('68,976,648,192');
    await expect(page.getByTestId('pg-capacity').textContent()).resolves.toContain('153 GB');
    await expect(textOf(page, 'pg-concurrency', 'headline')).resolves.toBe('10');
    await expect(page.getByTestId('pg-mem-verdict').textContent()).resolves.toBe('do not fit');
    const url = await urlWith(page, 'pg.model=llama-2-70b', 'pg.G=2', 'pg.dp=2');

    const fresh = await restores(open, url, { 'pg.G': '2', 'pg.model': 'llama-2-70b' }, { 'pg-params': '68,976,648,192' });
    await expect(textOf(fresh.page, 'pg-concurrency', 'headline')).resolves.toBe('10');
  });

  it('refuses a hostile link field by field, keeps the default numbers, and logs no console error', async ({ open }) => {
    const page = await open(
      `playground/?pg.D=1e300&pg.G=NaN&pg.model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&pg.Sin=${'3'.repeat(10_000)}&pg.tp=%7B%22a%22%3A1%7D`,
    );
    await hydrate(page, '#pg-G');
    await page.waitForSelector('#pg-D-error');
    await expect(page.locator('#pg-D-error').textContent()).resolves.toContain('Training tokens D must be a number from 1 to 1e18');
    await expect(page.locator('#pg-G-error').textContent()).resolves.toContain('is not a finite number');
    await expect(page.locator('#pg-model-error').textContent()).resolves.toContain('is not one of the choices');
    await expect(page.locator('#pg-Sin-error').textContent()).resolves.toContain('10,000 characters');
    await expect(page.locator('#pg-tp-error').textContent()).resolves.toContain('is not a number');
    // The defaults' numbers, marked stale.
    await expect(textOf(page, 'pg-concurrency', 'headline')).resolves.toBe('285');
    await expect(page.locator('#playground-calculator .stale-note').isVisible()).resolves.toBe(true);
    await expect(page.locator('#playground-calculator img').count()).resolves.toBe(0);
  });

  it('shows messages next to bad inputs and never NaN', async ({ open }) => {
    const page = await open('playground/');
    await hydrate(page, '#pg-tp');
    await page.fill('#pg-tp', '3');
    await expect(page.locator('#pg-tp-error').textContent()).resolves.toContain('TP = 3 must divide the 32 attention heads');
    await page.fill('#pg-tp', '1');
    await page.fill('#pg-Sout', '-5');
    await expect(page.locator('#pg-Sout-error').textContent()).resolves.toContain('must be a whole number from 1 to 1,000,000,000');
    await expect(page.getAttribute('#pg-Sout', 'aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#playground-calculator .stale-note').isVisible()).resolves.toBe(true);
    await page.selectOption('#pg-model', 'custom');
    await page.fill('#pg-config', '{"model_type": "llama"');
    await expect(page.locator('#pg-config-error').textContent()).resolves.toMatch(/not valid JSON/);
    const text = await page.locator('#playground-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
  });
});
