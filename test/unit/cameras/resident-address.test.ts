import { describe, expect, it } from 'vitest';
import { assertPublicHost, isPublicAddress } from '../../../server/cameras/resident-address.ts';

describe('residents\' camera addresses', () => {
  it('tells internet addresses from the post\'s network, the hub itself and special ranges', () => {
    for (const ip of ['113.160.92.10', '14.232.1.1', '8.8.8.8', '2402:800:1::1', '::ffff:113.160.92.10']) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.64', '169.254.169.254',
      '100.64.0.1', '0.0.0.0', '224.0.0.251', '255.255.255.255', '::1', '::', 'fe80::1', 'fd12:3456::1', '::ffff:127.0.0.1',
      '::ffff:192.168.1.1', 'not-an-ip']) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it('refuses a name that resolves to any private address, and says which error when it resolves to nothing', async () => {
    const dns = (map: Record<string, string[]>) => async (h: string) => {
      if (!map[h]) throw new Error('ENOTFOUND');
      return map[h]!;
    };
    const resolve = dns({ 'nha-lan.ddns.net': ['113.160.92.10'], 'rebind.example': ['113.160.92.10', '10.0.0.5'], 'localhost': ['127.0.0.1'] });
    await expect(assertPublicHost('nha-lan.ddns.net', resolve)).resolves.toBeUndefined();
    await expect(assertPublicHost('113.160.92.10', resolve)).resolves.toBeUndefined();
    for (const host of ['rebind.example', 'localhost', '192.168.1.64', '[::1]']) {
      await expect(assertPublicHost(host, resolve), host).rejects.toMatchObject({ code: 'camera-address-not-public' });
    }
    await expect(assertPublicHost('khong-co.ddns.net', resolve)).rejects.toMatchObject({ code: 'camera-address-unresolved' });
  });
});
