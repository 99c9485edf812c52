// A simulated ONVIF camera (Profile S device + media + PTZ over HTTP SOAP, plus a WS-Discovery responder).
// Used by the tests and by demo mode: start several on 127.0.0.2, 127.0.0.3, … (no set-up needed on Linux).
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { faultEnvelope, envelope, parseSoap, type SoapMessage } from '../soap.ts';
import { startDiscoveryResponder, type DiscoveryResponder } from './discovery-responder.ts';
import { respondHostile, type HostileOptions } from './hostile.ts';
import { DigestAuth, NonceCache, verifyWsSecurity, type SimCredentials } from './sim-auth.ts';
import * as R from './sim-responses.ts';
import { SNAPSHOT_JPEG } from './snapshot-jpeg.ts';
import { handlePtz, type PtzCall } from './sim-ptz.ts';
import { startRtspForward, type RtspForward } from './rtsp-forward.ts';

export type { HostileMode, HostileOptions } from './hostile.ts';
export type { SimProfile, SimDeviceInfo, SimPreset } from './sim-responses.ts';
export type { PtzCall } from './sim-ptz.ts';

export interface OnvifSimulatorOptions {
  /** default 127.0.0.2 */
  address?: string;
  /** HTTP port; default 0 (any free port) */
  port?: number;
  /** no credentials = an open camera */
  credentials?: SimCredentials | null;
  /** which authentications the camera accepts; default both */
  authMethods?: Array<'ws-security' | 'digest'>;
  /** the camera's clock is this far off (reported by GetSystemDateAndTime and used to check WS-Security) */
  clockOffsetMs?: number;
  /** GetSystemDateAndTime lies by this much more than clockOffsetMs (a camera reporting local time as UTC) */
  reportedTimeErrorMs?: number;
  /** allowed distance between a WS-Security Created and the camera's clock; default 10 s */
  wsSecurityToleranceMs?: number;
  /** host the camera writes into its XAddrs and media URIs (e.g. 0.0.0.0 or a stale IP); default = address */
  reportedHost?: string;
  device?: Partial<R.SimDeviceInfo>;
  /** the WS-Discovery name scope; default "<manufacturer> <model>" */
  name?: string;
  /** default: main 1920x1080 H264 and sub 640x360 H264; H265_MAIN_PROFILES for the usual Vietnamese camera */
  profiles?: R.SimProfile[];
  /**
   * RTSP URI per profile token; "{host}" is replaced by the reported host and "{rtspPort}" by the forwarder's
   * port. Default rtsp://{host}:{rtspPort}/<token> (554 without a forwarder).
   */
  streamUris?: Record<string, string>;
  /**
   * Serve RTSP on the simulator's own address by piping <address>:<rtspPort> to a real RTSP server, so one
   * GStreamer server can stand behind many simulated cameras (host rewriting points clients at the camera).
   */
  rtspForward?: { host: string; port: number; listenPort?: number } | null;
  /** override of the snapshot URI ("{host}" and "{port}" replaced); null = GetSnapshotUri faults */
  snapshotUri?: string | null;
  /** PTZ service on (default) or off; presets default to two */
  ptz?: boolean | { presets: R.SimPreset[] };
  /** answer GetDeviceInformation without authentication (some cameras do) */
  deviceInfoWithoutAuth?: boolean;
  /** WS-Discovery responder on <address>:3702 and the multicast group on its interface; default true */
  discovery?: boolean;
  hostile?: HostileOptions | null;
}

export interface SimRequestLog {
  action: string;
  auth: 'none' | 'ws-security' | 'digest' | 'rejected';
}

export interface OnvifSimulator {
  address: string;
  port: number;
  /** the RTSP forwarder's port on `address`, when rtspForward was given */
  rtspPort: number | null;
  /** the device service URL at the real address */
  xaddr: string;
  /** PTZ calls received, oldest first */
  readonly ptzCalls: readonly PtzCall[];
  /** SOAP requests received, oldest first (the last 1000) */
  readonly requests: readonly SimRequestLog[];
  close(): Promise<void>;
}

