// Finding ONVIF devices: WS-Discovery multicast on each named interface, plus a sweep of the named ranges
// (a unicast WS-Discovery Probe to every address and GetSystemDateAndTime on every given port), with
// bounded concurrency and total time. Only addresses an admin named are ever contacted, and replies from
// anywhere else are dropped.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { AppError } from '../errors.ts';
import { parseProbeMatches, readScopes } from '../onvif/ws-discovery.ts';
import { answersOnvif, deviceServiceUrl, readDeviceInfo } from './device-check.ts';
import { addressesOf, checkScanRanges, inRanges, ipToInt, parseAllowedRanges } from './ip-range.ts';
import {
  openMulticastProbe,
  openUnicastProbe,
  resolveInterfaces,
  type NamedInterface,
  type ProbeSocket,
} from './ws-probe.ts';

export interface ScanOptions {
  /** interfaces to send the multicast Probe on, e.g. ['eth0']; none = no multicast at all */
  interfaces: string[];
  /** "a.b.c.d", "a.b.c.d-e.f.g.h", "a.b.c.d-N" or CIDR */
  ranges: string[];
  /** HTTP ports to try GetSystemDateAndTime on, e.g. [80, 8000, 8080] */
  ports: number[];
  /** the whole scan */
  timeoutMs: number;
  /** HTTP checks at once */
  concurrency: number;
  maxAddresses: number;
  /** the hub's policy: addresses outside these are never scanned and their replies are ignored */
  allowedRanges: string[];
  /** how long to listen for WS-Discovery replies; default min(timeoutMs, 1500) */
  replyWaitMs?: number;
  signal?: AbortSignal;
}

export interface ScanProgress {
  /** addresses of the ranges fully checked */
  checked: number;
  total: number;
  found: number;
}

export interface DiscoveredDevice {
  address: string;
  port: number;
  /** the device service URL, at the address the reply came from */
  xaddr: string;
  manufacturer?: string;
  model?: string;
  /** from the WS-Discovery name scope */
  name?: string;
  /** from the WS-Discovery hardware scope */
  hardware?: string;
  foundBy: Array<'ws-discovery' | 'http'>;
}

export interface ScanResult {
  devices: DiscoveredDevice[];
  checked: number;
  total: number;
  /** the time limit (or the caller's signal) ended the scan before everything was checked */
  timedOut: boolean;
}

function checkPorts(ports: unknown[]): number[] {
  if (ports.length > 16) throw new AppError('port-invalid', 'At most 16 ports may be tried.');
  for (const p of ports) {
    if (!Number.isInteger(p) || (p as number) < 1 || (p as number) > 65535) {
      throw new AppError('port-invalid', `"${String(p).slice(0, 16)}" is not a port number (1-65535).`);
    }
  }
  return [...new Set(ports as number[])];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(Number.isFinite(v) ? v : lo, lo), hi);

