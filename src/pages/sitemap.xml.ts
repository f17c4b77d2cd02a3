import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { href } from '../lib/paths';

// Every page of the course, for search engines and link previews.
export const GET: APIRoute = async ({ site }) => {
  const pages = await getCollection('pages');
  const extra = Object.keys(import.meta.glob('./*.astro'))
    .map((f) => f.replace('./', '').replace('.astro', ''))
    .filter((name) => !['index', '404', '[slug]'].includes(name));
  const paths = ['', ...pages.map((p) => `${p.id}/`), ...extra.map((name) => `${name}/`)];
  const urls = paths.map((p) => `  <url><loc>${new URL(href(p), site).href}</loc></url>`).join('\n');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`, {
    headers: { 'content-type': 'application/xml' },
  });
};
