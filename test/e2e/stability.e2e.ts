/**
 * What people's links depend on, pinned: every calculator input's URL key (namespace.field)
 * and the rendered HTML of a few derivations. A change here breaks old links or changes a
 * published derivation: update the snapshot only together with an alias or a changelog entry.
 */
import { describe, expect, it } from 'vitest';
import { builtPages } from './site';

const pages = builtPages();

describe('stable URLs and derivations', () => {
  it('calculator URL keys (namespace.field) are unique on each page and match the snapshot', async () => {
    const keys: Record<string, string[]> = {};
    for (const page of pages) {
      // Islands render their fields at build time with ids `${namespace}-${field}`; two islands
      // sharing a namespace on one page would fill each other's inputs from one link.
      const ids = [...page.html.matchAll(/<(?:input|select|textarea)[^>]*\sid="([a-z0-9]+)-([A-Za-z0-9]+)"/g)].map((m) => `${m[1]}.${m[2]}`);
      if (ids.length === 0) continue;
      expect(new Set(ids).size, `duplicate URL keys on ${page.path}`).toBe(ids.length);
      const islands = (page.html.match(/<astro-island/g) ?? []).length;
      const namespaces = new Set(ids.map((k) => k.split('.')[0] as string));
      expect(namespaces.size, `islands sharing a namespace on ${page.path}`).toBeGreaterThanOrEqual(Math.min(islands, namespaces.size));
      keys[page.path || '/'] = [...new Set(ids)].sort();
    }
    // A Chinese page takes exactly its English twin's keys, so a link's numbers reproduce in either
    // edition; the snapshot pins the English ones.
    for (const path of Object.keys(keys).filter((p) => p.startsWith('zh/'))) {
      expect(keys[path], `${path} has the URL keys of its English twin`).toEqual(keys[path.slice(3) || '/']);
      delete keys[path];
    }
    await expect(JSON.stringify(keys, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/url-keys.json');
  });

  it.each(['matmul.flops', 'matmul.intensity'])('the tensors page renders %s as snapshotted', async (id) => {
    const page = pages.find((p) => p.path === 'tensors/')!;
    const section = new RegExp(`<section class="derivation"[^>]*data-formula="${id.replace('.', '\\.')}"[\\s\\S]*?</section>`).exec(page.html)?.[0];
    expect(section).toBeTruthy();
    // The build-dependent part (asset hashes, absolute site URL in the Markdown citation) is not in a derivation.
    await expect(section!.replace(/\sdata-astro-cid-[a-z0-9]+/g, '') + '\n').toMatchFileSnapshot(`./__snapshots__/derivation-${id}.html`);
  });
});
