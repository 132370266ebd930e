import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { issueSchema } from './issues/frontmatter.ts';

/** Issues live outside src/: content/issues/<slug>/index.mdx. The folder name is the slug. */
const issues = defineCollection({
  loader: glob({
    pattern: '*/index.mdx',
    base: './content/issues',
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: issueSchema,
});

export const collections = { issues };
