/** The part of a render pool the build's end needs: a way to stop it. */
interface Closable {
  close(): Promise<void>;
}

/** Pools live on globalThis: the build's hooks and its pages run in different module instances. */
export function livePools(): Set<Closable> {
  const slot = globalThis as { __tallyChartPools?: Set<Closable> };
  return (slot.__tallyChartPools ??= new Set());
}

/**
 * Stops the chart workers (astro:build:done). Left to die with the process, an idle worker can
 * crash Node's exit under load (a V8 check failure after "Complete!").
 */
export async function closeChartWorkers(): Promise<void> {
  const pools = livePools();
  await Promise.all([...pools].map((p) => p.close()));
  pools.clear();
}
