import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * The element's width in CSS px, followed as the window resizes, so a chart lays itself out
 * at the size it is shown and its text stays at 12 px (a viewBox scaled to a phone would
 * shrink it to 5 px). `fallback` is the build-time width.
 */
export function useWidth<T extends HTMLElement>(fallback: number): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.round(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
