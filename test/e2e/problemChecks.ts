/**
 * A chapter page's equations and problems (issues 13 and the chapters' contract), checked on a page
 * a visit already loaded with every island live (so that the calculators' derivations are measured
 * too), at a phone's width (phones.e2e.ts) and a laptop's (pages.e2e.ts):
 * - no display equation hides its result (./mathOverflow.ts);
 * - problems: the question shows, the worked solution waits behind its own control until it is
 *   asked for, every problem has a linkable #problem-<id> anchor that lands in view, and the numbers
 *   the core computed at build time rendered (no NaN, no Infinity, no undefined, none lifted out of
 *   its sentence).
 * It opens every solution and ends by navigating the page to the deepest problem's link: run it last.
 */
import type { Page } from 'playwright-core';
import { baseUrl, expect } from './fixture';
import { mathOverflow } from './mathOverflow';

interface ProblemDom {
  id: string;
  title: string;
  question: string;
  solution: string;
  open: boolean;
  multiStep: boolean;
  /** Ordered-list items in the solution. */
  steps: number;
  /** Computed numbers sitting directly in the solution's body rather than inside a paragraph or list item. */
  strayValues: number;
}

async function problemsOn(page: Page) {
  const math = await mathOverflow(page);
  const problems = await page.$$eval('section.problem', (sections) =>
    sections.map((s) => {
      const details = s.querySelector('details.solution');
      const body = details?.querySelector('.solution-body');
      return {
        id: s.id,
        title: s.querySelector('.problem-title')?.textContent?.trim() ?? '',
        question:
          s
            .querySelector('.problem-question')
            ?.textContent?.replace(details?.textContent ?? '', '')
            .trim() ?? '',
        solution: body?.textContent ?? '',
        open: details?.hasAttribute('open') ?? true,
        multiStep: !!s.querySelector('.problem-badge'),
        steps: body?.querySelectorAll('ol > li').length ?? 0,
        strayValues: body ? [...body.children].filter((c) => c.classList.contains('value')).length : 0,
      };
    }),
  );
  return { problems: problems as ProblemDom[], math };
}

/** Every check above on chapter `slug`, loaded in `page` at `viewport` with its islands hydrated. */
export async function checkProblems(page: Page, slug: string, viewport: { width: number; height: number }): Promise<void> {
  const { problems, math } = await problemsOn(page);

  console.info(`math-overflow ${viewport.width}px ${slug}: ${math.equations} equations, ${math.scrolling} scroll, ${math.hidden.length} hide their result`);
  expect(math.equations, `${slug} has display equations`).toBeGreaterThan(0);
  expect(math.hidden, `${slug} at ${viewport.width} px: equations whose result is out of sight`).toEqual([]);

  // The contract: at least five problems, two of them multi-step, each with a title, a question and a folded solution.
  expect(problems.length, slug).toBeGreaterThanOrEqual(5);
  expect(problems.filter((p) => p.multiStep).length, slug).toBeGreaterThanOrEqual(2);
  const ids = problems.map((p) => p.id);
  expect(new Set(ids).size, `${slug}: anchors are unique`).toBe(ids.length);
  for (const p of problems) {
    expect(p.id, slug).toMatch(/^problem-[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(p.title.length, `${slug}#${p.id} has a title`).toBeGreaterThan(3);
    expect(p.question.length, `${slug}#${p.id} asks something`).toBeGreaterThan(20);
    expect(p.open, `${slug}#${p.id}: the solution starts folded`).toBe(false);
    expect(p.solution.length, `${slug}#${p.id} has a worked solution`).toBeGreaterThan(20);
    expect(`${p.question} ${p.solution}`, `${slug}#${p.id}: every number rendered`).not.toMatch(/NaN|Infinity|undefined|\[object Object\]/);
    expect(p.strayValues, `${slug}#${p.id}: no number stands outside its sentence`).toBe(0);
    if (p.multiStep) expect(p.steps, `${slug}#${p.id}: a multi-step solution lists its steps`).toBeGreaterThanOrEqual(2);
  }

  // Each question is visible; its solution is hidden until its own control is clicked, then visible.
  const stateOf = (id: string) =>
    page.evaluate((anchor) => {
      const section = document.getElementById(anchor)!;
      // checkVisibility() is false inside a closed <details> (its content is skipped), and for display: none or visibility: hidden.
      const shown = (el: Element | null) =>
        !!el && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getBoundingClientRect().height > 0;
      const body = section.querySelector('details.solution .solution-body');
      return {
        question: shown(section.querySelector('.problem-question > :not(details)')),
        solution: shown(body),
        text: (body as HTMLElement | null)?.innerText ?? '',
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    }, id);
  for (const p of problems) {
    const control = page.locator(`#${p.id} details.solution > summary`);
    const before = await stateOf(p.id);
    expect(before.question, `${slug}#${p.id}: question visible`).toBe(true);
    expect(before.solution, `${slug}#${p.id}: solution hidden before the click`).toBe(false);
    await control.click();
    const opened = await stateOf(p.id);
    expect(opened.solution, `${slug}#${p.id}: solution visible after the click`).toBe(true);
    expect(opened.text.trim().length, `${slug}#${p.id}`).toBeGreaterThan(20);
    expect(opened.text, `${slug}#${p.id}`).not.toMatch(/NaN|Infinity|undefined/);
    // Nothing in the opened solution is wider than the page (long results wrap or scroll inside their box).
    expect(opened.overflow, `${slug}#${p.id}: no sideways page scroll with the solution open`).toBeLessThanOrEqual(1);
  }

  // A link to the deepest problem of the page, opened fresh, lands on it: its top in the viewport, its title linking to itself.
  const last = ids[ids.length - 1]!;
  await page.goto('about:blank');
  await page.goto(`${baseUrl}${slug}/#${last}`);
  await page.waitForFunction((anchor) => {
    const r = document.getElementById(anchor)?.getBoundingClientRect();
    return !!r && r.top >= -1 && r.top < window.innerHeight;
  }, last);
  const box = await page.locator(`#${last}`).boundingBox();
  expect(box, `${slug}#${last}`).not.toBeNull();
  expect(box!.y, `${slug}#${last}: the problem's top is in the viewport`).toBeGreaterThanOrEqual(-1);
  expect(box!.y, `${slug}#${last}`).toBeLessThan(viewport.height);
  await expect(page.locator(`#${last} .problem-title`).isVisible()).resolves.toBe(true);
  await expect(page.locator(`#${last} .problem-title a`).getAttribute('href')).resolves.toBe(`#${last}`);
}
