import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, type Site } from '../helpers/site.ts';

const ASTRO = path.join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
const VITEST_ENV = new Set(['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST']);

/** A message Vite's dev server sent to the page (full-reload, error…). */
export interface HmrMessage {
  type: string;
  err?: { message?: string; hint?: string; loc?: { file?: string; line?: number; column?: number } };
  [key: string]: unknown;
}

export interface DevServer {
  base: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Messages received on the HMR socket since the last `take`. */
  take(): HmrMessage[];
  /** Waits (bounded) for a message of this type; undefined when none came in time. */
  next(type: string, timeoutMs?: number): Promise<HmrMessage | undefined>;
  stop(): Promise<void>;
}

/**
 * Starts `astro dev` in a fixture site on 127.0.0.1:<port>, waits (bounded) until it answers,
 * and listens on its HMR socket as the browser's Vite client would.
 */
export async function startDevServer(site: Site, port: number, firstPath: string): Promise<DevServer> {
  // Vitest sets NODE_ENV, MODE, DEV, PROD, SSR… in process.env, and Vite would read MODE=test
  // into import.meta.env: the server must run with the environment `npm run dev` has.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITEST_ENV.has(k) && !k.startsWith('VITEST')));
  const child = spawn(process.execPath, [ASTRO, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: site.root,
    env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const server = { child, stop: () => stopProcess(child) };
  try {
    await waitForPage(`${base}${firstPath}`, child, () => log);
    const messages: HmrMessage[] = [];
    const socket = await openHmrSocket(base, port, messages);
    return {
      base,
      output: () => log,
      take: () => messages.splice(0),
      async next(type, timeoutMs = 10_000) {
        for (let waited = 0; waited <= timeoutMs; waited += 50) {
          const i = messages.findIndex((m) => m.type === type);
          if (i >= 0) return messages.splice(0, i + 1).at(-1);
          await sleep(50);
        }
        return undefined;
      },
      async stop() {
        socket.close();
        await server.stop();
      },
    };
  } catch (e) {
    await server.stop();
    throw new Error(`${(e as Error).message}\n${log}`);
  }
}

async function waitForPage(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error(`astro dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.text();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`astro dev did not answer ${url} in time:\n${log()}`);
}

/** Connects to Vite's HMR WebSocket with the token the client script carries. */
async function openHmrSocket(base: string, port: number, into: HmrMessage[]): Promise<WebSocket> {
  const client = await (await fetch(`${base}/@vite/client`)).text();
  const token = /const wsToken = "([^"]+)"/.exec(client)?.[1];
  if (!token) throw new Error('no HMR token in /@vite/client');
  const socket = new WebSocket(`ws://127.0.0.1:${port}/?token=${token}`, 'vite-hmr');
  socket.addEventListener('message', (e) => into.push(JSON.parse(String(e.data)) as HmrMessage));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('HMR socket did not open')), 10_000);
    socket.addEventListener('open', () => (clearTimeout(timer), resolve()));
    socket.addEventListener('error', () => (clearTimeout(timer), reject(new Error('HMR socket failed'))));
  });
  return socket;
}

/** Stops the server and anything it started (its process group): TERM, then KILL if it lingers. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!done) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
