/**
 * No equation hides its result (issue 13, item 1): every display equation — the derivation chains
 * typeset at build time (KaTeX), the live ones in calculators (MathML) and the prose's own display
 * math — shows its last part inside its box. A chain's result link is measured against every box
 * that clips it (an ancestor with overflow other than visible) and the viewport; a prose equation
 * counts as hiding its result when it needs sideways scrolling. Used by problemChecks.ts, on the
 * same load of each chapter at a phone's and a laptop's width.
 */
import type { Page } from 'playwright-core';

export interface Overflow {
  /** Equations with a part that needs sideways scrolling. */
  scrolling: number;
  /** Equations whose result (last part) is outside its box or the viewport: what must be 0. */
  hidden: string[];
  equations: number;
}

/** Counts the page's display equations that scroll, and those whose result is out of sight. */
export function mathOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const clippers = (el: Element) => {
      const out: Element[] = [];
      for (let a = el.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') out.push(a);
      return out;
    };
    const outOfSight = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return false;
      if (r.right > window.innerWidth + 1 || r.left < -1) return true;
      return clippers(el).some((c) => {
        const b = c.getBoundingClientRect();
        return r.right > b.right + 1 || r.left < b.left - 1;
      });
    };
    const name = (el: Element) =>
      `${el.closest('[data-formula]')?.getAttribute('data-formula') ?? 'prose'}: ${(el.textContent ?? '').replace(/\s+/g, ' ').slice(0, 60)}`;
    let scrolling = 0;
    let equations = 0;
    const hidden: string[] = [];
    for (const chain of document.querySelectorAll('.math-chain')) {
      if (chain.getBoundingClientRect().width === 0) continue; // folded away (closed <details>)
      equations += 1;
      if ([...chain.querySelectorAll('.mc-link')].some((l) => l.scrollWidth > l.clientWidth + 1)) scrolling += 1;
      const result = chain.querySelector('.mc-link[data-role="result"]');
      if (!result || outOfSight(result)) hidden.push(name(chain));
    }
    // Display math outside the chains: the prose's $$…$$ (KaTeX) and any other block formula.
    for (const eq of document.querySelectorAll('.katex-display, math[display="block"]')) {
      // (KaTeX's own hidden MathML copy is not a second equation.)
      if (eq.closest('.math-chain') || (eq.tagName.toLowerCase() === 'math' && eq.closest('.katex')) || eq.getBoundingClientRect().width === 0) continue;
      equations += 1;
      const box = eq.classList.contains('katex-display') ? eq : (eq.parentElement ?? eq);
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) scrolling += 1;
      const parts = eq.querySelectorAll('.katex-html > .base');
      const last = parts.length > 0 ? parts[parts.length - 1]! : eq;
      if (scrolls || outOfSight(last)) hidden.push(name(eq));
    }
    return { scrolling, hidden, equations };
  });
}
