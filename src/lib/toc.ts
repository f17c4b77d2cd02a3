/** One entry of a page's "On this page" list: a heading's level, its id and its text. */
export interface TocHeading {
  depth: number;
  slug: string;
  text: string;
}

/**
 * The headings an "On this page" list shows: h2 and h3 that carry an id, in page order.
 * Takes what Astro's `render()` returns for an MDX page, or a list written by an .astro page.
 * @example tocHeadings([{ depth: 2, slug: 'weights', text: 'The weights' }, { depth: 4, slug: 'x', text: 'x' }]) //=> [{ depth: 2, slug: 'weights', text: 'The weights' }]
 */
export function tocHeadings(headings: readonly TocHeading[]): TocHeading[] {
  return headings
    .filter((h) => (h.depth === 2 || h.depth === 3) && h.slug !== '' && h.text.trim() !== '')
    .map((h) => ({ depth: h.depth, slug: h.slug, text: h.text.trim() }));
}

/** A page is long enough for an "On this page" list from this many sections on. */
export const TOC_MIN_HEADINGS = 3;
