/**
 * Prints the snapshot of every issue as one JSON line, for the build's lock check. It runs in a
 * plain Node process (types stripped) because figures modules are imported natively, outside
 * Vite, exactly as `npm run figures` imports them. `--shard <index>/<count>` computes only
 * every count-th issue from the index-th (run-snapshot.ts runs one process per core).
 */
import module from 'node:module';

// Node's compile cache (in the system's temp folder unless NODE_COMPILE_CACHE names another;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off) keeps each module's stripped and compiled code by
// its source's digest: loading Tally's modules and the issues' figures again took each process
// about a fifth of its CPU at 100 issues. It is enabled before the modules below are imported.
module.enableCompileCache?.();
const { freezeCodeVersions } = await import('../cache/stores.ts');
const { takeSnapshot } = await import('./snapshot.ts');

const MARKER = 'TALLY_SNAPSHOT ';

// The code does not change under a snapshot: each cache key (several per issue) would otherwise
// stat every file of its store's import closure again.
freezeCodeVersions();

const at = process.argv.indexOf('--shard');
const [index, count] = at < 0 ? [0, 1] : process.argv[at + 1]!.split('/').map(Number);
const snapshot = await takeSnapshot({ keepGoing: true, shard: { index: index!, count: count! } });
process.stdout.write(`\n${MARKER}${JSON.stringify(snapshot)}\n`);
