import fs from 'node:fs';
import path from 'node:path';
import { fail } from '../core/errors.ts';
import { projectRoot } from '../core/paths.ts';

export const CONFIG_FILE = 'tally.config.json';

/**
 * The audit's allow-list from tally.config.json: phrases whose numerals are names, not claims,
 * each with a one-line reason: `{"audit": {"allow": {"S&P 500": "index name"}}}`.
 */
export function readAllowList(): Map<string, string> {
  const abs = path.join(projectRoot(), CONFIG_FILE);
  if (!fs.existsSync(abs)) return new Map();
  const text = fs.readFileSync(abs, 'utf8');
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    fail('AuditConfig', { file: CONFIG_FILE }, `${CONFIG_FILE} is not valid JSON: ${(e as Error).message}.`);
  }
  const allow = (config as { audit?: { allow?: unknown } } | null)?.audit?.allow;
  if (allow === undefined) return new Map();
  if (typeof allow !== 'object' || allow === null || Array.isArray(allow)) {
    fail('AuditConfig', { file: CONFIG_FILE, line: lineOf(text, '"allow"') }, '"audit.allow" must be an object of phrase → reason.');
  }
  const list = new Map<string, string>();
  for (const [phrase, reason] of Object.entries(allow)) {
    if (typeof reason !== 'string' || !reason.trim() || !phrase.trim()) {
      fail('AuditConfig', { file: CONFIG_FILE, line: lineOf(text, JSON.stringify(phrase)) }, `The allowed phrase ${JSON.stringify(phrase)} needs a one-line reason, e.g. "index name".`);
    }
    list.set(phrase, reason.trim());
  }
  return list;
}

function lineOf(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split('\n').length;
}