const SOAP_TYPE = 'application/soap+xml; charset=utf-8';
const MAX_REQUEST_BYTES = 256 * 1024;
const DEFAULT_PROFILES: R.SimProfile[] = [
  { token: 'main', name: 'Main stream', encoding: 'H264', width: 1920, height: 1080, fps: 25, bitrateKbps: 4096 },
  { token: 'sub', name: 'Sub stream', encoding: 'H264', width: 640, height: 360, fps: 15, bitrateKbps: 512 },
];
/** What Hikvision, Dahua/KBVision and Imou ship by default: an H.265 main stream and an H.264 sub-stream. */
export const H265_MAIN_PROFILES: R.SimProfile[] = [
  { token: 'main', name: 'Main stream', encoding: 'H265', width: 2560, height: 1440, fps: 20, bitrateKbps: 4096 },
  { token: 'sub', name: 'Sub stream', encoding: 'H264', width: 640, height: 360, fps: 15, bitrateKbps: 512 },
];
const DEFAULT_PRESETS: R.SimPreset[] = [
  { token: '1', name: 'Cổng chính' },
  { token: '2', name: 'Ngã tư' },
];
const NO_AUTH = new Set(['GetSystemDateAndTime']);

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 16 * MAX_REQUEST_BYTES) req.destroy();
      else if (size <= MAX_REQUEST_BYTES) chunks.push(c);
    });
    // an oversized request is read to its end (so the client gets the 413) but not kept
    req.on('end', () => resolve(size > MAX_REQUEST_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => resolve(null));
  });
}

