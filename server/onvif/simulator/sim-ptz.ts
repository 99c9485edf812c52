// The simulated camera's PTZ service: records every call so tests can check the values that arrived.
import { child, textOf, type XmlElement } from '../xml.ts';
import * as R from './sim-responses.ts';

export type PtzCall =
  | {
      action: 'ContinuousMove';
      profileToken: string;
      pan: number | null;
      tilt: number | null;
      zoom: number | null;
      /** the Timeout element in ms, or null */
      timeoutMs: number | null;
    }
  | { action: 'Stop'; profileToken: string; panTilt: boolean; zoom: boolean }
  | { action: 'GotoPreset'; profileToken: string; presetToken: string };

type Result = { body: string } | { fault: [number, 'Sender' | 'Receiver', string, string] };

/** ISO 8601 duration (PT1.5S, PT1M) to milliseconds; null when absent or unreadable. */
export function durationMs(s: string): number | null {
  const m = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(s.trim());
  if (!s.trim() || !m) return null;
  return Math.round((Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000);
}

function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function handlePtz(
  action: string,
  op: XmlElement | undefined,
  profiles: R.SimProfile[],
  presets: R.SimPreset[],
  calls: PtzCall[],
): Result | null {
  const profileToken = textOf(child(op, 'ProfileToken'));
  const known = profiles.some((p) => p.token === profileToken);
  const noProfile: Result = { fault: [400, 'Sender', 'NoProfile', 'The requested profile does not exist'] };
  switch (action) {
    case 'ContinuousMove': {
      if (!known) return noProfile;
      const velocity = child(op, 'Velocity');
      const panTilt = child(velocity, 'PanTilt');
      calls.push({
        action,
        profileToken,
        pan: num(panTilt?.attrs.x),
        tilt: num(panTilt?.attrs.y),
        zoom: num(child(velocity, 'Zoom')?.attrs.x),
        timeoutMs: durationMs(textOf(child(op, 'Timeout'))),
      });
      return { body: R.empty(action, 'tptz') };
    }
    case 'Stop': {
      if (!known) return noProfile;
      const flag = (name: string) => {
        const el = child(op, name);
        return el ? textOf(el) === 'true' : true;
      };
      calls.push({ action, profileToken, panTilt: flag('PanTilt'), zoom: flag('Zoom') });
      return { body: R.empty(action, 'tptz') };
    }
    case 'GotoPreset': {
      if (!known) return noProfile;
      const presetToken = textOf(child(op, 'PresetToken'));
      if (!presets.some((p) => p.token === presetToken)) {
        return { fault: [400, 'Sender', 'NoToken', 'The requested preset does not exist'] };
      }
      calls.push({ action, profileToken, presetToken });
      return { body: R.empty(action, 'tptz') };
    }
    case 'GetPresets':
      if (!known) return noProfile;
      return { body: R.presets(presets) };
    default:
      return null;
  }
}
