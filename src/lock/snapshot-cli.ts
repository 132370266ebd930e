/**
 * Prints the snapshot of every issue as one JSON line, for the build's lock check. It runs in a
 * plain Node process (types stripped) because figures modules are imported natively, outside
 * Vite, exactly as `npm run figures` imports them.
 */
import { takeSnapshot } from './snapshot.ts';

const MARKER = 'TALLY_SNAPSHOT ';

const snapshot = await takeSnapshot({ keepGoing: true });
process.stdout.write(`\n${MARKER}${JSON.stringify(snapshot)}\n`);
