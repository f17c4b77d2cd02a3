/** A site path under the configured base (astro.config.mjs `base`), e.g. href('memory/') → '/tbn/memory/'. */
export function href(path = ''): string {
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return base + path.replace(/^\//, '');
}
