/**
 * `npm run figures`: every figure of every issue with its value, sources, as-of and lock status.
 * `npm run accept`: rewrite tally.lock.json from the data as it is now. See docs/numbers-that-stay-true.md.
 */
import { figuresCommand } from '../src/lock/figures-command.ts';

process.env.TZ = 'UTC';
process.exitCode = await figuresCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