export async function startOnvifSimulator(opts: OnvifSimulatorOptions = {}): Promise<OnvifSimulator> {
  const address = opts.address ?? '127.0.0.2';
  const reportedHost = opts.reportedHost ?? address;
  const profiles = opts.profiles ?? DEFAULT_PROFILES;
  const ptzOn = opts.ptz !== false;
  const presets = typeof opts.ptz === 'object' ? opts.ptz.presets : DEFAULT_PRESETS;
  const methods = new Set(opts.authMethods ?? ['ws-security', 'digest']);
  const creds = opts.credentials ?? null;
  const tolerance = opts.wsSecurityToleranceMs ?? 10_000;
  const cameraNow = () => Date.now() + (opts.clockOffsetMs ?? 0);
  const digest = new DigestAuth('MatThanSim');
  const nonces = new NonceCache(Math.max(tolerance * 2, 60_000));
  const ptzCalls: PtzCall[] = [];
  const requests: SimRequestLog[] = [];
  const sockets = new Set<Socket>();
  const endpoint = `urn:uuid:${randomUUID()}`;
  let port = 0;
  let responder: DiscoveryResponder | null = null;
  let forward: RtspForward | null = null;

  const device: R.SimDeviceInfo = {
    manufacturer: 'MatThan Sim',
    model: 'SIM-IPC-1080',
    firmware: '1.0.0',
    serial: `SIM-${address.replace(/\./g, '')}`,
    hardwareId: 'SIM-HW-1',
    ...opts.device,
  };
  const base = () => `http://${reportedHost}:${port}`;
  const urls = (): R.ServiceUrls => ({
    device: `${base()}/onvif/device_service`,
    media: `${base()}/onvif/media_service`,
    ptz: ptzOn ? `${base()}/onvif/ptz_service` : null,
  });
  const log = (entry: SimRequestLog) => {
    requests.push(entry);
    if (requests.length > 1000) requests.shift();
  };
  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': SOAP_TYPE, ...headers });
    res.end(body);
  };
  const fault = (res: ServerResponse, status: number, code: 'Sender' | 'Receiver', sub: string, reason: string) =>
    send(res, status, faultEnvelope(code, sub, reason));

  function authenticate(msg: SoapMessage, req: IncomingMessage): SimRequestLog['auth'] | 'challenge' {
    if (!creds) return 'none';
    const ws = methods.has('ws-security')
      ? verifyWsSecurity(msg.header, creds, cameraNow(), tolerance, nonces)
      : { status: 'absent' as const };
    if (ws.status === 'ok') return 'ws-security';
    if (methods.has('digest') && digest.verify(req.headers.authorization, 'POST', req.url ?? '', creds)) return 'digest';
    if (ws.status === 'rejected' || !methods.has('digest')) return 'rejected';
    return 'challenge';
  }

  function dispatch(action: string, msg: SoapMessage): { body: string } | { fault: [number, 'Sender' | 'Receiver', string, string] } {
    const op = msg.operation;
    const profileArg = () => profiles.find((p) => p.token === (op?.children.find((c) => c.name === 'ProfileToken')?.text.trim() ?? ''));
    switch (action) {
      case 'GetSystemDateAndTime':
        return { body: R.systemDateAndTime(cameraNow() + (opts.reportedTimeErrorMs ?? 0)) };
      case 'GetServices':
        return { body: R.services(urls()) };
      case 'GetCapabilities':
        return { body: R.capabilities(urls()) };
      case 'GetDeviceInformation':
        return { body: R.deviceInformation(device) };
      case 'GetProfiles':
        return { body: R.profiles(profiles, ptzOn) };
      case 'GetVideoSources':
        return { body: R.videoSources(profiles) };
      case 'GetStreamUri': {
        const p = profileArg();
        if (!p) return { fault: [400, 'Sender', 'NoProfile', 'The requested profile does not exist'] };
        const uri = (opts.streamUris?.[p.token] ?? `rtsp://{host}:{rtspPort}/${p.token}`)
          .replaceAll('{host}', reportedHost).replaceAll('{rtspPort}', String(forward?.port ?? 554));
        return { body: R.mediaUri('GetStreamUri', uri) };
      }
      case 'GetSnapshotUri': {
        const p = profileArg();
        if (!p) return { fault: [400, 'Sender', 'NoProfile', 'The requested profile does not exist'] };
        if (opts.snapshotUri === null) return { fault: [500, 'Receiver', 'ActionNotSupported', 'No snapshot'] };
        const uri = (opts.snapshotUri ?? `http://{host}:{port}/onvif/snapshot.jpg?profile=${encodeURIComponent(p.token)}`)
          .replaceAll('{host}', reportedHost).replaceAll('{port}', String(port));
        return { body: R.mediaUri('GetSnapshotUri', uri) };
      }
      default:
        if (ptzOn) {
          const r = handlePtz(action, op, profiles, presets, ptzCalls);
          if (r) return r;
        }
        return { fault: [500, 'Receiver', 'ActionNotSupported', `${action} is not supported`] };
    }
  }

  async function onSoap(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    if (body === null) return fault(res, 413, 'Sender', 'WellFormed', 'Request too large');
    let msg: SoapMessage;
    try {
      msg = parseSoap(body);
    } catch {
      return fault(res, 400, 'Sender', 'WellFormed', 'The request is not well-formed XML');
    }
    const action = msg.operation?.name ?? '';
    const h = opts.hostile;
    if (h && (!h.actions || h.actions.includes(action))) {
      log({ action, auth: 'none' });
      return respondHostile(h.mode, res, h.hugeBodyBytes);
    }
    const open = NO_AUTH.has(action) || (action === 'GetDeviceInformation' && opts.deviceInfoWithoutAuth);
    const auth = open ? 'none' : authenticate(msg, req);
    if (auth === 'challenge' || auth === 'rejected') {
      log({ action, auth: 'rejected' });
      if (auth === 'challenge') {
        return send(res, 401, faultEnvelope('Sender', 'NotAuthorized', 'Sender not Authorized'),
          { 'WWW-Authenticate': digest.challenge() });
      }
      return fault(res, 400, 'Sender', 'NotAuthorized', 'Sender not Authorized');
    }
    log({ action, auth });
    const out = dispatch(action, msg);
    if ('body' in out) return send(res, 200, envelope(out.body));
    return fault(res, ...out.fault);
  }

  function onSnapshot(req: IncomingMessage, res: ServerResponse) {
    if (creds && !(methods.has('digest') && digest.verify(req.headers.authorization, 'GET', req.url ?? '', creds))) {
      res.writeHead(401, { 'WWW-Authenticate': digest.challenge(), 'Content-Type': 'text/plain' });
      return res.end('Unauthorized');
    }
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': SNAPSHOT_JPEG.length });
    res.end(SNAPSHOT_JPEG);
  }

  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    const run = req.method === 'GET' && pathname === '/onvif/snapshot.jpg'
      ? Promise.resolve(onSnapshot(req, res))
      : req.method === 'POST'
        ? onSoap(req, res)
        : Promise.resolve(void res.writeHead(405).end());
    run.catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, s) => s.destroy());

  if (opts.rtspForward) forward = await startRtspForward(address, opts.rtspForward.listenPort ?? 0, opts.rtspForward);
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => void Promise.resolve(forward?.close()).finally(() => reject(err));
    server.once('error', onError);
    server.listen(opts.port ?? 0, address, () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;

  const stop = async () => {
    await responder?.close();
    await forward?.close();
    const closed = new Promise((r) => server.close(r));
    for (const s of sockets) s.destroy();
    await closed;
  };
  if (opts.discovery !== false) {
    const name = opts.name ?? `${device.manufacturer} ${device.model}`;
    const scopes = [
      'onvif://www.onvif.org/type/video_encoder',
      'onvif://www.onvif.org/Profile/Streaming',
      `onvif://www.onvif.org/hardware/${encodeURIComponent(device.model)}`,
      `onvif://www.onvif.org/name/${encodeURIComponent(name)}`,
      'onvif://www.onvif.org/location/country/vietnam',
    ];
    try {
      responder = await startDiscoveryResponder(address, () => ({
        endpoint,
        types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
        scopes,
        xaddrs: [urls().device],
      }));
    } catch (err) {
      await stop();
      throw err;
    }
  }

  return {
    address,
    port,
    rtspPort: forward?.port ?? null,
    xaddr: `http://${address}:${port}/onvif/device_service`,
    ptzCalls,
    requests,
    close: stop,
  };
}
