import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { withoutPromptPurge } from '../../core/allocator-env.ts';
import { fail } from '../../core/errors.ts';
import type { Png } from './draw-png.ts';
import { interFontFaces } from './inter-fonts.ts';
import type { RasterReply, RasterRequest } from './raster-child.ts';

/** What is being drawn, for the error that names it when resvg keeps crashing on it. */
export interface RasterWhat {
  stage: 'drawing the email PNG' | 'drawing the social card';
  /** The issue's slug. */
  issue: string;
  /** The chart's spec file, relative to the project root (email PNGs). */
  chart?: string | undefined;
  /** The file the error points at: the spec file, or the issue's page. */
  file: string;
}

interface Job {
  svg: string;
  zoom: number;
  what: RasterWhat;
  tries: number;
  resolve: (png: Png) => void;
  reject: (e: unknown) => void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  job: Job | undefined;
  /** A job whose child died on it, kept for this fresh child to draw once it is ready. */
  retry: Job | undefined;
  /** Ended by closeRasterPool or retired after its drawings, not by a crash. */
  closing: boolean;
  /** Drawings this child has sent back. */
  drawn: number;
  /** The end of the child's stderr: a Rust panic prints its place and reason there. */
  stderr: string;
}

const CHILD = fileURLToPath(new URL('./raster-child.ts', import.meta.url));
/** resvg is single-threaded per drawing: one process per core, at most four. */
const SIZE = Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * Drawings after which a child is replaced by a fresh one, so whatever native memory a child
 * might keep goes back to the system with the process. Measured on the bench corpus's email
 * charts and cards, a child that collects its garbage after every drawing (raster-child.ts)
 * keeps nothing: 122 MiB at its peak over 736 drawings, as over 184. A fresh child costs 0.3 s
 * of CPU to start, and more while its JavaScript warms up: 0.3 to 1 s against about 8 s for 200
 * drawings, when children were replaced that often. Every 1,000 drawings still bounds a slow
 * growth without paying for one that was not seen.
 */
const DRAWINGS_PER_CHILD = 1000;
let drawingsPerChild = DRAWINGS_PER_CHILD;

const workers = new Set<Worker>();
const queue: Job[] = [];
let nextId = 0;
let idleWaiters: (() => void)[] = [];
/** Children in a row that died before saying they were ready: past two, the rasterizer cannot load. */
let failedStarts = 0;
let starts = 0;
let requests = 0;

/**
 * Draws an SVG to PNG in one of a few child processes (started on the first call, reused after).
 * A panic in resvg aborts its process, not the build: the job is drawn again in a fresh child,
 * and if that one dies too the promise rejects with RasterCrash, naming `what`. A drawing error
 * that resvg reports (an unreadable SVG) rejects with a plain Error carrying its message.
 */
export function rasterize(svg: string, zoom: number, what: RasterWhat): Promise<Png> {
  requests++;
  return new Promise<Png>((resolve, reject) => {
    queue.push({ svg, zoom, what, tries: 0, resolve, reject });
    dispatch();
  });
}

/**
 * Lets every queued drawing finish, then ends the child processes. Idle children never keep the
 * build alive (they are unreferenced), so this only tidies up; a later rasterize() starts anew.
 */
export async function closeRasterPool(): Promise<void> {
  while (busy()) await new Promise<void>((r) => idleWaiters.push(r));
  await Promise.all(
    [...workers].map((w) => {
      workers.delete(w);
      w.closing = true;
      if (w.child.exitCode !== null || w.child.signalCode !== null) return undefined;
      return new Promise<void>((r) => {
        // Waited for, so held: an unreferenced child would let Node exit mid-hook, the build unfinished.
        w.child.ref();
        w.child.once('exit', () => r());
        if (w.child.connected) w.child.disconnect();
        else w.child.kill();
      });
    }),
  );
}

/**
 * Tests only: how many drawings a child makes before it is replaced (Infinity: never), or the
 * default again when called with no argument. Not an author's setting.
 */
export function setDrawingsPerChild(n: number = DRAWINGS_PER_CHILD): void {
  if (!(n >= 1)) throw new RangeError(`drawings per child must be at least 1, not ${n}`);
  drawingsPerChild = n;
}

/** How many rasterizer processes are running now (for tests). */
export function rasterPoolSize(): number {
  return workers.size;
}

/** How many drawings were asked of this module since it loaded (for tests). */
export function rasterRequests(): number {
  return requests;
}

