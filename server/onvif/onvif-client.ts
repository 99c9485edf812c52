// Safe use of the `onvif` client (0.8.3): no auto-connect, a hard overall deadline that really cuts the
// sockets, a cap on answer size, one error vocabulary, and WS-Security with a fall back to HTTP Digest.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import onvif from 'onvif';
import { AppError } from '../errors.ts';
import { XmlnsGuard } from './xmlns-guard.ts';

export type OnvifCam = InstanceType<typeof onvif.Cam>;
export type OnvifAuth = 'ws-security' | 'digest';

export interface OnvifConnectOptions {
  host: string;
  /** default 80 */
  port?: number;
  username?: string;
  password?: string;
  /** the whole operation, all requests included; default 8000 */
  timeoutMs?: number;
  /**
   * largest answer accepted from the camera; default 256 KiB. The client parses answers synchronously (xml2js),
   * about 1 ms per 5–10 KB on a small box: a cap that keeps one parse near 50 ms, and some 20 profiles' worth.
   */
  maxResponseBytes?: number;
  /** skip WS-Security and use HTTP Digest at once (e.g. what worked at onboarding) */
  auth?: OnvifAuth;
}

export type FailureKind = 'unreachable' | 'timeout' | 'not-onvif' | 'auth' | 'bad-response';

/** A failed step, before it becomes an AppError. `detail` is camera-controlled text: never a secret. */
export class OnvifFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly step: string,
    readonly detail: string,
    readonly xml = '',
  ) {
    super(`${step}: ${kind}`);
    this.name = 'OnvifFailure';
  }
}

const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

class TooLargeError extends Error {
  readonly code = 'ONVIF_RESPONSE_TOO_LARGE';
}

class UnsafeXmlError extends Error {
  readonly code = 'ONVIF_RESPONSE_UNSAFE';
}

/** An http.Agent that counts what each socket reads and can cut every socket it made. */
class BoundedAgent extends http.Agent {
  private readonly made = new Set<Duplex>();
  constructor(private readonly maxBytes: number) {
    super({ keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs, cb?: (err: Error | null, s: Duplex) => void) {
    const socket = super.createConnection(options, cb);
    if (socket) {
      this.made.add(socket);
      let read = 0;
      socket.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > this.maxBytes) socket.destroy(new TooLargeError('answer too large'));
      });
      socket.on('close', () => this.made.delete(socket));
    }
    return socket;
  }

  /**
   * Every answer body is read by an XmlnsGuard as it arrives (decoded from chunked transfer): an answer that would
   * make the client's namespace regex quadratic cuts the socket before the client ever parses it.
   */
  addRequest(req: http.ClientRequest, options: http.RequestOptions): void {
    req.on('response', (res: http.IncomingMessage) => {
      const guard = new XmlnsGuard();
      res.on('data', (chunk: Buffer) => {
        const refused = guard.push(chunk);
        if (refused) res.socket?.destroy(new UnsafeXmlError(refused));
      });
    });
    (http.Agent.prototype as unknown as { addRequest(r: http.ClientRequest, o: http.RequestOptions): void })
      .addRequest.call(this, req, options);
  }

  cutAll(): void {
    for (const s of this.made) s.destroy();
    this.made.clear();
    this.destroy();
  }
}

const CONNECT_ERRORS = new Set([
  'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'ETIMEDOUT',
  'EHOSTDOWN', 'ECONNRESET', 'EPIPE',
]);
const AUTH_RE = /digest authentication failed|not ?authori[sz]ed|unauthori[sz]ed|authority failure/i;

function classify(step: string, err: unknown, xml: string, status: number | undefined): OnvifFailure {
  if (err instanceof OnvifFailure) return err;
  const e = err as { code?: string; message?: string };
  const message = String(e?.message ?? err);
  const first = step === 'GetSystemDateAndTime';
  if (e?.code === 'ONVIF_RESPONSE_TOO_LARGE') return new OnvifFailure('bad-response', step, 'answer too large');
  if (e?.code === 'ONVIF_RESPONSE_UNSAFE') return new OnvifFailure('bad-response', step, `answer refused: ${message}`);
  if (message === 'Network timeout') return new OnvifFailure('timeout', step, 'no answer in time');
  if (e?.code && CONNECT_ERRORS.has(e.code)) return new OnvifFailure('unreachable', step, e.code);
  if (e?.code?.startsWith('HPE_')) return new OnvifFailure(first ? 'not-onvif' : 'bad-response', step, 'not HTTP');
  if (status === 401 || AUTH_RE.test(message) || AUTH_RE.test(xml.slice(0, 4096))) {
    return new OnvifFailure('auth', step, 'not authorized', xml);
  }
  if (first && !/<([\w-]+:)?Envelope[\s>]/.test(xml) && !message.startsWith('ONVIF SOAP Fault')) {
    return new OnvifFailure('not-onvif', step, 'not a SOAP answer');
  }
  const detail = message.startsWith('ONVIF SOAP Fault') ? message : 'unreadable answer';
  return new OnvifFailure('bad-response', step, detail.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 160), xml);
}

/** One connection to one camera; every call is bounded by the shared deadline. */
export class OnvifSession {
  readonly cam: OnvifCam;
  private readonly agent: BoundedAgent;
  private last: { xml: string; status?: number } = { xml: '' };

