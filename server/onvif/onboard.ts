// Adding a camera by ONVIF: read who it is, pick the main (largest) and sub (smallest) H.264/H.265 profiles,
// and get their RTSP addresses and a snapshot address — all within one short deadline.
import { AppError } from '../errors.ts';
import {
  OnvifFailure,
  cleanText,
  connectServices,
  withOnvifSession,
  type OnvifAuth,
  type OnvifConnectOptions,
  type OnvifSession,
} from './onvif-client.ts';
import { acceptSnapshotUri, acceptStreamUri } from './stream-uri.ts';
import { xmlEscape } from './xml.ts';

export interface OnvifStream {
  profileToken: string;
  width: number;
  height: number;
  /** rtsp:// or rtsps://, host rewritten to the address we reached the camera at, no credentials */
  rtspUrl: string;
}

export interface OnvifCameraInfo {
  manufacturer: string;
  model: string;
  serial?: string;
  firmware?: string;
  main: OnvifStream;
  /** absent when the camera has a single H.264/H.265 profile */
  sub?: OnvifStream;
  /** http(s), host rewritten, no credentials (the camera usually wants HTTP Digest for it) */
  snapshotUrl?: string;
  ptz: boolean;
  /** the profile to send PTZ commands with */
  ptzProfileToken?: string;
  /** what the camera accepted; pass it to the PTZ calls */
  auth: OnvifAuth;
}

export type OnvifProbeOptions = Omit<OnvifConnectOptions, 'auth'>;

export interface ProfileSummary {
  token: string;
  encoding: string;
  width: number;
  height: number;
  ptz: boolean;
}

type RawProfile = {
  $?: { token?: unknown };
  videoEncoderConfiguration?: { encoding?: unknown; resolution?: { width?: unknown; height?: unknown } };
  PTZConfiguration?: unknown;
};

/** The client's parsed profiles (Media1, or Media2 converted by the client) reduced to what we need. */
export function summariseProfiles(raw: unknown): ProfileSummary[] {
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((p: RawProfile) => {
    const vec = p?.videoEncoderConfiguration;
    return {
      token: cleanText(p?.$?.token),
      encoding: cleanText(vec?.encoding).toUpperCase(),
      width: Number(vec?.resolution?.width) || 0,
      height: Number(vec?.resolution?.height) || 0,
      ptz: Boolean(p?.PTZConfiguration),
    };
  }).filter((p) => p.token);
}

const isH264 = (p: ProfileSummary) => /^H\.?264$/.test(p.encoding);
const isH265 = (p: ProfileSummary) => /^(H\.?265|HEVC)$/.test(p.encoding);
/** what the hub can record by stream copy and show (H.265 live through the H.264 sub-stream where there is one) */
const isSupported = (p: ProfileSummary) => isH264(p) || isH265(p);

/**
 * main = the highest-resolution H.264 or H.265 profile, sub = the lowest-resolution one (when there are two or
 * more; between equal sizes, H.264 for the sub: every browser decodes it).
 */
export function chooseProfiles(profiles: ProfileSummary[]): { main: ProfileSummary; sub?: ProfileSummary } | null {
  const usable = profiles.filter(isSupported);
  if (!usable.length) return null;
  const area = (p: ProfileSummary) => p.width * p.height;
  const main = usable.reduce((a, b) => (area(b) > area(a) ? b : a));
  const rest = usable.filter((p) => p !== main);
  const sub = rest.length
    ? rest.reduce((a, b) => (area(b) < area(a) || (area(b) === area(a) && isH264(b) && !isH264(a)) ? b : a))
    : undefined;
  return { main, sub };
}

async function getProfiles(s: OnvifSession): Promise<ProfileSummary[]> {
  try {
    return summariseProfiles(await s.call('GetProfiles', (cb) => s.cam.getProfiles(cb)));
  } catch (err) {
    // some cameras advertise Media2 and then fail it; the client's own connect() falls back the same way
    if (!(err instanceof OnvifFailure) || err.kind !== 'bad-response' || !s.cam.media2Support) throw err;
    s.cam.media2Support = false;
    return summariseProfiles(await s.call('GetProfiles', (cb) => s.cam.getProfiles(cb)));
  }
}

