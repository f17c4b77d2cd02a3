import { useEffect, useState } from 'react';

/**
 * False while the page shows the build-time HTML (and on the server), true once the island
 * runs: inputs stay disabled until then, so nothing typed before hydration is lost.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
