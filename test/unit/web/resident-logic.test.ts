// The resident app's pure rules: whose cameras are listed where, the RTMP address split for cameras' two boxes,
// the steps per brand, channel lists typed on a phone, which choices a change withdraws, the merged access log,
// and the app's own addresses.
import { describe, expect, it } from 'vitest';
import type { CameraAccessEntryDto, CameraDto } from '../../../server/contracts.ts';
import {
  homePath, mergeAccessLogs, neighbourCameras, orderedShares, ownCameras, parseChannels, RTMP_BRANDS, rtmpHelp,
  splitPublishUrl, withdrawn,
} from '../../../web/src/views/resident/resident-logic.ts';
import { isResidentRoute, parseResidentRoute } from '../../../web/src/views/resident/resident-routes.ts';
import { messagesVi } from '../../../web/src/i18n/messages-vi.ts';

const cam = (id: string, owner: number | null, shares: CameraDto['shares'], createdAt = '2026-11-01T00:00:00Z', name = id) =>
  ({ id, name, owner: owner === null ? null : { id: owner, displayName: `u${owner}` }, shares, createdAt }) as CameraDto;

describe('whose cameras', () => {
  const all = [
    cam('post', null, []),
    cam('mine-old', 7, [], '2026-10-01T00:00:00Z'),
    cam('mine-new', 7, ['group'], '2026-11-20T00:00:00Z'),
    cam('b', 8, ['group'], '2026-11-01T00:00:00Z', 'Nhà bà Bảy'),
    cam('a', 9, ['group', 'police-live'], '2026-11-01T00:00:00Z', 'Ngõ 12'),
    cam('police-only', 9, ['police-live']),
  ];
  it('lists my own cameras newest first, the post\'s and neighbours\' never', () => {
    expect(ownCameras(all, 7).map((c) => c.id)).toEqual(['mine-new', 'mine-old']);
  });
  it('lists the neighbours\' group cameras by name, never mine or the post\'s', () => {
    expect(neighbourCameras(all, 7).map((c) => c.name)).toEqual(['Ngõ 12', 'Nhà bà Bảy']);
  });
});

describe('splitPublishUrl', () => {
  it('splits server and key at the last slash', () => {
    expect(splitPublishUrl('rtmp://cam.example.vn:1935/live/AbC-12_x')).toEqual({ server: 'rtmp://cam.example.vn:1935/live', key: 'AbC-12_x' });
    expect(splitPublishUrl(' rtmps://10.0.0.2/app/live/k ')).toEqual({ server: 'rtmps://10.0.0.2/app/live', key: 'k' });
  });
  it('refuses what has no key', () => {
    expect(splitPublishUrl('rtmp://host:1935/live/')).toBeNull();
    expect(splitPublishUrl('rtmp://host:1935')).toBeNull();
    expect(splitPublishUrl('http://host/live/k')).toBeNull();
  });
});

describe('rtmpHelp', () => {
  it('gives every brand numbered steps that exist in the Vietnamese table', () => {
    for (const b of RTMP_BRANDS) {
      const help = rtmpHelp(b);
      expect(help.steps.length).toBeGreaterThan(1);
      for (const k of [...help.steps, ...(help.warning ? [help.warning] : [])]) expect(messagesVi[k]).toBeTruthy();
    }
  });
  it('warns that most Imou/Ezviz cannot push and points to RTSP', () => {
    expect(rtmpHelp('imou-ezviz')).toMatchObject({ warning: 'my.steps.imou.warning', suggestRtsp: true });
    expect(messagesVi['my.steps.imou.warning']).toContain('RTSP');
    expect(rtmpHelp('hikvision')).toMatchObject({ warning: null, suggestRtsp: false });
  });
  it('tells Hikvision owners to look for RTMP in the network settings when unsure', () => {
    expect(rtmpHelp('hikvision').steps.map((k) => messagesVi[k]).join(' ')).toContain('tìm mục RTMP trong cài đặt mạng');
  });
});

describe('parseChannels', () => {
  it('reads single channels, ranges and lists, sorted and without repeats', () => {
    expect(parseChannels('1')).toEqual([1]);
    expect(parseChannels('1-4, 6')).toEqual([1, 2, 3, 4, 6]);
    expect(parseChannels('3,1;2 2')).toEqual([1, 2, 3]);
  });
  it('refuses zero, reversed ranges, channels past the recorder and words', () => {
    for (const bad of ['', '0', '4-2', '1-65', 'kênh 1', '1-', '-3']) expect(parseChannels(bad), bad).toBeNull();
    expect(parseChannels('1-8', 4)).toBeNull();
    expect(parseChannels('1-4', 4)).toEqual([1, 2, 3, 4]);
  });
});

describe('withdrawn and orderedShares', () => {
  it('names only the choices taken away', () => {
    expect(withdrawn(['police-live', 'group'], ['group', 'police-on-request'])).toEqual(['police-live']);
    expect(withdrawn([], ['group'])).toEqual([]);
    expect(withdrawn(['group', 'police-live'], [])).toEqual(['police-live', 'group']);
  });
  it('sends choices in one fixed order', () => {
    expect(orderedShares(['group', 'police-live', 'group'])).toEqual(['police-live', 'group']);
  });
});

describe('mergeAccessLogs', () => {
  const e = (displayName: string, at: string) => ({ displayName, at, role: 'police', action: 'playback', detail: null }) as CameraAccessEntryDto;
  it('puts the newest first across cameras, each named by its camera', () => {
    const rows = mergeAccessLogs([
      { cameraName: 'Cổng', entries: [e('A', '2026-11-26T03:00:00.000Z'), e('B', '2026-11-25T01:00:00.000Z')] },
      { cameraName: 'Sân', entries: [e('C', '2026-11-26T02:00:00.000Z')] },
    ]);
    expect(rows.map((r) => `${r.displayName}@${r.cameraName}`)).toEqual(['A@Cổng', 'C@Sân', 'B@Cổng']);
  });
});

describe('addresses', () => {
  it('parses the resident app\'s routes', () => {
    expect(parseResidentRoute('/my')).toEqual({ name: 'my' });
    expect(parseResidentRoute('/my/')).toEqual({ name: 'my' });
    expect(parseResidentRoute('/my/cameras/new')).toEqual({ name: 'my-new' });
    expect(parseResidentRoute('/my/cameras/cam%201')).toEqual({ name: 'my-camera', cameraId: 'cam 1' });
    expect(parseResidentRoute('/my/neighbourhood')).toEqual({ name: 'neighbourhood' });
    expect(parseResidentRoute('/my/requests')).toEqual({ name: 'my-requests' });
    expect(parseResidentRoute('/my/access')).toEqual({ name: 'my-access' });
    expect(parseResidentRoute('/notice/abc')).toEqual({ name: 'notice', cameraId: 'abc' });
    expect(parseResidentRoute('/')).toBeNull();
    expect(parseResidentRoute('/myself')).toBeNull();
    expect(parseResidentRoute('/my/cameras/a/b')).toBeNull();
  });
  it('knows its own routes and where each role starts', () => {
    expect(isResidentRoute({ name: 'notice' })).toBe(true);
    expect(isResidentRoute({ name: 'wall' })).toBe(false);
    expect(homePath('resident')).toBe('/my');
    expect(homePath('police')).toBe('/');
  });
});
