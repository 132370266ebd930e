/**
 * `npm run audit [-- --strict] [-- --all]`: numerals in issue prose that no figure produced.
 * See docs/numbers-that-stay-true.md.
 */
import { auditCommand } from '../src/audit/audit-command.ts';

process.exitCode = await auditCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