/** How many rasterizer processes were started since this module loaded (for tests). */
export function rasterPoolStarts(): number {
  return starts;
}

function dispatch(): void {
  for (const w of workers) {
    if (!queue.length) break;
    if (w.ready && !w.job) run(w, queue.shift()!);
  }
  const starting = [...workers].filter((w) => !w.ready && !w.retry).length;
  for (let n = queue.length - starting; n > 0 && workers.size < SIZE; n--) start();
  if (!busy()) {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const r of waiters) r();
  }
}

function busy(): boolean {
  return queue.length > 0 || [...workers].some((w) => w.job || w.retry);
}

function start(): Worker {
  const child = fork(CHILD, [], { execArgv: ['--expose-gc'], serialization: 'advanced', env: withoutPromptPurge(process.env), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const w: Worker = { child, ready: false, job: undefined, retry: undefined, closing: false, drawn: 0, stderr: '' };
  workers.add(w);
  starts++;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => void (w.stderr = (w.stderr + chunk).slice(-4000)));
  // The stream only carries diagnostics: it must not keep the build alive on its own.
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  child.on('message', (reply: RasterReply) => {
    if ('ready' in reply) {
      w.ready = true;
      failedStarts = 0;
      if (w.retry) run(w, w.retry);
      w.retry = undefined;
    } else if (w.job) {
      const job = w.job;
      w.job = undefined;
      w.drawn++;
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve({ png: Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength), width: reply.width, height: reply.height });
    }
    idle(w);
    if (w.drawn >= drawingsPerChild) retire(w);
    dispatch();
  });
  child.on('error', () => child.kill());
  // 'close', not 'exit': by then the whole of stderr (the panic message) has been read.
  child.on('close', (code, signal) => {
    workers.delete(w);
    const died = signal ?? `exit code ${code}`;
    const detail = panicOf(w.stderr);
    const job = w.job ?? w.retry;
    w.job = w.retry = undefined;
    if (!w.ready && !w.closing && ++failedStarts >= 2) {
      failedStarts = 0;
      const error = new Error(`the rasterizer process could not start: ${detail || died}`);
      for (const lost of [...(job ? [job] : []), ...queue.splice(0)]) lost.reject(error);
    } else if (job && job.tries < 2) {
      // Once more, in a new process of its own.
      start().retry = job;
    } else if (job) {
      job.reject(crashError(job.what, died, detail));
    }
    dispatch();
  });
  return w;
}

/**
 * Ends an idle child that has made its drawings, so its memory goes back to the system; the next
 * dispatch starts a fresh child if drawings are waiting. Its replacement starts only once it is
 * out of the pool, not beside it: a build's peak memory is what this is for.
 */
function retire(w: Worker): void {
  workers.delete(w);
  w.closing = true;
  if (w.child.connected) w.child.disconnect();
  else w.child.kill();
}

function run(w: Worker, job: Job): void {
  job.tries++;
  w.job = job;
  w.child.ref();
  w.child.channel?.ref();
  const req: RasterRequest = { id: nextId++, svg: job.svg, zoom: job.zoom, fonts: interFontFaces() };
  w.child.send(req);
}

/** An idle child holds the event loop neither by its process nor by its channel. */
function idle(w: Worker): void {
  if (w.job) return;
  w.child.unref();
  w.child.channel?.unref();
}

/**
 * What the child said before it died: a Rust panic's place and reason ("resvg/src/geom.rs:27:61:
 * called `Option::unwrap()` on a `None` value"), or else its first line that is not a stack frame.
 */
function panicOf(stderr: string): string {
  const m = /panicked at (?:[^\n]*?\/)?((?:[\w-]+\/src\/)?[\w.-]+\.rs:\d+:\d+):\s*\n?([^\n]+)/.exec(stderr);
  if (m) return `resvg panicked at ${m[1]}: ${m[2]!.trim()}`;
  const lines = stderr.split('\n').map((l) => l.trim());
  const line = lines.find((l) => /^[A-Za-z][\w-]*: \S/.test(l)) ?? lines.find((l) => l && !/^(-----|\d+: |at |node:)/.test(l));
  return line?.trim().slice(0, 300) ?? '';
}

function crashError(what: RasterWhat, signal: string, detail: string): unknown {
  try {
    return fail('RasterCrash', { file: what.file }, what, signal, detail);
  } catch (e) {
    return e;
  }
}
