import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../helpers/site.ts';

const run = promisify(execFile);
const VNU = path.join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

/**
 * Runs the Nu Html Checker (vnu.jar, Java 17) on folders or files, as
 * `java -jar node_modules/vnu-jar/build/dist/vnu.jar --format json --skip-non-html <paths>`,
 * and returns its messages. vnu exits 1 when it finds errors; its JSON goes to stderr.
 */
export async function checkHtml(paths: string[]): Promise<VnuMessage[]> {
  let stderr: string;
  try {
    stderr = (await run('java', ['-jar', VNU, '--format', 'json', '--skip-non-html', ...paths], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 })).stderr;
  } catch (e) {
    const err = e as { stderr?: string; code?: unknown; message: string };
    if (typeof err.code !== 'number' || !err.stderr?.trimStart().startsWith('{')) throw new Error(`vnu did not run (is Java 17 on PATH?): ${err.message}`);
    stderr = err.stderr;
  }
  return (JSON.parse(stderr) as { messages: VnuMessage[] }).messages;
}

/** Exceptions to the Nu checker, each explained in docs/reader-interactivity.md: none today. */
export const VNU_ALLOWED: { message: RegExp; why: string }[] = [];

export const isAllowed = (m: VnuMessage): boolean => VNU_ALLOWED.some((a) => a.message.test(m.message));
