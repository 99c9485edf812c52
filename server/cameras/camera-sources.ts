// Turns each way a camera arrives (RTSP URL, ONVIF probe result, recorder channels, RTMP push) into rows to
// store. Passwords are split off and sealed; URLs keep only the user name.
import crypto from 'node:crypto';
import type { NewCamera } from '../db/cameras-repo.ts';
import { AppError } from '../errors.ts';
import type { OnvifCameraInfo } from '../onvif/onboard.ts';
import { parseCameraUrl } from './camera-url.ts';
import type { NvrSourceBody, OnvifSourceBody } from './camera-schemas.ts';
import { channelUrls, findTemplate, type NvrTemplates } from './nvr-templates.ts';
import type { SecretBox } from './secret-box.ts';
import { hashStreamKey, newStreamKey } from './stream-key.ts';

const NAME_MAX = 100;

export const newCameraId = () => `cam-${crypto.randomBytes(5).toString('hex')}`;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** The URL with a user name (percent-encoded) and without password. */
function withUser(url: string, username: string): string {
  const u = new URL(url);
  u.username = username ? encodeURIComponent(username) : '';
  u.password = '';
  return u.toString();
}

/** A password as it goes into an RTSP URL (percent-encoded), sealed; null for none. */
function sealUrlPassword(box: SecretBox, password: string): string | null {
  return password ? box.encrypt(encodeURIComponent(password)) : null;
}

export function rtspCamera(name: string | undefined, source: { url: string; subUrl?: string | null }, box: SecretBox): NewCamera {
  if (!name) throw new AppError('name-required', 'A camera added by RTSP URL needs a name.');
  const main = parseCameraUrl(source.url, 'source.url');
  const sub = source.subUrl ? parseCameraUrl(source.subUrl, 'source.subUrl') : null;
  return {
    id: newCameraId(), name, sourceKind: 'rtsp', demoPattern: null, isDemo: false,
    mainUrl: main.url, mainPasswordEnc: main.password ? box.encrypt(main.password) : null,
    subUrl: sub?.url ?? null, subPasswordEnc: sub?.password ? box.encrypt(sub.password) : null,
  };
}

/** An ONVIF camera: its RTSP URLs take the ONVIF credentials (cameras almost always share them). */
export function onvifCamera(name: string | undefined, src: OnvifSourceBody, info: OnvifCameraInfo, box: SecretBox): NewCamera {
  const label = `${info.manufacturer} ${info.model}`.trim() || 'Camera ONVIF';
  const sealed = sealUrlPassword(box, src.password);
  return {
    id: newCameraId(),
    name: name ?? clip(`${label} (${src.host})`, NAME_MAX),
    sourceKind: 'onvif', demoPattern: null, isDemo: false,
    mainUrl: withUser(info.main.rtspUrl, src.username),
    mainPasswordEnc: sealed,
    subUrl: info.sub ? withUser(info.sub.rtspUrl, src.username) : null,
    subPasswordEnc: info.sub ? sealed : null,
    deviceHost: src.host, devicePort: src.port, deviceUsername: src.username || null,
    devicePasswordEnc: src.password ? box.encrypt(src.password) : null,
    manufacturer: info.manufacturer || null, model: info.model || null,
    onvifAuth: info.auth, snapshotUrl: info.snapshotUrl ?? null,
    ptz: info.ptz, ptzProfileToken: info.ptzProfileToken ?? null,
  };
}

/** One camera per recorder channel, grouped under the recorder. */
export function nvrCameras(name: string | undefined, src: NvrSourceBody, templates: NvrTemplates, box: SecretBox): NewCamera[] {
  const { id: vendor, template } = findTemplate(templates, src.vendor);
  const port = src.port ?? template.defaultPort;
  const groupName = clip(name ?? `Đầu thu ${src.host}`, NAME_MAX - 12);
  const groupId = `grp-${crypto.randomBytes(5).toString('hex')}`;
  const sealed = sealUrlPassword(box, src.password);
  const deviceSealed = src.password ? box.encrypt(src.password) : null;
  return [...src.channels].sort((a, b) => a - b).map((channel) => {
    const urls = channelUrls(template, { host: src.host, port, channel });
    return {
      id: newCameraId(),
      name: `${groupName} — kênh ${channel}`,
      sourceKind: 'nvr', demoPattern: null, isDemo: false,
      mainUrl: withUser(urls.main, src.username), mainPasswordEnc: sealed,
      subUrl: withUser(urls.sub, src.username), subPasswordEnc: sealed,
      deviceHost: src.host, devicePort: port, deviceUsername: src.username || null, devicePasswordEnc: deviceSealed,
      nvrVendor: vendor, nvrChannel: channel, groupId, groupName,
    };
  });
}

/** A camera that pushes RTMP to the hub, with a new secret stream key. */
export function rtmpPushCamera(name: string | undefined, box: SecretBox): NewCamera {
  const key = newStreamKey();
  return {
    id: newCameraId(), name: name ?? 'Camera đẩy RTMP', sourceKind: 'rtmp-push', demoPattern: null, isDemo: false,
    mainUrl: null, mainPasswordEnc: null, subUrl: null, subPasswordEnc: null,
    streamKeyEnc: box.encrypt(key), streamKeyHash: hashStreamKey(key),
  };
}
