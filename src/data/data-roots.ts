import fs from 'node:fs';
import path from 'node:path';
import { dataDir, issuesDir, projectRoot } from '../core/paths.ts';

/**
 * Where data files live: the shared `data/` folder, and an issue's own `content/issues/<slug>/data/`.
 * A file is named everywhere (lock, provenance, caches) by its id: its path relative to `data/`
 * for a shared file (`indices.csv`, as it always was), its path from the project root for an
 * issue's own (`content/issues/<slug>/data/prices.csv`). The two cannot meet: a shared path
 * under `content/issues/` is refused by the manifest.
 */
export interface DataRoot {
  /** Absolute folder. */
  readonly dir: string;
  /** The issue whose folder this is; undefined for the shared data/. */
  readonly issue: string | undefined;
  /** The id of a file in this folder is `prefix + path relative to the folder`. */
  readonly prefix: string;
  /** The folder from the project root, for messages: "data" or "content/issues/<slug>/data". */
  readonly label: string;
}

const LOCAL_ID = /^content\/issues\/([^/]+)\/data\/(.+)$/;
const ISSUE_FILE = /^content\/issues\/([^/]+)\//;

export function sharedRoot(): DataRoot {
  return { dir: dataDir(), issue: undefined, prefix: '', label: 'data' };
}

export function issueDataRoot(slug: string): DataRoot {
  const label = `content/issues/${slug}/data`;
  return { dir: path.join(issuesDir(), slug, 'data'), issue: slug, prefix: `${label}/`, label };
}

/** The folder a file id belongs to. */
export function rootOf(id: string): DataRoot {
  const m = LOCAL_ID.exec(id);
  return m ? issueDataRoot(m[1]!) : sharedRoot();
}

/** The absolute path of a data file id. */
export function dataFileAbs(id: string): string {
  return LOCAL_ID.test(id) ? path.join(projectRoot(), id) : path.join(dataDir(), id);
}

/** The path of a data file id from the project root, with forward slashes: `data/indices.csv`, or an issue's own file's id. */
export function dataFilePath(id: string): string {
  return LOCAL_ID.test(id) ? id : `data/${id}`;
}

/** The manifest that declares a file id, from the project root: `data/manifest.yaml` or the issue's own. */
export function manifestPathOf(id: string): string {
  return `${rootOf(id).label}/manifest.yaml`;
}

/** The issue whose folder holds a file (given from the project root), if any. */
export function issueOfFile(file: string | undefined): string | undefined {
  if (!file) return undefined;
  return ISSUE_FILE.exec(file.split(path.sep).join('/'))?.[1];
}

/** Every issue that has a data folder of its own, in name order. */
export function issueDataRoots(): DataRoot[] {
  const dir = issuesDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'data')))
    .map((d) => issueDataRoot(d.name))
    .sort((a, b) => a.label.localeCompare(b.label));
}
