import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { href } from '../lib/paths';
import { editionPages } from '../lib/editions';

// Every page of the course, for search engines and link previews.
export const GET: APIRoute = async ({ site }) => {
  const pages = await getCollection('pages');
  const extra = Object.keys(import.meta.glob('./*.astro'))
    .map((f) => f.replace('./', '').replace('.astro', ''))
    .filter((name) => !['index', '404', '[slug]'].includes(name));
  // The Chinese edition's pages (issue 15) follow the English ones: /zh/ and every /zh/<page>/ built.
  const zh = [...(await editionPages()).zh].sort().map((p) => `zh/${p}`);
  const paths = ['', ...pages.map((p: { id: string }) => `${p.id}/`), ...extra.map((name) => `${name}/`), ...zh];
  // Without SITE_URL (astro.config.mjs) there is no host to name: the paths stay root-relative (a
  // crawler needs absolute ones, so a deployed site sets SITE_URL; README "Hosting").
  const urls = paths.map((p) => `  <url><loc>${site ? new URL(href(p), site).href : href(p)}</loc></url>`).join('\n');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`, {
    headers: { 'content-type': 'application/xml' },
  });
};