  constructor(
    readonly target: OnvifConnectOptions,
    readonly auth: OnvifAuth,
    private readonly deadline: Promise<never>,
  ) {
    this.agent = new BoundedAgent(target.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    this.cam = new onvif.Cam({
      hostname: target.host,
      port: target.port ?? 80,
      username: target.username || undefined,
      password: target.password || undefined,
      timeout: target.timeoutMs ?? 8000,
      autoconnect: false,
      preserveAddress: true,
      useWSSecurity: auth === 'ws-security',
      agent: this.agent,
    });
    this.cam.on('rawResponse', (xml: string, status: number) => (this.last = { xml, status }));
    // the client emits 'warning' and would throw on an unhandled 'error'
    this.cam.on('warning', () => {});
    this.cam.on('error', () => {});
  }

  /** Runs one client method; resolves with its data or rejects with an OnvifFailure. */
  call<T = unknown>(step: string, run: (cb: (err: unknown, data?: T, xml?: string) => void) => void): Promise<T> {
    this.last = { xml: '' };
    const request = new Promise<T>((resolve, reject) => {
      let settled = false;
      const cb = (err: unknown, data?: T, xml?: string) => {
        if (settled) return;
        settled = true;
        if (err) reject(classify(step, err, typeof xml === 'string' ? xml : this.last.xml, this.last.status));
        else resolve(data as T);
      };
      try {
        run(cb);
      } catch (err) {
        cb(err ?? new Error('client error'));
      }
    });
    return Promise.race([request, this.deadline]).catch((err) => {
      if (err instanceof OnvifFailure && err.step === 'deadline') throw new OnvifFailure('timeout', step, err.detail);
      throw err instanceof OnvifFailure ? err : classify(step, err, this.last.xml, this.last.status);
    });
  }

  close(): void {
    this.agent.cutAll();
  }
}

const DEFAULT_TIMEOUT_MS = 8000;

function checkTarget(t: OnvifConnectOptions): void {
  const host = t.host;
  if (typeof host !== 'string' || !host || host.length > 253 || /[\s/\\@?#[\]\u0000-\u001f\u007f]/.test(host)) {
    throw new AppError('onvif-host-invalid', 'The camera address is not a valid host name or IP address.');
  }
  const port = t.port ?? 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AppError('onvif-port-invalid', 'The ONVIF port must be a number from 1 to 65535.');
  }
}

export function toAppError(f: OnvifFailure, hasCredentials: boolean): AppError {
  const details = { step: f.step };
  switch (f.kind) {
    case 'unreachable':
      return new AppError('onvif-unreachable', 'The camera could not be reached at this address and port.', details);
    case 'timeout':
      return new AppError('onvif-timeout', 'The camera did not answer in time.', details);
    case 'not-onvif':
      return new AppError('onvif-not-onvif', 'The device at this address does not answer as an ONVIF camera.', details);
    case 'auth':
      return new AppError('onvif-auth-failed', hasCredentials
        ? 'The camera refused the user name or password.'
        : 'The camera needs a user name and password.', details);
    case 'bad-response':
      return new AppError('onvif-bad-response', `The camera gave an answer that could not be used (${f.detail}).`, details);
  }
}

/**
 * Runs `work` against the camera under one deadline: first with WS-Security (the client corrects for the
 * camera's clock), then — if the camera refused it — once more with HTTP Digest. Errors become AppErrors.
 */
export async function withOnvifSession<T>(
  target: OnvifConnectOptions,
  work: (s: OnvifSession) => Promise<T>,
): Promise<{ result: T; auth: OnvifAuth }> {
  checkTarget(target);
  const timeoutMs = Math.min(Math.max(target.timeoutMs ?? DEFAULT_TIMEOUT_MS, 200), 120_000);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OnvifFailure('timeout', 'deadline', 'no answer in time')), timeoutMs);
  });
  deadline.catch(() => {});
  const hasCredentials = Boolean(target.username && target.password);
  const order: OnvifAuth[] = target.auth === 'digest' || !hasCredentials ? ['digest'] : ['ws-security', 'digest'];
  let session: OnvifSession | null = null;
  try {
    for (let i = 0; ; i++) {
      const auth = order[i]!;
      session = new OnvifSession({ ...target, timeoutMs }, auth, deadline);
      try {
        return { result: await work(session), auth };
      } catch (err) {
        if (!(err instanceof OnvifFailure)) throw err;
        if (err.kind !== 'auth' || i + 1 >= order.length) throw toAppError(err, hasCredentials);
      } finally {
        session.close();
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

/** GetSystemDateAndTime (no auth; sets the client's clock shift) then GetServices, or GetCapabilities. */
export async function connectServices(s: OnvifSession): Promise<void> {
  await s.call('GetSystemDateAndTime', (cb) => s.cam.getSystemDateAndTime(cb));
  try {
    await s.call('GetServices', (cb) => s.cam.getServices(true, cb));
  } catch (err) {
    if (err instanceof OnvifFailure && err.kind !== 'bad-response') throw err;
    await s.call('GetCapabilities', (cb) => s.cam.getCapabilities(cb));
  }
}

/** Camera-given text made safe to show: no control characters, bounded length. */
export function cleanText(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '';
  return String(v).replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 128);
}
