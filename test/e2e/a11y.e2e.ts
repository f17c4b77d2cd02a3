import { describe } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, hydrateAll, test as it } from './fixture';
import { builtPages } from './site';

const pages = builtPages();
/** The WCAG A/AA rules whose outcome depends on colour. */
const DARK_RULES = ['color-contrast', 'link-in-text-block'];

describe('accessibility (axe, WCAG 2 A/AA)', () => {
  // One load per page: the themes are pure CSS (prefers-color-scheme), so switching the emulated
  // scheme re-styles the same hydrated page exactly as a dark-mode browser would load it. The
  // light theme is checked against every WCAG 2.1 A/AA rule; the dark theme changes only colours,
  // so it is checked against the rules colours can break (a full second pass doubled the time of
  // the longest pages past a minute on two cores).
  it.for(pages.map((p) => [p.path || '/', p] as const))('%s has no violations in the light and the dark theme', { timeout: 150_000 }, async ([, built], { open }) => {
    const page = await open(built.path, { colorScheme: 'light' });
    // Hydrate every island so their controls are checked too.
    await hydrateAll(page);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(theme === 'dark');
      const axe = new AxeBuilder({ page });
      const result = await (theme === 'light' ? axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']) : axe.withRules(DARK_RULES)).analyze();
      const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
      expect(violations, `${built.path || '/'} in the ${theme} theme`).toEqual([]);
    }
  });
});
