import fs from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { fail } from './errors.ts';
import { projectRoot } from './paths.ts';

export const CONFIG_FILE = 'tally.config.json';

/** The site's identity: what every page, the feed, the email and the social card call it. */
export interface SiteConfig {
  name: string;
  tagline: string;
  description: string;
  /** A BCP 47 language tag: `<html lang>`, the feed's `<language>`, the email. */
  language: string;
  /** The byline of an issue whose front matter names no authors. */
  authors: readonly string[];
  /** The absolute site URL; `TALLY_SITE` overrides it. */
  url: string;
}

/** Tally's own identity: what a site gets for every setting its `site` section leaves out. */
export const SITE_DEFAULTS: Readonly<SiteConfig> = Object.freeze({
  name: 'Tally',
  tagline: 'Markets, by the numbers',
  description: 'A data-driven newsletter: every number in the prose and every chart is computed from data at build time.',
  language: 'en',
  authors: Object.freeze(['Tally desk']),
  url: 'https://tally.example.com',
});

const text = z.string().trim().min(1, 'must not be empty');
const siteSchema = z
  .object({
    name: text,
    tagline: text,
    description: text,
    language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as "en", "fr" or "pt-BR"'),
    authors: z.array(text).min(1, 'must name at least one author'),
    url: z.string().refine(isSiteUrl, 'must be an absolute http(s) URL such as "https://news.example.com"'),
  })
  .partial()
  .strict();

export const SITE_KEYS = Object.keys(siteSchema.shape) as (keyof SiteConfig)[];

let memo: { file: string; text: string | undefined; config: Readonly<SiteConfig> } | undefined;

/**
 * The `site` section of tally.config.json, with Tally's defaults for what it leaves out.
 * Read again whenever the file's text changed (so `astro dev` follows edits); an invalid
 * section fails naming the file, the line and the fix.
 */
export function siteConfig(root = projectRoot()): Readonly<SiteConfig> {
  const file = path.join(root, CONFIG_FILE);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (memo?.file === file && memo.text === text) return memo.config;
  const config = Object.freeze(text === undefined ? SITE_DEFAULTS : parseSiteConfig(text));
  memo = { file, text, config };
  return config;
}

/** `site` for astro.config.mjs: `TALLY_SITE` when set, else the configured `url`. */
export function configuredSiteUrl(env: Record<string, string | undefined> = process.env, root = projectRoot()): string {
  return env.TALLY_SITE || siteConfig(root).url;
}

/** The site settings in the text of a tally.config.json. */
export function parseSiteConfig(text: string): Readonly<SiteConfig> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /line (\d+) column (\d+)/.exec(message);
    fail('SiteConfig', { file: CONFIG_FILE, line: at ? Number(at[1]) : undefined, column: at ? Number(at[2]) : undefined }, `${CONFIG_FILE} is not valid JSON: ${message}.`);
  }
  const section = (json as { site?: unknown } | null)?.site;
  if (section === undefined) return SITE_DEFAULTS;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    fail('SiteConfig', { file: CONFIG_FILE, line: lineOf(text, []) }, `"site" in ${CONFIG_FILE} must be an object, e.g. {"site": {"name": "Rates Weekly"}}.`);
  }
  const unknown = Object.keys(section).find((k) => !(SITE_KEYS as string[]).includes(k));
  if (unknown !== undefined) fail('UnknownSiteSetting', { file: CONFIG_FILE, line: lineOf(text, [unknown], true) }, unknown, SITE_KEYS);
  const parsed = siteSchema.safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.path.map(String);
    fail('SiteConfig', { file: CONFIG_FILE, line: lineOf(text, keys) }, `"site.${keys.join('.')}" in ${CONFIG_FILE} ${issue.message}.`);
  }
  const { authors, ...rest } = parsed.data;
  return { ...SITE_DEFAULTS, ...rest, authors: Object.freeze(authors ?? SITE_DEFAULTS.authors) };
}

function isSiteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The 1-based line of `site.<keys…>` in the config text (the key's own line when `atKey`), read
 * with a YAML parser that keeps positions: JSON is YAML, and JSON.parse keeps none.
 */
function lineOf(text: string, keys: string[], atKey = false): number | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  let node: unknown = doc.contents;
  let at: number | undefined;
  for (const key of ['site', ...keys]) {
    if (isSeq(node)) {
      node = node.items[Number(key)];
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) at = lines.linePos(range[0]).line;
      continue;
    }
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) break;
    const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    const range = atKey || !valueRange ? keyRange : valueRange;
    if (range) at = lines.linePos(range[0]).line;
    node = pair.value;
  }
  return at;
}
