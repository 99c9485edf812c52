import { describe, expect, it } from 'vitest';
import {
  buildProbe,
  buildProbeMatches,
  newMessageId,
  parseProbe,
  parseProbeMatches,
  readScopes,
} from '../../../server/onvif/ws-discovery.ts';

describe('WS-Discovery messages', () => {
  it('a Probe round-trips', () => {
    const id = newMessageId();
    expect(parseProbe(buildProbe(id))).toEqual({ messageId: id, types: ['NetworkVideoTransmitter'] });
    expect(parseProbeMatches(buildProbe(id))).toBeNull();
  });

  it('ProbeMatches round-trip, with XML special characters escaped', () => {
    const match = {
      endpoint: 'urn:uuid:1',
      types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
      scopes: ['onvif://www.onvif.org/name/A%26B', 'onvif://www.onvif.org/hardware/X<1>'],
      xaddrs: ['http://10.0.0.5/onvif/device_service', 'http://[fe80::1]/onvif/device_service'],
    };
    const parsed = parseProbeMatches(buildProbeMatches('urn:uuid:probe', match));
    expect(parsed).toEqual({ relatesTo: 'urn:uuid:probe', matches: [match] });
    expect(parseProbe(buildProbeMatches('x', match))).toBeNull();
  });

  it('reads the name, hardware and location scopes', () => {
    expect(readScopes([
      'onvif://www.onvif.org/type/video_encoder',
      'onvif://www.onvif.org/name/C%C3%B4ng%20an%20x%C3%A3',
      'onvif://www.onvif.org/hardware/DS-2CD1023G0E-I',
      'onvif://www.onvif.org/location/city/hanoi',
      'onvif://www.onvif.org/name/second-name-ignored',
      'onvif://www.onvif.org/hardware/%E0%A4%A', // broken escape: kept raw
    ])).toEqual({ name: 'Công an xã', hardware: 'DS-2CD1023G0E-I', location: 'city/hanoi' });
  });

  it('strips control characters from scopes', () => {
    expect(readScopes(['onvif://www.onvif.org/name/a%0Ab%00c'])).toEqual({ name: 'abc' });
  });
});
