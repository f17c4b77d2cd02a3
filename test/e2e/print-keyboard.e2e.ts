import { describe } from 'vitest';
import { expect, hydrate, test as it } from './fixture';

describe('print and keyboard', () => {
  it('printing a chapter hides the navigation and keeps the calculator’s current result', async ({ open }) => {
    const page = await open('tensors/');
    await hydrate(page, '#mm-M');
    await page.fill('#mm-M', '1');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.chapter-nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('mm-flops').isVisible()).resolves.toBe(true);
    // 2·1·4096·4096 = 33,554,432 FLOPs
    await expect(page.getByTestId('mm-flops').textContent()).resolves.toContain('33.6 MFLOPs');
  });

  it('a calculator works with the keyboard alone: Tab to a field, type, read the result', async ({ open }) => {
    const page = await open('tensors/');
    await hydrate(page, '#mm-A');
    await page.focus('#mm-A');
    await page.keyboard.press('Tab'); // → Rows M
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('mm-M');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    await expect(page.getByTestId('mm-flops').textContent()).resolves.toContain('33.6 MFLOPs');
    // The data type select changes with the arrow keys.
    await page.focus('#mm-dtype');
    await page.keyboard.press('ArrowUp'); // bf16 → tf32 (4 bytes)
    await expect(page.inputValue('#mm-dtype')).resolves.toBe('tf32');
  });
});