async function streamUri(s: OnvifSession, host: string, p: ProfileSummary): Promise<OnvifStream> {
  const r = await s.call<{ uri?: unknown }>('GetStreamUri', (cb) =>
    s.cam.getStreamUri({ protocol: 'RTSP', stream: 'RTP-Unicast', profileToken: xmlEscape(p.token) }, cb));
  return { profileToken: p.token, width: p.width, height: p.height, rtspUrl: acceptStreamUri(r?.uri, host) };
}

async function readCamera(s: OnvifSession, host: string): Promise<Omit<OnvifCameraInfo, 'auth'>> {
  await connectServices(s);
  if (!s.cam.uri?.media && !s.cam.uri?.media2) {
    throw new OnvifFailure('not-onvif', 'GetServices', 'no media service');
  }
  let info: Record<string, unknown> = {};
  try {
    info = (await s.call<Record<string, unknown>>('GetDeviceInformation', (cb) => s.cam.getDeviceInformation(cb))) ?? {};
  } catch (err) {
    // a camera that faults on GetDeviceInformation is still usable; anything else is not
    if (!(err instanceof OnvifFailure) || err.kind !== 'bad-response' || !err.detail.startsWith('ONVIF SOAP Fault')) throw err;
  }
  const profiles = await getProfiles(s);
  const chosen = chooseProfiles(profiles);
  if (!chosen) {
    const found = [...new Set(profiles.map((p) => p.encoding || '?'))].join(', ') || 'none';
    throw new AppError('onvif-no-video-codec',
      `The camera has no H.264 or H.265 profile (found: ${found}). Choose H.264 or H.265 in the camera's settings.`);
  }
  const main = await streamUri(s, host, chosen.main);
  const sub = chosen.sub ? await streamUri(s, host, chosen.sub) : undefined;
  let snapshotUrl: string | undefined;
  try {
    const r = await s.call<{ uri?: unknown }>('GetSnapshotUri', (cb) =>
      s.cam.getSnapshotUri({ profileToken: xmlEscape(chosen.main.token) }, cb));
    snapshotUrl = acceptSnapshotUri(r?.uri, host);
  } catch (err) {
    if (!(err instanceof OnvifFailure) || err.kind !== 'bad-response') throw err;
  }
  const ptzProfile = chosen.main.ptz ? chosen.main : profiles.find((p) => p.ptz);
  const ptz = Boolean(s.cam.uri?.ptz) && Boolean(ptzProfile);
  return {
    manufacturer: cleanText(info.manufacturer),
    model: cleanText(info.model),
    ...(cleanText(info.serialNumber) ? { serial: cleanText(info.serialNumber) } : {}),
    ...(cleanText(info.firmwareVersion) ? { firmware: cleanText(info.firmwareVersion) } : {}),
    main,
    ...(sub ? { sub } : {}),
    ...(snapshotUrl ? { snapshotUrl } : {}),
    ptz,
    ...(ptz && ptzProfile ? { ptzProfileToken: ptzProfile.token } : {}),
  };
}

/**
 * Connects to an ONVIF camera and reads what is needed to add it. Throws AppError with a stable code:
 * onvif-unreachable, onvif-timeout, onvif-not-onvif, onvif-auth-failed, onvif-bad-response, onvif-no-video-codec,
 * onvif-bad-uri (and onvif-host-invalid / onvif-port-invalid for bad input).
 */
export async function probeOnvifCamera(opts: OnvifProbeOptions): Promise<OnvifCameraInfo> {
  const { result, auth } = await withOnvifSession(opts, (s) => readCamera(s, opts.host));
  return { ...result, auth };
}
