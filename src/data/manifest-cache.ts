import { deserialize, serialize } from 'node:v8';
import { store } from '../cache/stores.ts';

/**
 * A manifest's parsed entries, kept on disk by its text and the folder it declares: parsing and
 * checking 500 entries (the YAML, then each entry's schema) cost about 0.3 s of every build,
 * where the text rarely changes. Kept whole by V8's serializer, so what comes back is what the
 * parse gave (key order, undefined fields). What the parse read from the folder besides the text
 * (which files exist) is asked again on every read (`holds`): anything it refuses is parsed
 * afresh, so an error still comes from the parse itself, with its file and line.
 */
export function keptManifest<T>(folder: readonly string[], text: string, parse: () => T, holds: (entries: T) => boolean): T {
  const kept = store('manifests');
  const key = kept.key(...folder, text);
  const bytes = kept.read(key);
  if (bytes) {
    let entries: T | undefined;
    try {
      entries = deserialize(bytes) as T;
    } catch {
      entries = undefined;
    }
    if (entries !== undefined && holds(entries)) return entries;
  }
  const entries = parse();
  kept.write(key, serialize(entries));
  return entries;
}