/** The device URL from a ProbeMatch, moved to the address the reply came from (never anywhere else). */
function xaddrAt(xaddrs: string[], from: string): { port: number; xaddr: string } | null {
  const urls = xaddrs.flatMap((x) => {
    try {
      const u = new URL(x);
      return u.protocol === 'http:' || u.protocol === 'https:' ? [u] : [];
    } catch {
      return [];
    }
  });
  const u = urls.find((x) => x.hostname === from) ?? urls[0];
  if (!u) return null;
  u.hostname = from;
  u.username = '';
  u.password = '';
  return { port: Number(u.port) || (u.protocol === 'https:' ? 443 : 80), xaddr: u.toString() };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

/**
 * Scans and resolves with what was found. Throws AppError 400 before sending anything when the input is
 * refused: range-invalid, range-too-large, address-not-allowed, interface-not-found, port-invalid.
 */
export async function scan(
  opts: ScanOptions,
  onProgress?: (p: ScanProgress) => void,
  onDevice?: (d: DiscoveredDevice) => void,
): Promise<ScanResult> {
  const ranges = checkScanRanges(opts.ranges, { maxAddresses: opts.maxAddresses, allowedRanges: opts.allowedRanges });
  const allowed = parseAllowedRanges(opts.allowedRanges);
  const interfaces = resolveInterfaces([...new Set(opts.interfaces)]);
  const ports = checkPorts(opts.ports);
  const timeoutMs = clamp(opts.timeoutMs, 200, 120_000);
  const concurrency = Math.round(clamp(opts.concurrency, 1, 256));
  const replyWaitMs = clamp(opts.replyWaitMs ?? 1500, 0, timeoutMs);
  const perRequestMs = clamp(timeoutMs / 3, 250, 2000);
  const addresses = [...addressesOf(ranges)];
  const messageId = `urn:uuid:${randomUUID()}`;
  const started = Date.now();
  const ac = new AbortController();
  setMaxListeners(0, ac.signal); // one listener per HTTP check in flight
  const onOuterAbort = () => ac.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (opts.signal?.aborted) ac.abort();

  const devices = new Map<string, DiscoveredDevice>();
  const emitted = new Set<string>();
  const pending = new Set<Promise<void>>();
  let checked = 0;
  const step = Math.max(1, Math.ceil(addresses.length / 100));
  const safe = <A>(fn: ((a: A) => void) | undefined, a: A) => {
    try {
      fn?.(a);
    } catch {
      // a caller's callback must not break the scan
    }
  };
  const progress = () => safe(onProgress, { checked, total: addresses.length, found: devices.size });
  const emit = (d: DiscoveredDevice) => {
    if (emitted.has(d.address)) return;
    emitted.add(d.address);
    safe(onDevice, { ...d, foundBy: [...d.foundBy] });
  };

  const addDevice = (address: string, port: number, xaddr: string, via: 'ws-discovery' | 'http', scopes = {}) => {
    const known = devices.get(address);
    if (known) {
      if (!known.foundBy.includes(via)) known.foundBy.push(via);
      Object.assign(known, { ...scopes, ...known });
      return;
    }
    const d: DiscoveredDevice = { address, port, xaddr, ...scopes, foundBy: [via] };
    devices.set(address, d);
    progress();
    const remaining = timeoutMs - (Date.now() - started);
    const job = readDeviceInfo(xaddr, { timeoutMs: clamp(remaining, 1, 1500), signal: ac.signal }).then((info) => {
      if (info.manufacturer) d.manufacturer = info.manufacturer;
      if (info.model ?? d.hardware) d.model = info.model ?? d.hardware;
      emit(d);
    });
    pending.add(job);
    const settled = () => void pending.delete(job);
    job.then(settled, settled); // a derived promise left unhandled would end the process if the job failed
  };

  const accept = (from: string, via: NamedInterface | null) =>
    inRanges(from, allowed) && (inRanges(from, ranges) || (via !== null && inRanges(from, [via.subnet])));

  const onReply = (msg: Buffer, from: string, via: NamedInterface | null) => {
    if (ac.signal.aborted || !accept(from, via)) return;
    let reply;
    try {
      reply = parseProbeMatches(msg.toString('utf8'));
    } catch {
      return;
    }
    if (!reply || (reply.relatesTo && reply.relatesTo !== messageId)) return;
    for (const m of reply.matches) {
      const at = xaddrAt(m.xaddrs, from);
      if (!at) continue;
      const { name, hardware } = readScopes(m.scopes);
      addDevice(from, at.port, at.xaddr, 'ws-discovery', { ...(name ? { name } : {}), ...(hardware ? { hardware } : {}) });
    }
  };

  const sweep = async () => {
    let next = 0;
    const worker = async () => {
      while (next < addresses.length && !ac.signal.aborted) {
        const address = addresses[next++]!;
        for (const port of ports) {
          if (devices.has(address) || ac.signal.aborted) break;
          if (await answersOnvif(address, port, { timeoutMs: perRequestMs, signal: ac.signal })) {
            addDevice(address, port, deviceServiceUrl(address, port), 'http');
          }
        }
        if (ac.signal.aborted) return;
        checked++;
        if (checked % step === 0 || checked === addresses.length) progress();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, addresses.length) }, worker));
  };

  const sockets: ProbeSocket[] = [];
  const closeSockets = () => Promise.all(sockets.splice(0).map((s) => s.close()));
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    for (const iface of interfaces) sockets.push(await openMulticastProbe(iface, messageId, onReply));
    if (addresses.length) sockets.push(await openUnicastProbe(addresses, messageId, onReply, ac.signal));
    const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(resolve, timeoutMs - (Date.now() - started), 'deadline')));
    const aborted = new Promise<'deadline'>((resolve) => {
      if (ac.signal.aborted) resolve('deadline');
      ac.signal.addEventListener('abort', () => resolve('deadline'), { once: true });
    });
    const listenMs = sockets.length ? replyWaitMs : 0; // nothing was sent: nothing to wait for
    const work = (async () => {
      await Promise.all([sweep(), delay(listenMs, ac.signal)]);
      await closeSockets();
      while (pending.size) await Promise.allSettled([...pending]);
      return 'done' as const;
    })();
    timedOut = (await Promise.race([work, deadline, aborted])) !== 'done';
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    ac.abort();
    await closeSockets();
    await Promise.allSettled([...pending]);
  }
  for (const d of devices.values()) emit(d);
  progress();
  const sorted = [...devices.values()].sort((a, b) => (ipToInt(a.address) ?? 0) - (ipToInt(b.address) ?? 0));
  return { devices: sorted.map((d) => ({ ...d, foundBy: [...d.foundBy] })), checked, total: addresses.length, timedOut };
}
