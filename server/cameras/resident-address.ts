// Where a resident may point the hub. A resident's RTSP address or recorder is reached from the hub's own network,
// so an address on the post's LAN, the hub itself (loopback: the RTMP ingest, the hub's own ports) or a link-local
// service would let a resident probe what only the post should reach. Residents' cameras are reached over the
// internet (DDNS, a forwarded port): their host must resolve to public addresses only, unless the commune runs a
// VPN to households (`residents.allowPrivateAddresses`). Checked when a resident registers, tests or re-points a
// camera; ffmpeg resolves the name again when it connects, so a name that later resolves elsewhere is caught at the
// next change only — the protocol whitelist (rtsp, rtsps) still holds.
import dns from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '../errors.ts';

/** [first address, prefix length] of every range that is not the public internet */
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const V6_BLOCKED: [string, number][] = [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96],
];
const blocked = new net.BlockList();
for (const [a, p] of V4_BLOCKED) blocked.addSubnet(a, p, 'ipv4');
for (const [a, p] of V6_BLOCKED) blocked.addSubnet(a, p, 'ipv6');

/** Whether an IP address (v4, v6, or v4 mapped into v6) is on the public internet. */
export function isPublicAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const v4 = mapped ?? (net.isIPv4(ip) ? ip : null);
  if (v4) return !blocked.check(v4, 'ipv4');
  return net.isIPv6(ip) && !blocked.check(ip, 'ipv6');
}

export type Resolve = (host: string) => Promise<string[]>;
const systemResolve: Resolve = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Throws `camera-address-not-public` unless every address the host resolves to is public. */
export async function assertPublicHost(host: string, resolve: Resolve = systemResolve): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(bare) ? [bare] : await resolve(bare);
  } catch {
    throw new AppError('camera-address-unresolved', `The address "${host}" could not be found: check the DDNS name.`);
  }
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    throw new AppError('camera-address-not-public',
      `"${host}" is not an internet address: the hub reaches residents' cameras over the internet (a DDNS name or a public address with a forwarded port).`);
  }
}
