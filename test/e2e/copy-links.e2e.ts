/**
 * A derivation copied from a calculator lands on the reader's numbers (issue 13, item 3): for
 * every calculator of every page, Copy Markdown copies text that names the setup (the model or
 * GPU and the inputs) and links to the calculator's own anchor with its whole state in the
 * query; that link, opened in a fresh context, shows the same result.
 */
import { describe } from 'vitest';
import { copied, copyMarkdown, expect, hydrate, linkOf, test as it } from './fixture';
import { builtPages } from './site';

/**
 * [page path, calculator anchor] for every calculator of the English pages. (The Chinese
 * edition's copies are translated, buttons and setup alike, and tested with that edition.)
 */
const calculators = builtPages()
  .filter((p) => !p.path.startsWith('zh/'))
  .flatMap((p) => [...p.html.matchAll(/<section id="([^"]+)"[^>]*\sclass="calculator[" ]/g)].map((m) => [p.path, m[1] as string] as const));

describe('Copy Markdown from a calculator', () => {
  it('finds the calculators', () => {
    expect(calculators.length).toBeGreaterThan(20);
  });

  it.for(calculators)('%s#%s: names the setup and links to the calculator with the reader’s numbers', async ([path, anchor], { open }) => {
    const page = await open(path, { clipboard: true });
    const sel = `#${anchor}`;
    await hydrate(page, sel);
    // Folded inputs and derivations count too: open every <details> of the calculator, as a reader
    // would to change an input (the cases fold theirs under "Inputs") and to see its first Copy Markdown.
    await page.evaluate((s) => document.querySelectorAll(`${s} details`).forEach((d) => ((d as HTMLDetailsElement).open = true)), sel);
    // The reader's numbers: another choice in the calculator's first select (not "paste a config"), if it has one.
    const choice = await page.evaluate((s) => {
      const select = [...document.querySelectorAll(`${s} select`)].find(
        (el) => (el as HTMLSelectElement).options.length > 1 && el.getClientRects().length > 0,
      ) as HTMLSelectElement | undefined;
      if (!select) return null;
      const other = [...select.options].find((o) => o.value !== select.value && o.value !== 'custom' && !o.disabled);
      return other ? { id: select.id, value: other.value } : null;
    }, sel);
    if (choice) {
      await page.selectOption(`#${choice.id}`, choice.value);
      await expect
        .poll(() => page.url(), {
          message: `${anchor} writes its state to the URL`,
        })
        .toContain(`${choice.id.replace('-', '.')}=`);
    }
    const button = page.locator(`${sel} button`, { hasText: 'Copy Markdown' }).first();
    await expect.poll(() => button.count(), { message: `${anchor} shows a derivation` }).toBeGreaterThan(0);
    const formula = await button.evaluate((b) => b.closest('[data-formula]')?.getAttribute('data-formula') ?? '');
    const result = page.locator(`${sel} [data-formula="${formula}"] .result`).first();
    const shown = (await result.textContent()) ?? '';
    expect(shown).not.toBe('');

    const md = await copyMarkdown(page, sel);
    const head = md.split('\n')[0] ?? '';
    // "**Title** = value for <setup> ([derivation](link))": the setup is named.
    expect(head, `${anchor}: the copied text names its setup`).toMatch(/ for .{8,} \(\[derivation\]\(/);
    const link = linkOf(md);
    expect(link, `${anchor}: the link ends in the calculator's anchor, with a query`).toMatch(new RegExp(`/${path.replace(/\//g, '\\/')}\\?[^#]+#${anchor}$`));
    if (choice) expect(link).toContain(`${choice.id.replace('-', '.')}=${encodeURIComponent(choice.value).replace(/%20/g, '+')}`);

    const fresh = await open(link);
    await hydrate(fresh, sel);
    await fresh.evaluate((s) => document.querySelectorAll(`${s} details`).forEach((d) => ((d as HTMLDetailsElement).open = true)), sel);
    await expect
      .poll(() => fresh.locator(`${sel} [data-formula="${formula}"] .result`).first().textContent(), {
        message: `${link} shows the same ${formula}`,
        timeout: 10_000,
      })
      .toBe(shown);
  });
});

describe('Copy from a static "Cite this derivation" block', () => {
  it('tensors/#matmul-flops: a Copy Markdown button copies the aligned chain with a link on this site, never a placeholder host', async ({ open }) => {
    const page = await open('tensors/', { clipboard: true });
    const block = page.locator('section.derivation[data-formula="matmul.flops"] details.cite');
    await block.locator('summary').click();
    const button = block.locator('button', { hasText: 'Copy Markdown' });
    await expect.poll(() => button.isVisible(), { message: 'the Copy button appears' }).toBe(true);
    await button.click();
    await expect.poll(() => copied(page)).toContain('\\begin{aligned}');
    const md = await copied(page);
    expect(linkOf(md)).toBe(`${new URL(page.url()).origin}/tensors/#matmul-flops`);
    expect(md).not.toContain('.example');
  });
});
