import fs from 'node:fs';
import path from 'node:path';
import { store } from '../cache/stores.ts';
import { fileStamp } from '../cache/verified-entry.ts';
import { dataFileAbs, issueDataRoots, sharedRoot, type DataRoot } from './data-roots.ts';
import { fileDigest } from './file-digest.ts';
import { loadDataFileById } from './load-table.ts';
import { listDataFiles, MANIFEST_FILE, readManifest } from './manifest.ts';
import { checkedTable, readByDuckDb } from './sql/table-copy.ts';

/** What a `data-checks` entry holds: its presence under its key means "checked and valid". */
const VALID = 'valid\n';

/**
 * Parses and checks every file declared in data/manifest.yaml and in each issue's own
 * content/issues/<slug>/data/manifest.yaml (provenance fields, column types, dates), whether an
 * issue reads it or not, so a bad file fails the build that adds it rather than the one that
 * first cites it. A file found valid is remembered by its bytes' digest and
 * its manifest entry, so an unchanged file is not parsed again on the next build.
 *
 * Throws the first located error (file, line, column, fix), files taken in name order: it is
 * the loaders' own TallyError, so Astro's overlay and the build log show its place as for a
 * file an issue reads, and once fixed the next check skips every file already found valid.
 */
export async function checkDataFiles(): Promise<void> {
  const shared = sharedRoot();
  // A site without shared data (no manifest, no data files) has none of it to check.
  const hasShared = fs.existsSync(path.join(shared.dir, MANIFEST_FILE)) || listDataFiles(shared).length > 0;
  const roots = [...(hasShared ? [shared] : []), ...issueDataRoots()];
  const checks = store('data-checks');
  // Most builds change no data: one entry over every manifest and data file's stamp answers for
  // all of them, without a manifest parsed (each file's own entry decides once one changed).
  const all = checks.key('every file', ...roots.flatMap(folderStamps));
  if (checks.readText(all) === VALID) return;
  for (const root of roots) await checkFolder(root, checks);
  checks.write(all, VALID);
}

/** The folder, then each file under it (the manifest too, whatever its extension) with its stamp (size, times, inode). */
function folderStamps(root: DataRoot): string[] {
  if (!fs.existsSync(root.dir)) return [root.dir, 'none'];
  const files = (fs.readdirSync(root.dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => !d.isDirectory())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
  return [root.dir, ...files.flatMap((f) => [f, fileStamp(f) ?? 'not a file'])];
}

async function checkFolder(root: DataRoot, checks: ReturnType<typeof store>): Promise<void> {
  const manifest = readManifest(root);
  for (const [file, entry] of [...manifest].sort(([a], [b]) => a.localeCompare(b))) {
    const abs = dataFileAbs(file);
    // By the bytes, not by modification time and size: a copy that kept its times is still seen.
    // (The digest is read in chunks and kept by the file's stamp, so a large file is hashed once.)
    const digest = fileDigest(abs);
    if (!digest) continue;
    const declared = JSON.stringify(entry);
    if (readByDuckDb(file, entry)) {
      // DuckDB reads it without the JavaScript heap, by the same rules as Tally's parser, and
      // writes its typed copy for the figures' views in the same scan (kept by digest: a file
      // checked before costs a stat here).
      await checkedTable(file, entry);
      continue;
    }
    const key = checks.key(file, digest, declared);
    if (checks.readText(key) === VALID) continue;
    const loaded = loadDataFileById(file, undefined);
    // The loader keeps parsed files in memory by their stamp (in `astro dev`):
    // remember only the bytes and entry it really parsed.
    if (digest.startsWith(loaded.digest) && JSON.stringify(loaded.entry) === declared) checks.write(key, VALID);
  }
}
