import { describe, expect, it } from 'vitest';
import { collectGarbage, collectGarbageIfLarge } from '../../src/build/collect-garbage.ts';

/** A large object reachable only through a WeakRef made in an earlier turn of the event loop (a WeakRef keeps its target for the turn it was made in). */
async function unreachable(): Promise<WeakRef<object>> {
  const ref = new WeakRef({ rows: Array.from({ length: 100_000 }, (_, i) => ({ i })) });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return ref;
}

describe('a full collection at the build\'s end', () => {
  it('frees what nothing refers to, at once, every time it is called', async () => {
    for (let round = 0; round < 2; round++) {
      const ref = await unreachable();
      collectGarbage();
      expect(ref.deref()).toBeUndefined();
    }
  });

  it('collects only in a process at least as large as the limit given', async () => {
    const rss = process.memoryUsage.rss();
    const spared = await unreachable();
    expect(collectGarbageIfLarge(rss * 4)).toBe(false);
    expect(spared.deref()).toBeDefined();
    // deref() keeps its target for the rest of this turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(collectGarbageIfLarge(1)).toBe(true);
    expect(spared.deref()).toBeUndefined();
  });

  it('keeps what is still referred to', async () => {
    const kept = { rows: [1, 2, 3] };
    const ref = new WeakRef(kept);
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBe(kept);
  });
});
