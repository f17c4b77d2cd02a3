import { describe } from 'vitest';
import { expect, hydrate, test as it, waitForValue } from './fixture';
import { builtPages } from './site';
import { PRESETS } from '../../src/core/model/presets';
import { OFFICIAL_PARAMS_SOURCE_ZH } from '../../src/core/i18n/dataNotesZh';

const pages = builtPages();
const built = pages.find((p) => p.path === 'models/');
const builtZh = pages.find((p) => p.path === 'zh/models/');
/** The text of an HTML attribute or text node, entities decoded. */
const decode = (html: string) =>
  html
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('models page', () => {
  it('is built with a full static table: one row per preset, each linking to the parameter counter', () => {
    expect(built).toBeDefined();
    const html = built!.html;
    for (const p of PRESETS) {
      expect(html, p.id).toContain(`data-model="${p.id}"`);
      expect(html, p.id).toContain(`parameters-and-flops/?pc.model=${p.id}#parameter-counter`);
    }
    // Llama 2 7B: 6,738,415,616 exact, as published; 12·32·4096² + 32000·4096 = 6,573,522,944
    expect(html).toContain('6,738,415,616');
    expect(html).toContain('6,573,522,944');
    // Llama 2 70B KV per token in bf16: 2·80·8·128·2 = 327,680 B
    expect(html).toContain('327,680');
  });

  it('shows each official count’s source as its tooltip: the English note on /models/, the Chinese one on /zh/models/', () => {
    expect(builtZh).toBeDefined();
    const en = decode(built!.html);
    const zh = decode(builtZh!.html);
    const official = PRESETS.filter((p) => p.officialParams !== null);
    expect(official.length).toBeGreaterThan(20);
    for (const p of official) {
      // Booleans, so a failure names the preset without printing the whole page.
      expect(en.includes(`title="${p.officialParamsSource}"`), `${p.id}: English tooltip on /models/`).toBe(true);
      expect(zh.includes(`title="${OFFICIAL_PARAMS_SOURCE_ZH[p.id]}"`), `${p.id}: Chinese tooltip on /zh/models/`).toBe(true);
      expect(zh.includes(`title="${p.officialParamsSource}"`), `${p.id}: no English tooltip on /zh/models/`).toBe(false);
    }
  });

  it('renders with no console error, sorts by a column, and its row link opens the counter on that model', async ({ open }) => {
    const page = await open('models/');
    await hydrate(page, '#models-table');
    const firstRow = () => page.locator('#models-table tbody tr').first().getAttribute('data-model');
    await page.click('button[data-column="exact"]');
    // Ascending by exact parameters: GPT-2 (124,439,808) is the smallest preset.
    await expect(firstRow()).resolves.toBe('gpt2');
    await expect(page.getAttribute('th:has(button[data-column="exact"])', 'aria-sort')).resolves.toBe('ascending');
    await page.click('button[data-column="exact"]');
    // Descending: DeepSeek V3 (671,026,419,200) is the largest.
    await expect(firstRow()).resolves.toBe('deepseek-v3');
    await page.click('tr[data-model="bloom-7b1"] a:text("count it")');
    await page.waitForURL(/parameters-and-flops/);
    await hydrate(page, '#pc-model');
    await waitForValue(page, '#pc-model', 'bloom-7b1');
    await expect(page.getByTestId('pc-total').textContent()).resolves.toContain('7,069,016,064');
  });

  it('on a phone the cards sort with a Sort by menu and a direction (the headings are hidden there); on a wide screen the menu is not shown', async ({
    open,
  }) => {
    for (const [path, sortBy, descending] of [
      ['models/', 'Sort by', 'Descending'],
      ['zh/models/', '排序依据', '降序'],
    ] as const) {
      const page = await open(path, { viewport: { width: 390, height: 844 } });
      await hydrate(page, '#models-table');
      await expect(page.locator('#models-table thead').isVisible()).resolves.toBe(false);
      const menu = page.getByLabel(sortBy);
      await expect(menu.isVisible()).resolves.toBe(true);
      const firstRow = () => page.locator('#models-table tbody tr').first().getAttribute('data-model');
      await menu.selectOption('exact');
      // Ascending by exact parameters: GPT-2 (124,439,808) is the smallest preset.
      await expect.poll(firstRow).toBe('gpt2');
      await page.click('.models-sort-direction');
      // Descending: DeepSeek V3 (671,026,419,200) is the largest.
      await expect.poll(firstRow).toBe('deepseek-v3');
      await expect(page.locator('.models-sort-direction').textContent()).resolves.toContain(descending);
    }
    const wide = await open('models/', { viewport: { width: 1366, height: 900 } });
    await expect(wide.locator('.models-sort').isVisible()).resolves.toBe(false);
    await expect(wide.locator('#models-table thead').isVisible()).resolves.toBe(true);
  });
});
