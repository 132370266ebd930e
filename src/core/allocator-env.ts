/**
 * Vite's bundler (rolldown) is a Rust library that allocates through its own copy of mimalloc.
 * mimalloc gives freed memory back to the system a second after it is freed (`purge_delay`), and
 * only when that copy allocates again; once the bundle is made it no longer does, so what it
 * freed stays resident in the build process until the build ends: 390 MB at a warm 500-issue
 * build's end, read from the process's smaps, beside the chart workers and then the child
 * processes of the renditions. With the delay at 0 it is given back as it is freed. On the bench
 * corpus at N = 500: a cold build's peak fell from 1539 to 1331 MiB (Pss); a warm build's from
 * about 1005 to 860 MiB, and it took 0.2 to 0.3 s longer (the pages begin while the bundle's
 * memory is being given back). mimalloc reads the option when the library is loaded, before
 * Astro reads its config, so `npm run build` (scripts/build.ts) sets it in the environment it
 * starts Astro with; an author's own setting is kept.
 */
const PURGE_DELAY = 'MIMALLOC_PURGE_DELAY';
/** Marks the setting as Tally's, so that the processes below get the author's environment back. */
const SET_BY_TALLY = 'TALLY_SET_MIMALLOC_PURGE_DELAY';

/** The environment to start `astro build` with: mimalloc purges at once, unless the author chose otherwise. */
export function withPromptPurge(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env[PURGE_DELAY] !== undefined) return env;
  return { ...env, [PURGE_DELAY]: '0', [SET_BY_TALLY]: '1' };
}

/**
 * The environment without Tally's setting, for the child processes that draw PNGs: resvg uses
 * mimalloc too, and allocates and frees for each drawing, so purging at once made a cold
 * 500-issue build's emails take 40 s instead of 24 s.
 */
export function withoutPromptPurge(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env[SET_BY_TALLY] === undefined) return env;
  const { [PURGE_DELAY]: _delay, [SET_BY_TALLY]: _mark, ...rest } = env;
  return rest;
}
