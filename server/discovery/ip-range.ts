// IPv4 ranges as an admin types them: "192.168.1.10", "192.168.1.10-192.168.1.50", "192.168.1.10-50",
// "192.168.1.0/24" (network and broadcast addresses left out up to /30). Sizes are checked before anything
// is expanded, so "0.0.0.0/0" costs nothing to refuse.
import { AppError } from '../errors.ts';

export interface IpRange {
  /** inclusive, as unsigned 32-bit integers */
  first: number;
  last: number;
  /** the text it came from */
  source: string;
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_RE = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

export function ipToInt(ip: string): number | null {
  const m = IPV4_RE.exec(ip);
  if (!m) return null;
  return ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const invalid = (text: string, why: string) =>
  new AppError('range-invalid', `"${text.slice(0, 64)}" is not a valid address range: ${why}.`);

/**
 * One range; throws AppError 400 `range-invalid`. `hostsOnly` leaves a CIDR block's network and broadcast
 * addresses out (up to /30), as a scan should; an allow-list keeps the whole block.
 */
export function parseRange(text: unknown, hostsOnly = true): IpRange {
  if (typeof text !== 'string') throw invalid(String(text), 'a text such as 192.168.1.0/24 is expected');
  const s = text.trim();
  if (!s || s.length > 64) throw invalid(s, 'expected a.b.c.d, a.b.c.d-e.f.g.h, a.b.c.d-N or a.b.c.d/N');
  const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(s);
  if (cidr) {
    const base = ipToInt(cidr[1]!);
    const bits = Number(cidr[2]);
    if (base === null) throw invalid(s, 'the address is not IPv4');
    if (bits > 32) throw invalid(s, 'the prefix length must be 0 to 32');
    const size = 2 ** (32 - bits);
    const network = bits === 0 ? 0 : ((base >>> (32 - bits)) << (32 - bits)) >>> 0;
    const broadcast = network + size - 1;
    return hostsOnly && bits <= 30 ? { first: network + 1, last: broadcast - 1, source: s } : { first: network, last: broadcast, source: s };
  }
  const dash = /^([\d.]+)\s*-\s*([\d.]+)$/.exec(s);
  if (dash) {
    const first = ipToInt(dash[1]!);
    if (first === null) throw invalid(s, 'the first address is not IPv4');
    let last = ipToInt(dash[2]!);
    if (last === null && /^\d{1,3}$/.test(dash[2]!) && Number(dash[2]) <= 255) {
      last = ((first & 0xffffff00) | Number(dash[2])) >>> 0;
    }
    if (last === null) throw invalid(s, 'the last address is not IPv4');
    if (last < first) throw invalid(s, 'the last address comes before the first');
    return { first, last, source: s };
  }
  const one = ipToInt(s);
  if (one === null) throw invalid(s, 'expected a.b.c.d, a.b.c.d-e.f.g.h, a.b.c.d-N or a.b.c.d/N');
  return { first: one, last: one, source: s };
}

/** Sorted, with overlapping and touching ranges joined. */
export function mergeRanges(ranges: IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  const out: IpRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.first <= prev.last + 1) {
      if (r.last > prev.last) out[out.length - 1] = { ...prev, last: r.last, source: `${prev.source}, ${r.source}` };
    } else out.push({ ...r });
  }
  return out;
}

export const rangeSize = (r: IpRange) => r.last - r.first + 1;

export function inRanges(ip: string, ranges: IpRange[]): boolean {
  const n = ipToInt(ip);
  return n !== null && ranges.some((r) => n >= r.first && n <= r.last);
}

/** An allow-list: CIDR blocks taken whole, joined. */
export function parseAllowedRanges(texts: unknown[]): IpRange[] {
  return mergeRanges(texts.map((t) => parseRange(t, false)));
}

/** Is every address of `r` inside the (merged) `allowed` ranges? */
function covered(r: IpRange, allowed: IpRange[]): boolean {
  return allowed.some((a) => r.first >= a.first && r.last <= a.last);
}

export interface ScanRangeLimits {
  /** the most addresses one scan may cover */
  maxAddresses: number;
  /** every scanned address must lie in these (empty = no address may be scanned) */
  allowedRanges: string[];
}

/**
 * Parses, joins and checks the ranges of a scan. Throws AppError 400 with code `range-invalid`,
 * `range-too-large` or `address-not-allowed`.
 */
export function checkScanRanges(texts: unknown[], limits: ScanRangeLimits): IpRange[] {
  const ranges = mergeRanges(texts.map((t) => parseRange(t)));
  const total = ranges.reduce((n, r) => n + rangeSize(r), 0);
  if (total > limits.maxAddresses) {
    throw new AppError('range-too-large',
      `The ranges cover ${total} addresses; at most ${limits.maxAddresses} may be scanned at once.`,
      { addresses: total, maxAddresses: limits.maxAddresses });
  }
  const allowed = parseAllowedRanges(limits.allowedRanges);
  for (const r of ranges) {
    if (!covered(r, allowed)) {
      throw new AppError('address-not-allowed',
        `The range "${r.source.slice(0, 80)}" reaches outside the addresses this hub may scan ` +
        `(${limits.allowedRanges.join(', ') || 'none configured'}).`);
    }
  }
  return ranges;
}

/** Every address of the ranges, in order. Only call on checked ranges. */
export function* addressesOf(ranges: IpRange[]): Generator<string> {
  for (const r of ranges) for (let n = r.first; n <= r.last; n++) yield intToIp(n);
}
