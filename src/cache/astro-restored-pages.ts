import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/paths.ts';
import { astroCacheDir, readRecord } from './astro-page-cache.ts';
import { fileStamp } from './verified-entry.ts';

const MANIFEST = 'incremental-build.json';

/**
 * The pages Astro copied from its cache in this build, each with its digest, known without
 * reading the copy: output file (`issues/<slug>/index.html`) → sha256. For `astro:build:done`,
 * before recordAstroCache.
 *
 * A page is here only when all of these hold:
 * - Astro wrote its manifest in this build: its stamp is not the one the last good build
 *   recorded (verifyAstroCache deleted any other manifest when the build started);
 * - that manifest lists the page, so the page had a cacheKey in this build and was either copied
 *   from its stored copy or rendered and stored again (Astro writes the stored copy of every
 *   page it renders under a key);
 * - the stored copy's stamp (size, modification and change times, inode) is still the one
 *   recorded with its digest after the last good build, so it was not written since: the page
 *   was copied, and that digest is the one of its bytes;
 * - the page in the output has the size of that copy and was written after the last good build
 *   stored its manifest (not a file left in the output from before).
 * Any other page is read and digested as before.
 */
export function restoredPageDigests(outDir: string, root = projectRoot()): Map<string, string> {
  const found = new Map<string, string>();
  const dir = astroCacheDir(root);
  const record = readRecord(root);
  const manifestStamp = fileStamp(path.join(dir, MANIFEST));
  const before = record?.[MANIFEST];
  if (!record || !before || !manifestStamp || manifestStamp === before.stamp) return found;
  const lastBuild = stampParts(before.stamp)?.mtimeMs;
  if (lastBuild === undefined) return found;
  for (const outputFile of listedOutputFiles(path.join(dir, MANIFEST))) {
    const copy = `dist/${outputFile}`;
    const known = record[copy];
    if (!known || fileStamp(path.join(dir, ...copy.split('/'))) !== known.stamp) continue;
    const size = stampParts(known.stamp)?.size;
    let out: fs.Stats;
    try {
      out = fs.lstatSync(path.join(outDir, ...outputFile.split('/')));
    } catch {
      continue;
    }
    if (out.isFile() && out.size === size && out.mtimeMs > lastBuild) found.set(outputFile, known.digest);
  }
  return found;
}

/** Every output file Astro's manifest lists (its pages with a cacheKey), relative to the output folder. */
function listedOutputFiles(manifest: string): string[] {
  try {
    const data = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { routes?: Record<string, { paths?: Record<string, { outputFile?: unknown }> }> };
    const files: string[] = [];
    for (const route of Object.values(data.routes ?? {})) {
      for (const entry of Object.values(route.paths ?? {})) {
        const f = entry.outputFile;
        if (typeof f === 'string' && f !== '' && !f.startsWith('/') && !f.split('/').some((s) => s === '..' || s === '' || s === '.')) files.push(f);
      }
    }
    return files;
  } catch {
    return [];
  }
}

/** A stamp from fileStamp: `size:mtimeMs:ctimeMs:ino`. */
function stampParts(stamp: string): { size: number; mtimeMs: number } | undefined {
  const [size, mtimeMs] = stamp.split(':').map(Number);
  return Number.isFinite(size) && Number.isFinite(mtimeMs) ? { size: size!, mtimeMs: mtimeMs! } : undefined;
}
