// PTZ commands through the onvif client reach the simulated camera with the right values.
import { afterEach, describe, expect, it } from 'vitest';
import { ptzGotoPreset, ptzMove, ptzPresets, ptzStop } from '../../../server/onvif/ptz.ts';
import { startOnvifSimulator, type OnvifSimulator, type OnvifSimulatorOptions } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { rejectsWith } from '../../fixtures/onvif/app-error.ts';

const creds = { username: 'operator', password: 'ptz-pass-42' };
let sims: OnvifSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function sim(opts: OnvifSimulatorOptions = {}) {
  const s = await startOnvifSimulator({ address: '127.0.0.41', discovery: false, credentials: creds, ...opts });
  sims.push(s);
  return { s, target: { host: s.address, port: s.port, ...creds, timeoutMs: 5000 } };
}

describe('PTZ', () => {
  it('move sends ContinuousMove with the speeds and duration, then Stop', async () => {
    const { s, target } = await sim();
    await ptzMove({ ...target, pan: 0.5, tilt: -0.25, zoom: 0.1, durationMs: 300 });
    expect(s.ptzCalls).toEqual([
      { action: 'ContinuousMove', profileToken: 'main', pan: 0.5, tilt: -0.25, zoom: 0.1, timeoutMs: 300 },
      { action: 'Stop', profileToken: 'main', panTilt: true, zoom: true },
    ]);
  });

  it('uses the profile token it is given, and works with a camera clock 10 minutes off', async () => {
    const { s, target } = await sim({ clockOffsetMs: 600_000 });
    await ptzMove({ ...target, profileToken: 'sub', pan: -1, tilt: 1, zoom: 0, durationMs: 50 });
    expect(s.ptzCalls[0]).toEqual({ action: 'ContinuousMove', profileToken: 'sub', pan: -1, tilt: 1, zoom: 0, timeoutMs: 50 });
    expect(s.requests.filter((r) => r.action === 'ContinuousMove').map((r) => r.auth)).toEqual(['ws-security']);
  });

  it('stop, presets and goto-preset', async () => {
    const { s, target } = await sim({ ptz: { presets: [{ token: 'P1', name: 'Cổng trường' }, { token: '7', name: 'Chợ' }] } });
    await ptzStop(target);
    expect(await ptzPresets(target)).toEqual([{ token: '7', name: 'Chợ' }, { token: 'P1', name: 'Cổng trường' }]);
    await ptzGotoPreset({ ...target, presetToken: 'P1' });
    expect(s.ptzCalls).toEqual([
      { action: 'Stop', profileToken: 'main', panTilt: true, zoom: true },
      { action: 'GotoPreset', profileToken: 'main', presetToken: 'P1' },
    ]);
  });

  it('a preset token with XML in it arrives intact, and an unknown one is ptz-preset-not-found', async () => {
    const { s, target } = await sim({ ptz: { presets: [{ token: '<a&b>', name: 'x' }] } });
    await ptzGotoPreset({ ...target, presetToken: '<a&b>' });
    expect(s.ptzCalls).toEqual([{ action: 'GotoPreset', profileToken: 'main', presetToken: '<a&b>' }]);
    await rejectsWith(ptzGotoPreset({ ...target, presetToken: '</PresetToken>' }), 400, 'ptz-preset-not-found');
  });

  it.each([
    [{ pan: 2, tilt: 0, zoom: 0, durationMs: 100 }],
    [{ pan: 0, tilt: Number.NaN, zoom: 0, durationMs: 100 }],
    [{ pan: 0, tilt: 0, zoom: 0, durationMs: 60_000 }],
    [{ pan: 0, tilt: 0, zoom: 0, durationMs: 10 }],
  ])('refuses %j with ptz-invalid before calling the camera', async (move) => {
    const { s, target } = await sim();
    await rejectsWith(ptzMove({ ...target, ...move }), 400, 'ptz-invalid');
    expect(s.requests).toEqual([]);
  });

  it('a camera without PTZ gives onvif-no-ptz; a wrong password onvif-auth-failed', async () => {
    const { target } = await sim({ ptz: false });
    await rejectsWith(ptzStop(target), 400, 'onvif-no-ptz');
    const other = await sim({ address: '127.0.0.42' });
    await rejectsWith(ptzStop({ ...other.target, password: 'nope' }), 400, 'onvif-auth-failed');
    expect(other.s.ptzCalls).toEqual([]);
  });
});
