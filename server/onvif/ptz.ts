// PTZ for ONVIF cameras through the `onvif` client: continuous move for a duration, stop, presets.
import { AppError } from '../errors.ts';
import { summariseProfiles } from './onboard.ts';
import {
  OnvifFailure,
  cleanText,
  connectServices,
  withOnvifSession,
  type OnvifConnectOptions,
  type OnvifSession,
} from './onvif-client.ts';
import { xmlEscape } from './xml.ts';

export interface PtzTarget extends OnvifConnectOptions {
  /** from onboarding (ptzProfileToken); read from the camera when absent */
  profileToken?: string;
}

export interface PtzMoveOptions extends PtzTarget {
  /** speeds in [-1, 1]: pan right > 0, tilt up > 0, zoom in > 0 */
  pan: number;
  tilt: number;
  zoom: number;
  /** how long to move, 50 ms to 10 s; a Stop is sent when it ends */
  durationMs: number;
}

export interface PtzPreset {
  token: string;
  name: string;
}

const DEFAULT_TIMEOUT_MS = 5000;

function checkSpeed(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < -1 || v > 1) {
    throw new AppError('ptz-invalid', `${name} must be a number from -1 to 1.`);
  }
  return v;
}

function checkToken(name: string, v: unknown): string {
  if (typeof v !== 'string' || v.length < 1 || v.length > 64 || /[\u0000-\u001f\u007f]/.test(v)) {
    throw new AppError('ptz-invalid', `${name} must be a token of 1 to 64 characters.`);
  }
  return v;
}

/** Connects, checks the camera has PTZ, and returns the profile token to command. */
async function prepare(s: OnvifSession, given: string | undefined): Promise<string> {
  await connectServices(s);
  if (!s.cam.uri?.ptz) throw new AppError('onvif-no-ptz', 'This camera has no PTZ (pan/tilt/zoom) service.');
  if (given) return given;
  const profiles = summariseProfiles(await s.call('GetProfiles', (cb) => s.cam.getProfiles(cb)));
  const token = profiles.find((p) => p.ptz)?.token;
  if (!token) throw new AppError('onvif-no-ptz', 'No profile of this camera is set up for PTZ.');
  return token;
}

function run<T>(t: PtzTarget, extraMs: number, work: (s: OnvifSession, profileToken: string) => Promise<T>): Promise<T> {
  const target = { ...t, timeoutMs: (t.timeoutMs ?? DEFAULT_TIMEOUT_MS) + extraMs };
  return withOnvifSession(target, async (s) => work(s, await prepare(s, t.profileToken))).then((r) => r.result);
}

/** ContinuousMove for `durationMs` (also sent to the camera as the move's Timeout), then Stop. */
export async function ptzMove(o: PtzMoveOptions): Promise<void> {
  await startMove(o, true);
}

/**
 * ContinuousMove only, answered as soon as the camera took it (its Timeout is `durationMs`); the caller owns the
 * Stop. For held controls: the next move replaces this one without a Stop in between.
 */
export async function ptzStartMove(o: PtzMoveOptions): Promise<void> {
  await startMove(o, false);
}

async function startMove(o: PtzMoveOptions, thenStop: boolean): Promise<void> {
  const pan = checkSpeed('pan', o.pan);
  const tilt = checkSpeed('tilt', o.tilt);
  const zoom = checkSpeed('zoom', o.zoom);
  if (!Number.isInteger(o.durationMs) || o.durationMs < 50 || o.durationMs > 10_000) {
    throw new AppError('ptz-invalid', 'durationMs must be a whole number from 50 to 10000.');
  }
  if (o.profileToken !== undefined) checkToken('profileToken', o.profileToken);
  await run(o, thenStop ? o.durationMs : 0, async (s, token) => {
    const profileToken = xmlEscape(token);
    await s.call('ContinuousMove', (cb) =>
      s.cam.continuousMove({ profileToken, x: pan, y: tilt, zoom, timeout: o.durationMs } as never, cb));
    if (!thenStop) return;
    await new Promise((r) => setTimeout(r, o.durationMs));
    await s.call('Stop', (cb) => s.cam.stop({ profileToken, panTilt: true, zoom: true }, cb));
  });
}

export async function ptzStop(t: PtzTarget): Promise<void> {
  if (t.profileToken !== undefined) checkToken('profileToken', t.profileToken);
  await run(t, 0, (s, token) =>
    s.call('Stop', (cb) => s.cam.stop({ profileToken: xmlEscape(token), panTilt: true, zoom: true }, cb)));
}

export async function ptzGotoPreset(t: PtzTarget & { presetToken: string }): Promise<void> {
  const preset = checkToken('presetToken', t.presetToken);
  if (t.profileToken !== undefined) checkToken('profileToken', t.profileToken);
  await run(t, 0, async (s, token) => {
    try {
      await s.call('GotoPreset', (cb) => s.cam.gotoPreset({ profileToken: xmlEscape(token), preset: xmlEscape(preset) }, cb));
    } catch (err) {
      if (err instanceof OnvifFailure && /NoToken/i.test(err.xml)) {
        throw new AppError('ptz-preset-not-found', 'The camera has no preset with this token.');
      }
      throw err;
    }
  });
}

export async function ptzPresets(t: PtzTarget): Promise<PtzPreset[]> {
  if (t.profileToken !== undefined) checkToken('profileToken', t.profileToken);
  return run(t, 0, async (s, token) => {
    await s.call('GetPresets', (cb) => s.cam.getPresets({ profileToken: xmlEscape(token) }, cb));
    // the client keys presets by token (its callback result is keyed by name, which may repeat)
    const byToken = (s.cam.presets ?? {}) as Record<string, { name?: unknown }>;
    return Object.entries(byToken)
      .map(([tok, p]) => ({ token: cleanText(tok), name: cleanText(p?.name) }))
      .filter((p) => p.token);
  });
}
