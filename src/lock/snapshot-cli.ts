/**
 * Prints the snapshot of every issue as one JSON line, for the build's lock check. It runs in a
 * plain Node process (types stripped) because figures modules are imported natively, outside
 * Vite, exactly as `npm run figures` imports them. `--shard <index>/<count>` computes only
 * every count-th issue from the index-th (run-snapshot.ts runs one process per core).
 */
import { freezeCodeVersions } from '../cache/stores.ts';
import { takeSnapshot } from './snapshot.ts';

const MARKER = 'TALLY_SNAPSHOT ';

// The code does not change under a snapshot: each cache key (several per issue) would otherwise
// stat every file of its store's import closure again.
freezeCodeVersions();

const at = process.argv.indexOf('--shard');
const [index, count] = at < 0 ? [0, 1] : process.argv[at + 1]!.split('/').map(Number);
const snapshot = await takeSnapshot({ keepGoing: true, shard: { index: index!, count: count! } });
process.stdout.write(`\n${MARKER}${JSON.stringify(snapshot)}\n`);
