/**
 * `npm run data:add -- <file> [--write]`: reads a data file in data/ (or an issue's own
 * content/issues/<slug>/data/) with DuckDB's sniffer and prints its manifest entry: the
 * provenance to fill in, the format and the columns with their types and date formats.
 * `--write` appends it to the folder's manifest.yaml, unless the file already has an entry.
 */
import { TallyError } from '../src/core/errors.ts';
import { tallyErrorText } from '../src/core/build-error.ts';
import { isCalendarDate } from '../src/data/calendar-date.ts';
import { appendEntry, existingEntryLine, locateDataFile } from '../src/data/add-manifest-entry.ts';
import { sniffedEntry } from '../src/data/sniff-data-file.ts';

process.env.TZ = 'UTC';
const args = process.argv.slice(2);
const write = args.includes('--write');
const files = args.filter((a) => a !== '--write');
const unknown = files.filter((a) => a.startsWith('-'));

if (files.length !== 1 || unknown.length) {
  process.stderr.write(`npm run data:add: ${unknown.length ? `unknown option ${unknown.join(', ')}; ` : ''}name one data file, e.g. \`npm run data:add -- data/prices.csv\` (add --write to append its entry to the manifest).\n`);
  process.exit(1);
}

const fixedDay = process.env.TALLY_TODAY;
if (fixedDay !== undefined && !isCalendarDate(fixedDay)) {
  process.stderr.write(`npm run data:add: TALLY_TODAY is "${fixedDay}"; write it YYYY-MM-DD (e.g. 2026-01-22), or unset it for today.\n`);
  process.exit(1);
}

try {
  const target = locateDataFile(files[0]!);
  const lines = await sniffedEntry(target.abs, target.key);
  if (write) {
    appendEntry(target, lines);
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stderr.write(`\nAppended to ${target.manifestShown}. Fill in the blanks (title, source, url, licence, illustrative) and check the column types: the build refuses the entry until they are filled.\n`);
  } else {
    process.stdout.write(`${lines.join('\n')}\n`);
    const line = existingEntryLine(target);
    process.stderr.write(
      line === undefined
        ? `\nPaste this into ${target.manifestShown} and fill in the blanks, or run again with --write to append it.\n`
        : `\n${target.manifestShown} already has an entry for "${target.key}" (line ${line}); compare it with this one.\n`,
    );
  }
} catch (e) {
  if (!(e instanceof TallyError)) throw e;
  process.stderr.write(`${tallyErrorText(e)}\n`);
  process.exit(1);
}
