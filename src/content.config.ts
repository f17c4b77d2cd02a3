import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

// content/NN-slug.mdx → id "slug" (the URL); NN only orders the files.
const generateId = ({ entry }: { entry: string }) => entry.replace(/^\d+-/, '').replace(/\.mdx$/, '');

const schema = z.object({
  title: z.string().min(3),
  /** One or two sentences: link previews, the course map, search results. */
  summary: z.string().min(20),
  /** Chapter number (1–13); absent for non-chapter pages such as notation. */
  order: z.number().int().min(1).max(13).optional(),
});

const pages = defineCollection({
  // '*.mdx' matches only the top level: the Chinese files under content/zh/ are not English pages.
  loader: glob({ pattern: '*.mdx', base: './content', generateId }),
  schema,
});

// The Chinese edition (issue 15): content/zh/NN-slug.mdx, same file names, ids and schema as the
// English pages, rendered at /zh/<slug>/. A Chinese page exists only for a file that exists: an
// untranslated chapter has no /zh/ page (no placeholder), and test/content/zh-parity.test.ts lists it.
const pagesZh = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/zh', generateId }),
  schema,
});

export const collections = { pages, pagesZh };
