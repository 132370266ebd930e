import { describe, expect, it } from 'vitest';
import { withoutPromptPurge, withPromptPurge } from '../../src/core/allocator-env.ts';

describe("the build's allocator setting", () => {
  it('is set for Astro when the author has not set it, and taken out again for the PNG drawers', () => {
    const astro = withPromptPurge({ PATH: '/bin' });
    expect(astro.MIMALLOC_PURGE_DELAY).toBe('0');
    expect(withoutPromptPurge(astro)).toEqual({ PATH: '/bin' });
  });

  it("keeps an author's own setting, in Astro and in the PNG drawers", () => {
    const astro = withPromptPurge({ PATH: '/bin', MIMALLOC_PURGE_DELAY: '250' });
    expect(astro).toEqual({ PATH: '/bin', MIMALLOC_PURGE_DELAY: '250' });
    expect(withoutPromptPurge(astro)).toEqual({ PATH: '/bin', MIMALLOC_PURGE_DELAY: '250' });
  });
});
