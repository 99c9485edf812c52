// Rows built from each way a camera arrives, and what the browser sees of them.
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cameraDto, sourceDto } from '../../../server/cameras/camera-dto.ts';
import { createCameraBody } from '../../../server/cameras/camera-schemas.ts';
import { nvrCameras, onvifCamera, rtmpPushCamera, rtspCamera } from '../../../server/cameras/camera-sources.ts';
import { withPassword } from '../../../server/cameras/camera-url.ts';
import { SecretBox } from '../../../server/cameras/secret-box.ts';
import { hashStreamKey } from '../../../server/cameras/stream-key.ts';
import { loadConfig } from '../../../server/config/load-config.ts';
import type { CameraRow, NewCamera } from '../../../server/db/cameras-repo.ts';
import type { OnvifCameraInfo } from '../../../server/onvif/onboard.ts';

const box = new SecretBox(crypto.randomBytes(32));
const templates = loadConfig({ configDir: path.resolve('config'), env: {} }).nvr.templates;
const PASSWORD = 'p@ss:w/rd%20#1';

const info: OnvifCameraInfo = {
  manufacturer: 'Hikvision', model: 'DS-2DE2A404IW',
  main: { profileToken: 'main', width: 1920, height: 1080, rtspUrl: 'rtsp://192.168.1.64:554/Streaming/Channels/101' },
  sub: { profileToken: 'sub', width: 640, height: 360, rtspUrl: 'rtsp://192.168.1.64:554/Streaming/Channels/102' },
  snapshotUrl: 'http://192.168.1.64/onvif/snapshot.jpg', ptz: true, ptzProfileToken: 'main', auth: 'ws-security',
};

const asRow = (c: NewCamera): CameraRow => ({
  deviceHost: null, devicePort: null, deviceUsername: null, devicePasswordEnc: null, manufacturer: null, model: null,
  onvifAuth: null, snapshotUrl: null, ptz: false, ptzProfileToken: null, nvrVendor: null, nvrChannel: null, groupId: null,
  groupName: null, streamKeyEnc: null, streamKeyHash: null, recordingMode: null, recordingStream: null, retentionDays: null,
  areaId: null, place: null, ownerId: null, ownerName: null, sharePoliceLive: false, sharePoliceOnRequest: false,
  shareGroup: false, approval: 'approved', approvalReason: null, approvedByName: null, approvedAt: null,
  createdAt: 't', updatedAt: 't', ...c,
});

const dto = (c: NewCamera, publishBase?: string) => {
  const row = asRow(c);
  const source = sourceDto(row, { publishBase }, { publishing: false, streamKey: () => (row.streamKeyEnc ? box.decrypt(row.streamKeyEnc) : null) });
  return cameraDto(row, source, { status: 'idle', lastError: null, streams: {}, at: 't' },
    { mode: 'off', stream: 'main', retentionDays: 30, own: { mode: null, stream: null, retentionDays: null } });
};

describe('ONVIF camera', () => {
  const src = { kind: 'onvif' as const, host: '192.168.1.64', port: 80, username: 'ad min', password: PASSWORD };
  const row = onvifCamera(undefined, src, info, box);

  it('stores the RTSP URLs with the ONVIF user and the password sealed, percent-encoded for the URL', () => {
    expect(row).toMatchObject({
      sourceKind: 'onvif', name: 'Hikvision DS-2DE2A404IW (192.168.1.64)',
      mainUrl: 'rtsp://ad%20min@192.168.1.64:554/Streaming/Channels/101',
      subUrl: 'rtsp://ad%20min@192.168.1.64:554/Streaming/Channels/102',
      deviceHost: '192.168.1.64', devicePort: 80, deviceUsername: 'ad min', manufacturer: 'Hikvision',
      snapshotUrl: 'http://192.168.1.64/onvif/snapshot.jpg', ptz: true, ptzProfileToken: 'main', onvifAuth: 'ws-security',
    });
    expect(box.decrypt(row.devicePasswordEnc!)).toBe(PASSWORD);
    // what ffmpeg gets: the URL with the password, which parses back to the same credentials
    const u = new URL(withPassword(row.mainUrl!, box.decrypt(row.mainPasswordEnc!)));
    expect([decodeURIComponent(u.username), decodeURIComponent(u.password), u.hostname, u.pathname])
      .toEqual(['ad min', PASSWORD, '192.168.1.64', '/Streaming/Channels/101']);
  });

  it('keeps a name given, and shows no password anywhere in the DTO', () => {
    expect(onvifCamera('Cổng UBND', src, info, box).name).toBe('Cổng UBND');
    const d = dto(row);
    expect(d).toMatchObject({
      ptz: true, group: null, hasSub: true,
      source: { kind: 'onvif', host: '192.168.1.64', port: 80, username: 'ad min', hasPassword: true, snapshot: true, ptz: true },
    });
    expect(JSON.stringify(d)).not.toMatch(/p@ss|p%40ss/);
  });
});

