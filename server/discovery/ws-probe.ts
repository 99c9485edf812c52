// The UDP side of discovery: WS-Discovery Probes sent to the multicast group on one named interface
// (never on the default route), or unicast to each address of a range. Replies are handed on raw.
import dgram from 'node:dgram';
import os from 'node:os';
import { AppError } from '../errors.ts';
import { WS_DISCOVERY_ADDRESS, WS_DISCOVERY_PORT, buildProbe } from '../onvif/ws-discovery.ts';
import { ipToInt, type IpRange } from './ip-range.ts';

export interface NamedInterface {
  name: string;
  /** its first IPv4 address */
  address: string;
  /** its IPv4 subnet, as a range */
  subnet: IpRange;
}

export type ReplyHandler = (msg: Buffer, from: string, via: NamedInterface | null) => void;

export interface ProbeSocket {
  close(): Promise<void>;
}

/** Resolves interface names to their IPv4 address; AppError 400 `interface-not-found` otherwise. */
export function resolveInterfaces(names: unknown[]): NamedInterface[] {
  const all = os.networkInterfaces();
  return names.map((name) => {
    const v4 = typeof name === 'string' && Object.hasOwn(all, name)
      ? all[name]?.find((a) => a.family === 'IPv4')
      : undefined;
    if (!v4) {
      throw new AppError('interface-not-found',
        `The network interface "${String(name).slice(0, 32)}" does not exist on this hub or has no IPv4 address.`);
    }
    const addr = ipToInt(v4.address)!;
    const mask = ipToInt(v4.netmask) ?? 0xffffffff;
    const first = (addr & mask) >>> 0;
    return { name: name as string, address: v4.address, subnet: { first, last: (first | ~mask) >>> 0, source: v4.cidr ?? v4.address } };
  });
}

function bind(socket: dgram.Socket, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

function send(socket: dgram.Socket, msg: Buffer, port: number, address: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.send(msg, port, address, () => resolve());
    } catch {
      resolve(); // closed meanwhile
    }
  });
}

function closer(socket: dgram.Socket): () => Promise<void> {
  let closed = false;
  return () => new Promise((resolve) => {
    if (closed) return resolve();
    closed = true;
    socket.close(() => resolve());
  });
}

const REPEAT_DELAY_MS = 150; // WS-Discovery repeats a UDP message once, after 50-250 ms

/**
 * Sends a Probe to 239.255.255.250:3702 out of `iface` only: the socket is bound to the interface's
 * address and IP_MULTICAST_IF names it, TTL 1 so it never leaves the link.
 */
export async function openMulticastProbe(iface: NamedInterface, messageId: string, onReply: ReplyHandler): Promise<ProbeSocket> {
  const socket = dgram.createSocket({ type: 'udp4' });
  await bind(socket, iface.address);
  socket.on('error', () => {});
  socket.setMulticastInterface(iface.address);
  socket.setMulticastTTL(1);
  socket.on('message', (msg, rinfo) => onReply(msg, rinfo.address, iface));
  const probe = Buffer.from(buildProbe(messageId));
  await send(socket, probe, WS_DISCOVERY_PORT, WS_DISCOVERY_ADDRESS);
  const repeat = setTimeout(() => void send(socket, probe, WS_DISCOVERY_PORT, WS_DISCOVERY_ADDRESS), REPEAT_DELAY_MS);
  const close = closer(socket);
  return {
    close() {
      clearTimeout(repeat);
      return close();
    },
  };
}

/** Sends a Probe to <address>:3702 for each address (in batches, then once more), from one socket. */
export async function openUnicastProbe(
  addresses: string[],
  messageId: string,
  onReply: ReplyHandler,
  signal: AbortSignal,
): Promise<ProbeSocket> {
  const socket = dgram.createSocket({ type: 'udp4' });
  await bind(socket, '0.0.0.0');
  socket.on('error', () => {});
  socket.on('message', (msg, rinfo) => onReply(msg, rinfo.address, null));
  const probe = Buffer.from(buildProbe(messageId));
  const sendAll = async () => {
    for (let i = 0; i < addresses.length && !signal.aborted; i += 64) {
      await Promise.all(addresses.slice(i, i + 64).map((a) => send(socket, probe, WS_DISCOVERY_PORT, a)));
    }
  };
  await sendAll();
  const repeat = setTimeout(() => void sendAll(), REPEAT_DELAY_MS);
  const close = closer(socket);
  return {
    close() {
      clearTimeout(repeat);
      return close();
    },
  };
}
