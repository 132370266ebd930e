import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { closest, fail } from '../core/errors.ts';
import { dataDir, projectRoot, rel } from '../core/paths.ts';
import { issueDataRoot, sharedRoot, type DataRoot } from './data-roots.ts';

/** A data file named on the command line, and the manifest that declares it. */
export interface DataFileTarget {
  readonly abs: string;
  readonly root: DataRoot;
  /** Its key in the manifest: the path inside its data folder. */
  readonly key: string;
  /** From the project root, for messages. */
  readonly shown: string;
  readonly manifestAbs: string;
  readonly manifestShown: string;
}

const FOLDERS_FIX = 'Data files live in data/ (shared by every issue) or in an issue\'s own content/issues/<slug>/data/: move or copy the file there, then run `npm run data:add -- data/<file>` again.';

/**
 * The data file a path names (relative to the project root), refused unless it is a file
 * inside data/ or an issue's own data folder, links resolved: the command reads nothing else.
 */
export function locateDataFile(arg: string): DataFileTarget {
  const root = projectRoot();
  const given = path.resolve(root, arg);
  if (!fs.existsSync(given)) {
    const near = nearestDataFiles(rel(given));
    fail('DataAdd', { file: rel(given) }, `${rel(given)} does not exist.${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''}`, 'Give the path of a data file from the project root, e.g. `npm run data:add -- data/prices.csv`.');
  }
  const abs = fs.realpathSync(given);
  const inside = (dir: string): string | undefined => {
    if (!fs.existsSync(dir)) return undefined;
    const r = path.relative(fs.realpathSync(dir), abs);
    return r !== '' && !r.startsWith('..') && !path.isAbsolute(r) ? r.split(path.sep).join('/') : undefined;
  };
  let target: { root: DataRoot; key: string } | undefined;
  const shared = inside(dataDir());
  if (shared !== undefined) target = { root: sharedRoot(), key: shared };
  const local = /^content\/issues\/([^/]+)\/data\/(.+)$/.exec(inside(root) ?? '');
  if (!target && local && inside(issueDataRoot(local[1]!).dir) === local[2]) target = { root: issueDataRoot(local[1]!), key: local[2]! };
  if (!target) fail('DataAdd', { file: arg }, `${arg} is outside the project's data folders${abs !== given ? ` (it links to ${abs})` : ''}.`, FOLDERS_FIX);
  if (!fs.statSync(abs).isFile()) fail('DataAdd', { file: rel(abs) }, `${rel(abs)} is a folder, not a data file.`, 'Name one file: `npm run data:add -- data/prices.csv`.');
  const manifestAbs = path.join(target.root.dir, 'manifest.yaml');
  if (abs === manifestAbs) fail('DataAdd', { file: rel(abs) }, `${rel(abs)} is the folder's manifest, not a data file.`, 'Name the data file to declare in it.');
  return { abs, ...target, shown: `${target.root.label}/${target.key}`, manifestAbs, manifestShown: `${target.root.label}/manifest.yaml` };
}

/**
 * The data files a mistyped path may have meant: those of the same name (a path given without its
 * `data/`), else the closest paths, among data/ and the issues' data/ folders.
 */
function nearestDataFiles(shown: string): string[] {
  const root = projectRoot();
  const files: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.name !== 'manifest.yaml') files.push(rel(abs));
    }
  };
  walk(dataDir());
  const issues = path.join(root, 'content', 'issues');
  if (fs.existsSync(issues)) for (const slug of fs.readdirSync(issues)) walk(path.join(issues, slug, 'data'));
  const same = files.filter((f) => path.posix.basename(f) === path.posix.basename(shown));
  return same.length ? same.slice(0, 3) : closest(shown, files);
}

/** The line of the file's entry in its manifest, if it has one (its key however quoted). */
export function existingEntryLine(target: DataFileTarget): number | undefined {
  if (!fs.existsSync(target.manifestAbs)) return undefined;
  const lines = new LineCounter();
  const doc = parseDocument(fs.readFileSync(target.manifestAbs, 'utf8'), { lineCounter: lines, uniqueKeys: false });
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === target.key);
  if (!pair) return undefined;
  const range = (pair.key as { range?: [number, number, number] }).range;
  return range ? lines.linePos(range[0]).line : 1;
}

/**
 * Appends an entry to the file's manifest (created when the folder has none), keeping every
 * byte already there and its line endings (CRLF stays CRLF), with a blank line before the
 * entry. Refused when the file already has an entry, or when the result would not read back.
 */
export function appendEntry(target: DataFileTarget, entryLines: readonly string[]): void {
  const line = existingEntryLine(target);
  if (line !== undefined) {
    fail('DataAdd', { file: target.manifestShown, line }, `${target.manifestShown} already has an entry for "${target.key}"; nothing was written.`, `Edit that entry by hand, or remove it and run \`npm run data:add -- ${target.shown} --write\` again.`);
  }
  const text = fs.existsSync(target.manifestAbs) ? fs.readFileSync(target.manifestAbs, 'utf8') : '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^[^\s#][^\r\n]*:[ \t]*\r?\n([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const entry = entryLines.map((l) => l.replace(/^((?: {2})+)/, (lead) => indent.repeat(lead.length / 2)));
  const gap = text === '' ? '' : text.endsWith(`${eol}${eol}`) ? '' : text.endsWith(eol) ? eol : eol + eol;
  const next = text + gap + entry.join(eol) + eol;
  const check = parseDocument(next, { uniqueKeys: false });
  const added = isMap(check.contents) && check.contents.items.some((p) => isScalar(p.key) && String(p.key.value) === target.key);
  if (check.errors.length || !added) {
    fail('DataAdd', { file: target.manifestShown }, `${target.manifestShown} would not read back with the entry appended${check.errors[0] ? ` (${check.errors[0].message.split('\n')[0]})` : ''}; nothing was written.`, `Check that ${target.manifestShown} is valid YAML mapping each file to its entry, then run the command again, or paste the printed entry by hand.`);
  }
  fs.mkdirSync(path.dirname(target.manifestAbs), { recursive: true });
  const tmp = `${target.manifestAbs}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, next);
  fs.renameSync(tmp, target.manifestAbs);
}
