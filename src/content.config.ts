import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

// content/NN-slug.mdx → id "slug" (the URL); NN only orders the files.
const pages = defineCollection({
  loader: glob({
    pattern: '*.mdx',
    base: './content',
    generateId: ({ entry }) => entry.replace(/^\d+-/, '').replace(/\.mdx$/, ''),
  }),
  schema: z.object({
    title: z.string().min(3),
    /** One or two sentences: link previews, the course map, search results. */
    summary: z.string().min(20),
    /** Chapter number (1–13); absent for non-chapter pages such as notation. */
    order: z.number().int().min(1).max(13).optional(),
  }),
});

export const collections = { pages };
