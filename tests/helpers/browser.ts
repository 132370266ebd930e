import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser } from 'playwright-core';

/** Which Chromium to drive, and how to start it. */
export interface ChromiumChoice {
  source: 'CHROMIUM_PATH' | 'debian' | 'sparticuz';
  executablePath: string;
  args: string[];
}

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const DEBIAN_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Finds a Chromium: $CHROMIUM_PATH; else Debian's /usr/bin/chromium; else the one the
 * @sparticuz/chromium npm package unpacks, so `npm ci && npm test` works on a machine with no
 * system browser. TALLY_CHROMIUM=sparticuz (or =debian) forces one source, to check each path.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumChoice> {
  const forced = env.TALLY_CHROMIUM;
  if (forced && forced !== 'sparticuz' && forced !== 'debian') throw new Error(`TALLY_CHROMIUM="${forced}": use "sparticuz" or "debian", or leave it unset.`);
  if (!forced && env.CHROMIUM_PATH) {
    if (!fs.existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist: point it at a Chromium executable, or unset it.`);
    return { source: 'CHROMIUM_PATH', executablePath: env.CHROMIUM_PATH, args: DEBIAN_ARGS };
  }
  if (forced !== 'sparticuz' && fs.existsSync(DEBIAN_CHROMIUM)) return { source: 'debian', executablePath: DEBIAN_CHROMIUM, args: DEBIAN_ARGS };
  if (forced === 'debian') throw new Error(`TALLY_CHROMIUM=debian, but ${DEBIAN_CHROMIUM} is not installed (apt-get install chromium).`);
  return sparticuzChromium();
}

async function sparticuzChromium(): Promise<ChromiumChoice> {
  const pkg = (await import('@sparticuz/chromium')).default;
  // --single-process crashes Chromium as soon as a second browser context opens; Playwright
  // passes its own --headless, and the package's "--headless='shell'" keeps its quotes in argv.
  const args = pkg.args.filter((a) => a !== '--single-process' && !a.startsWith('--headless'));
  return { source: 'sparticuz', executablePath: await unpackOnce(() => pkg.executablePath()), args };
}

/**
 * The package unpacks Chromium into the temp folder on first use and takes the file's mere
 * existence for "unpacked": test files start in parallel workers, so one at a time unpacks
 * (a lock folder, made atomically) while the others wait and then find it whole.
 */
async function unpackOnce(unpack: () => Promise<string>): Promise<string> {
  const lock = path.join(os.tmpdir(), 'tally-sparticuz-chromium.lock');
  for (let waited = 0; waited < 120_000; waited += 100) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      await sleep(100); // another worker is unpacking; after two minutes, a lock left by a killed run is ignored
    }
  }
  try {
    return await unpack();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Launches the Chromium findChromium picks, headless. Close it in afterAll. */
export async function launchChromium(choice?: ChromiumChoice): Promise<Browser> {
  const c = choice ?? (await findChromium());
  return chromium.launch({ executablePath: c.executablePath, args: c.args, headless: true, timeout: 60_000 });
}
