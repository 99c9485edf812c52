import { describe, expect, it } from 'vitest';
import { chooseProfiles, summariseProfiles, type ProfileSummary } from '../../../server/onvif/onboard.ts';

const p = (token: string, encoding: string, width: number, height: number, ptz = false): ProfileSummary =>
  ({ token, encoding, width, height, ptz });

describe('chooseProfiles', () => {
  it.each([
    ['main and sub', [p('a', 'H264', 640, 360), p('b', 'H264', 1920, 1080)], 'b', 'a'],
    ['three H.264 profiles: largest and smallest', [p('m', 'H264', 1280, 720), p('l', 'H264', 2560, 1440), p('s', 'H264', 352, 288)], 'l', 's'],
    ['H.265 counts: the largest of either codec is main', [p('h265', 'H265', 3840, 2160), p('a', 'H264', 1280, 720), p('j', 'JPEG', 320, 240), p('b', 'H264', 704, 576)], 'h265', 'b'],
    ['H.265 main, H.264 sub (Hikvision, Dahua defaults)', [p('m', 'H265', 2560, 1440), p('s', 'H264', 640, 360)], 'm', 's'],
    ['two H.265 profiles', [p('s', 'H.265', 640, 360), p('m', 'HEVC', 1920, 1080)], 'm', 's'],
    ['JPEG and MPEG4 are skipped', [p('j', 'JPEG', 3840, 2160), p('a', 'H264', 640, 360), p('v', 'MPEG4', 320, 240)], 'a', undefined],
    ['"H.264" spelled with a dot', [p('a', 'H.264', 640, 360)], 'a', undefined],
    ['equal sizes: first is main, the other sub', [p('a', 'H264', 640, 360), p('b', 'H264', 640, 360)], 'a', 'b'],
    ['equal sub sizes: the H.264 one', [p('m', 'H265', 1920, 1080), p('x', 'H265', 640, 360), p('y', 'H264', 640, 360)], 'm', 'y'],
  ])('%s', (_label, profiles, main, sub) => {
    const c = chooseProfiles(profiles)!;
    expect(c.main.token).toBe(main);
    expect(c.sub?.token).toBe(sub);
  });

  it('is null without any H.264 or H.265 profile', () => {
    expect(chooseProfiles([p('a', 'MPEG4', 1920, 1080), p('b', 'JPEG', 640, 480)])).toBeNull();
    expect(chooseProfiles([])).toBeNull();
  });
});

describe('summariseProfiles', () => {
  it('reads what the onvif client parsed, tolerating odd shapes', () => {
    expect(summariseProfiles([
      { $: { token: 'Profile_1' }, videoEncoderConfiguration: { encoding: 'H264', resolution: { width: 1920, height: '1080' } }, PTZConfiguration: {} },
      { $: { token: 1 }, videoEncoderConfiguration: { encoding: 'h265' } },
      { $: {} },
      null,
      { $: { token: 'x\u0000y' }, videoEncoderConfiguration: { encoding: 'JPEG', resolution: { width: 'wide' } } },
    ])).toEqual([
      { token: 'Profile_1', encoding: 'H264', width: 1920, height: 1080, ptz: true },
      { token: '1', encoding: 'H265', width: 0, height: 0, ptz: false },
      { token: 'x y', encoding: 'JPEG', width: 0, height: 0, ptz: false },
    ]);
    expect(summariseProfiles(undefined)).toEqual([]);
    expect(summariseProfiles({ $: { token: 'one' } })).toHaveLength(1);
  });
});
