import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findChromium, launchChromium, type ChromiumChoice } from '../helpers/browser.ts';

const hasDebian = fs.existsSync('/usr/bin/chromium');

/** Starts the browser, opens two contexts (--single-process would crash here) and reads a page back. */
async function smoke(choice: ChromiumChoice): Promise<string> {
  const browser = await launchChromium(choice);
  try {
    const [a, b] = [await browser.newContext(), await browser.newContext()];
    const page = await b.newPage();
    await page.setContent('<p id="p">two contexts</p>');
    const text = await page.textContent('#p');
    await a.close();
    await b.close();
    return text ?? '';
  } finally {
    await browser.close();
  }
}

describe('finding Chromium for the browser tests', () => {
  it('prefers $CHROMIUM_PATH, and names it when it does not exist', async () => {
    await expect(findChromium({ CHROMIUM_PATH: '/nowhere/chromium' })).rejects.toThrow('CHROMIUM_PATH=/nowhere/chromium does not exist');
    const choice = await findChromium({ CHROMIUM_PATH: process.execPath });
    expect(choice).toMatchObject({ source: 'CHROMIUM_PATH', executablePath: process.execPath });
  });

  it.runIf(hasDebian)("uses Debian's /usr/bin/chromium when present, with headless flags, and it runs", async () => {
    const choice = await findChromium({});
    expect(choice.source).toBe('debian');
    expect(choice.args).toEqual(expect.arrayContaining(['--headless', '--no-sandbox', '--disable-gpu']));
    expect(await smoke(choice)).toBe('two contexts');
  });

  it('falls back to @sparticuz/chromium from npm, without --single-process, and it runs', async () => {
    const choice = await findChromium({ TALLY_CHROMIUM: 'sparticuz' });
    expect(choice.source).toBe('sparticuz');
    expect(choice.args).not.toContain('--single-process');
    expect(choice.args.some((a) => a.startsWith('--headless'))).toBe(false);
    expect(fs.existsSync(choice.executablePath)).toBe(true);
    expect(await smoke(choice)).toBe('two contexts');
  });

  it('refuses an unknown TALLY_CHROMIUM', async () => {
    await expect(findChromium({ TALLY_CHROMIUM: 'firefox' })).rejects.toThrow('use "sparticuz" or "debian"');
  });
});