describe('recorder channels', () => {
  it('makes one camera per channel, named and grouped under the recorder, in channel order', () => {
    const rows = nvrCameras(undefined, {
      kind: 'nvr', vendor: 'KBVision', host: '192.168.1.10', username: 'admin', password: PASSWORD, channels: [3, 1, 2],
    }, templates, box);
    expect(rows.map((r) => [r.name, r.nvrChannel, r.nvrVendor, r.mainUrl])).toEqual([
      ['Đầu thu 192.168.1.10 — kênh 1', 1, 'dahua', 'rtsp://admin@192.168.1.10:554/cam/realmonitor?channel=1&subtype=0'],
      ['Đầu thu 192.168.1.10 — kênh 2', 2, 'dahua', 'rtsp://admin@192.168.1.10:554/cam/realmonitor?channel=2&subtype=0'],
      ['Đầu thu 192.168.1.10 — kênh 3', 3, 'dahua', 'rtsp://admin@192.168.1.10:554/cam/realmonitor?channel=3&subtype=0'],
    ]);
    expect(new Set(rows.map((r) => r.groupId)).size).toBe(1);
    expect(rows[0]!.groupId).toMatch(/^grp-[0-9a-f]{10}$/);
    expect(dto(rows[1]!)).toMatchObject({
      group: { id: rows[0]!.groupId, name: 'Đầu thu 192.168.1.10' }, ptz: false,
      source: { kind: 'nvr', vendor: 'dahua', channel: 2, port: 554, hasPassword: true },
    });
    const named = nvrCameras('Nhà văn hóa thôn 2', { kind: 'nvr', vendor: 'hikvision', host: 'h', port: 10554, username: '', password: '', channels: [4] }, templates, box);
    expect(named[0]).toMatchObject({ name: 'Nhà văn hóa thôn 2 — kênh 4', mainUrl: 'rtsp://h:10554/Streaming/Channels/401', mainPasswordEnc: null });
  });
});

describe('RTMP push camera', () => {
  it('has a fresh secret key, shown only inside an admin\'s publish URL', () => {
    const a = rtmpPushCamera(undefined, box);
    const b = rtmpPushCamera('Nhà ông Tư', box);
    const key = box.decrypt(a.streamKeyEnc!);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(box.decrypt(b.streamKeyEnc!)).not.toBe(key);
    expect(a.streamKeyHash).toBe(hashStreamKey(key));
    expect([a.name, b.name]).toEqual(['Camera đẩy RTMP', 'Nhà ông Tư']);
    expect(dto(a, 'rtmp://hub.local:1935/live/').source).toEqual({
      kind: 'rtmp-push', publishing: false, publishUrl: `rtmp://hub.local:1935/live/${key}`,
    });
    const viewer = dto(a);
    expect(viewer.source).toEqual({ kind: 'rtmp-push', publishing: false });
    expect(JSON.stringify(viewer)).not.toContain(key);
  });
});

describe('request bodies', () => {
  it('accepts each kind and refuses the unsafe', () => {
    const ok = (b: unknown) => createCameraBody.safeParse(b).success;
    expect(ok({ name: 'x', source: { kind: 'rtsp', url: 'rtsp://h/a' } })).toBe(true);
    expect(ok({ source: { kind: 'onvif', host: '192.168.1.64' } })).toBe(true);
    expect(ok({ source: { kind: 'onvif', host: 'fd00::64', port: 8000, username: 'a', password: 'b' } })).toBe(true);
    expect(ok({ source: { kind: 'nvr', vendor: 'hikvision', host: 'nvr.lan', channels: [1, 2] } })).toBe(true);
    expect(ok({ source: { kind: 'rtmp-push' } })).toBe(true);
    expect(ok({ source: { kind: 'onvif', host: 'http://192.168.1.64/' } })).toBe(false);
    expect(ok({ source: { kind: 'onvif', host: 'a@b' } })).toBe(false);
    expect(ok({ source: { kind: 'onvif', host: '-oProxyCommand' } })).toBe(false);
    expect(ok({ source: { kind: 'onvif', host: 'h', port: 0 } })).toBe(false);
    expect(ok({ source: { kind: 'onvif', host: 'h', username: 'a\nb' } })).toBe(false);
    expect(ok({ source: { kind: 'nvr', vendor: 'hikvision', host: 'h', channels: [] } })).toBe(false);
    expect(ok({ source: { kind: 'nvr', vendor: 'hikvision', host: 'h', channels: [1, 1] } })).toBe(false);
    expect(ok({ source: { kind: 'rtmp-push', key: 'mine' } })).toBe(false);
    expect(ok({ source: { kind: 'demo' } })).toBe(false);
    expect(() => rtspCamera(undefined, { url: 'rtsp://h/a' }, box)).toThrow(/needs a name/);
  });
});
