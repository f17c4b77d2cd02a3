/**
 * Component tests render the islands on what ships: Preact through preact/compat (see
 * astro.config.mjs). Tests keep React Testing Library's API; this module gives it over
 * @testing-library/preact. One difference is bridged: a browser fires both `input` and
 * `change` when a field changes, and compat listens to `input` on text fields and to `change`
 * on selects, so `fireEvent.change` here fires both, as the browser does.
 */
import { act, fireEvent as preactFireEvent } from '@testing-library/preact';
import { fireEvent as domFireEvent } from '@testing-library/dom';

export * from '@testing-library/preact';

type FireEvent = typeof preactFireEvent;

/** Any event, its re-render flushed before the test reads the DOM (React Testing Library does the same). */
function fire(...args: Parameters<FireEvent>): boolean {
  let result = false;
  act(() => {
    result = preactFireEvent(...args);
  });
  return result;
}

export const fireEvent: FireEvent = Object.assign(fire, preactFireEvent, {
  change: (element: Document | Element | Window | Node, init?: object) => {
    let changed = false;
    act(() => {
      changed = domFireEvent.change(element, init);
      element.dispatchEvent(new Event('input', { bubbles: true }));
    });
    return changed;
  },
});
