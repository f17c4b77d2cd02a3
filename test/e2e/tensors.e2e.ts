import { describe } from 'vitest';
import { expect, hydrate, restores, test, urlWith } from './fixture';

describe('tensors chapter: matmul calculator', () => {
  test('responds to input, keeps its state in the URL, and restores it from a link', async ({ open }) => {
    const page = await open('tensors/');
    await hydrate(page, '#mm-M');
    // Default 2048·4096·4096 with A = 1: 2·2048·4096·4096 = 68,719,476,736 FLOPs → "68.7 GFLOPs".
    await expect(page.getByTestId('mm-flops').textContent()).resolves.toContain('68.7 GFLOPs');
    await page.fill('#mm-M', '1');
    // [1,4096]@[4096,4096]: 2·4096·4096 = 33,554,432 FLOPs; intensity 33,554,432 / ((4096 + 16,777,216 + 4096)·2) = 0.9995.
    await expect(page.getByTestId('mm-flops').textContent()).resolves.toContain('33.6 MFLOPs');
    await expect(page.getByTestId('mm-bound').textContent()).resolves.toContain('memory bandwidth');
    await restores(open, await urlWith(page, 'mm.M=1'), { 'mm.M': '1' }, { 'mm-flops': '33.6 MFLOPs' });
  });

  test('shows a message next to a bad input and never NaN', async ({ open }) => {
    const page = await open('tensors/');
    await hydrate(page, '#mm-K');
    await page.fill('#mm-K', '-3');
    await expect(page.locator('#mm-K-error').textContent()).resolves.toContain('must be a whole number from 1');
    await expect(page.getAttribute('#mm-K', 'aria-invalid')).resolves.toBe('true');
    await page.fill('#mm-N', 'abc');
    await expect(page.locator('#mm-N-error').textContent()).resolves.toContain('is not a number');
    const text = await page.locator('#matmul-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
    await expect(page.locator('#matmul-calculator .stale-note').isVisible()).resolves.toBe(true);
  });
});
