// Loaded with `node --import` (through NODE_OPTIONS) into every Node process of a build: any
// attempt to reach a non-loopback host is recorded in $TALLY_NETWORK_LOG and then refused.
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.TALLY_NETWORK_LOG;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '']);

function isLoopback(host) {
  if (host === undefined || host === null) return true;
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK.has(h) || h.startsWith('127.') || h.endsWith('.localhost');
}

function refuse(kind, target) {
  const line = `${process.pid} ${kind} ${target}\n${new Error('stack').stack?.split('\n').slice(2, 6).join('\n')}\n`;
  if (log) fs.appendFileSync(log, line);
  throw new Error(`Tally's no-network check: ${kind} ${target} refused`);
}

function hostOf(args) {
  const a = args[0];
  if (Array.isArray(a)) return hostOf(a);
  if (typeof a === 'object' && a !== null) {
    if (a.path && !a.host && !a.port) return undefined; // a local (IPC) socket
    return a.host ?? a.hostname ?? 'localhost';
  }
  if (typeof a === 'string' && !/^\d+$/.test(a)) return undefined; // a local (IPC) socket path
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const host = hostOf(args);
  if (!isLoopback(host)) refuse('net.Socket.connect', String(host));
  return connect.apply(this, args);
};

for (const [name, mod] of [['http', http], ['https', https]]) {
  for (const fn of ['request', 'get']) {
    const orig = mod[fn];
    mod[fn] = function (...args) {
      const a = args[0];
      const url = typeof a === 'string' || a instanceof URL ? new URL(String(a)) : undefined;
      const host = url ? url.hostname : a?.hostname ?? a?.host ?? 'localhost';
      if (!isLoopback(host)) refuse(`${name}.${fn}`, url ? url.href : String(host));
      return orig.apply(this, args);
    };
  }
}

const tlsConnect = tls.connect;
tls.connect = function (...args) {
  const host = hostOf(args);
  if (!isLoopback(host)) refuse('tls.connect', String(host));
  return tlsConnect.apply(this, args);
};

for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  const orig = dns[fn];
  dns[fn] = function (host, ...rest) {
    if (!isLoopback(host)) refuse(`dns.${fn}`, String(host));
    return orig.call(this, host, ...rest);
  };
  const p = dns.promises[fn];
  dns.promises[fn] = function (host, ...rest) {
    if (!isLoopback(host)) refuse(`dns.promises.${fn}`, String(host));
    return p.call(this, host, ...rest);
  };
}

const realFetch = globalThis.fetch;
globalThis.fetch = function (input, init) {
  const href = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
  let host;
  try {
    host = new URL(href).hostname;
  } catch {
    host = undefined;
  }
  if (!isLoopback(host)) {
    try {
      refuse('fetch', href);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  return realFetch(input, init);
};
