import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import { httpStatusOf } from '../../../server/http/error-status.ts';
import { addressesOf, checkScanRanges, inRanges, intToIp, ipToInt, mergeRanges, parseRange } from '../../../server/discovery/ip-range.ts';

const span = (text: string) => {
  const r = parseRange(text);
  return [intToIp(r.first), intToIp(r.last), r.last - r.first + 1];
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return `${httpStatusOf(err.code)} ${err.code}`;
    throw err;
  }
  return 'no error';
}

describe('parseRange', () => {
  it.each([
    ['127.0.0.5', '127.0.0.5', '127.0.0.5', 1],
    ['127.0.0.2-127.0.0.9', '127.0.0.2', '127.0.0.9', 8],
    [' 127.0.0.2 - 127.0.0.9 ', '127.0.0.2', '127.0.0.9', 8],
    ['192.168.1.10-50', '192.168.1.10', '192.168.1.50', 41],
    ['192.168.1.250-192.168.2.5', '192.168.1.250', '192.168.2.5', 12],
    ['127.0.1.0/28', '127.0.1.1', '127.0.1.14', 14],
    ['127.0.1.7/28', '127.0.1.1', '127.0.1.14', 14],
    ['192.168.1.0/24', '192.168.1.1', '192.168.1.254', 254],
    ['10.0.0.0/30', '10.0.0.1', '10.0.0.2', 2],
    ['10.0.0.0/31', '10.0.0.0', '10.0.0.1', 2],
    ['10.0.0.9/32', '10.0.0.9', '10.0.0.9', 1],
    ['255.255.255.0/24', '255.255.255.1', '255.255.255.254', 254],
    ['0.0.0.0/0', '0.0.0.1', '255.255.255.254', 2 ** 32 - 2],
  ])('%s → %s … %s (%i addresses)', (text, first, last, size) => {
    expect(span(text)).toEqual([first, last, size]);
  });

  it.each([
    '', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4/33', '1.2.3.4/', '1.2.3.9-1.2.3.1', '1.2.3.4-256',
    'a.b.c.d', '1.2.3.4-', '-1.2.3.4', '::1', '1.2.3.4/24/8', '1.2.3.4 1.2.3.5', 'x'.repeat(100),
  ])('refuses %j with range-invalid', (text) => {
    expect(codeOf(() => parseRange(text))).toBe('400 range-invalid');
  });

  it('refuses a value that is not text', () => {
    expect(codeOf(() => parseRange(42))).toBe('400 range-invalid');
  });
});

describe('ipToInt / intToIp', () => {
  it.each(['0.0.0.0', '127.0.0.1', '192.168.1.254', '255.255.255.255'])('round-trips %s', (ip) => {
    expect(intToIp(ipToInt(ip)!)).toBe(ip);
  });
});

describe('checkScanRanges', () => {
  const limits = { maxAddresses: 1024, allowedRanges: ['127.0.0.0/8'] };

  it('joins overlapping and touching ranges and counts each address once', () => {
    const r = checkScanRanges(['127.0.0.2-127.0.0.9', '127.0.0.5-127.0.0.12', '127.0.0.13'], limits);
    expect(r.map((x) => [intToIp(x.first), intToIp(x.last)])).toEqual([['127.0.0.2', '127.0.0.13']]);
    expect([...addressesOf(r)]).toHaveLength(12);
  });

  it.each([
    [['127.0.0.0/21'], '400 range-too-large'],
    [['127.0.0.0/22'], 'no error'],
    [['127.0.0.0/8'], '400 range-too-large'],
    [['0.0.0.0/0'], '400 range-too-large'],
    [['127.0.0.0/22', '127.0.4.0/23'], '400 range-too-large'],
    [['192.168.1.0/24'], '400 address-not-allowed'],
    [['126.255.255.255-127.0.0.3'], '400 address-not-allowed'],
    [['127.0.0.1', '10.0.0.1'], '400 address-not-allowed'],
    [['127.0.0.1', 'nope'], '400 range-invalid'],
    [['127.0.0.0/23'], 'no error'],
    [[], 'no error'],
  ])('%j → %s', (ranges, expected) => {
    expect(codeOf(() => checkScanRanges(ranges, limits))).toBe(expected);
  });

  it('allows a range spread over two touching allowed ranges', () => {
    const l = { maxAddresses: 1024, allowedRanges: ['127.0.0.0/25', '127.0.0.128/25'] };
    expect(codeOf(() => checkScanRanges(['127.0.0.100-127.0.0.200'], l))).toBe('no error');
  });

  it('takes an allowed CIDR block whole (network and broadcast addresses included)', () => {
    const l = { maxAddresses: 1024, allowedRanges: ['127.0.0.0/24'] };
    expect(codeOf(() => checkScanRanges(['127.0.0.0-127.0.0.255'], l))).toBe('no error');
  });

  it('with no allowed range nothing may be scanned', () => {
    expect(codeOf(() => checkScanRanges(['127.0.0.2'], { maxAddresses: 10, allowedRanges: [] }))).toBe('400 address-not-allowed');
  });

  it('names the limit in the range-too-large error', () => {
    try {
      checkScanRanges(['127.0.0.0/16'], limits);
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).details).toEqual({ addresses: 65534, maxAddresses: 1024 });
    }
  });
});

describe('inRanges / mergeRanges', () => {
  const ranges = mergeRanges([parseRange('127.0.0.2-127.0.0.4'), parseRange('127.0.1.0/30')]);
  it.each([
    ['127.0.0.2', true], ['127.0.0.4', true], ['127.0.0.5', false], ['127.0.1.1', true], ['127.0.1.0', false],
    ['not-an-ip', false], ['10.0.0.3', false],
  ])('%s → %s', (ip, inside) => {
    expect(inRanges(ip, ranges)).toBe(inside);
  });
});
