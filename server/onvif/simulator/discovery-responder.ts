// The simulated camera's WS-Discovery side: joins 239.255.255.250:3702 on the interface that owns its
// address (127.0.0.x → lo) and answers Probes, multicast or unicast, from <address>:3702.
import dgram from 'node:dgram';
import {
  WS_DISCOVERY_ADDRESS,
  WS_DISCOVERY_PORT,
  buildProbeMatches,
  parseProbe,
  type ProbeMatch,
} from '../ws-discovery.ts';

export interface DiscoveryResponder {
  close(): Promise<void>;
}

const ANSWERS_TYPES = new Set(['NetworkVideoTransmitter', 'Device']);

function bind(socket: dgram.Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function closeSocket(s: dgram.Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      s.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

export async function startDiscoveryResponder(address: string, match: () => ProbeMatch): Promise<DiscoveryResponder> {
  const unicast = dgram.createSocket({ type: 'udp4' });
  const multicast = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  // a camera never crashes on a bad packet; errors after start-up (e.g. ICMP unreachable) are ignored
  const ignore = () => {};
  try {
    await bind(unicast, WS_DISCOVERY_PORT, address);
    await bind(multicast, WS_DISCOVERY_PORT, WS_DISCOVERY_ADDRESS);
    multicast.addMembership(WS_DISCOVERY_ADDRESS, address);
  } catch (err) {
    await Promise.all([closeSocket(unicast), closeSocket(multicast)]);
    throw err;
  }
  unicast.on('error', ignore);
  multicast.on('error', ignore);

  const onMessage = (msg: Buffer, rinfo: dgram.RemoteInfo) => {
    let probe;
    try {
      probe = parseProbe(msg.toString('utf8'));
    } catch {
      return;
    }
    if (!probe) return;
    if (probe.types.length && !probe.types.some((t) => ANSWERS_TYPES.has(t))) return;
    const reply = Buffer.from(buildProbeMatches(probe.messageId, match()));
    unicast.send(reply, rinfo.port, rinfo.address, ignore);
  };
  unicast.on('message', onMessage);
  multicast.on('message', onMessage);

  return {
    async close() {
      unicast.off('message', onMessage);
      multicast.off('message', onMessage);
      await Promise.all([closeSocket(unicast), closeSocket(multicast)]);
    },
  };
}
