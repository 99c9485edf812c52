// The shipped recorder URL templates (config/default.yaml), pinned: a change to any of them must be deliberate.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelUrls, fillTemplate, findTemplate, listVendors } from '../../../server/cameras/nvr-templates.ts';
import { ConfigError, loadConfig } from '../../../server/config/load-config.ts';
import { AppError } from '../../../server/errors.ts';

const configDir = path.resolve('config');
const templates = loadConfig({ configDir, env: {} }).nvr.templates;

describe('shipped NVR templates', () => {
  it.each([
    ['hikvision', 1, 'rtsp://10.0.0.5:554/Streaming/Channels/101', 'rtsp://10.0.0.5:554/Streaming/Channels/102'],
    ['hikvision', 12, 'rtsp://10.0.0.5:554/Streaming/Channels/1201', 'rtsp://10.0.0.5:554/Streaming/Channels/1202'],
    ['hilook', 3, 'rtsp://10.0.0.5:554/Streaming/Channels/301', 'rtsp://10.0.0.5:554/Streaming/Channels/302'],
    ['dahua', 1, 'rtsp://10.0.0.5:554/cam/realmonitor?channel=1&subtype=0', 'rtsp://10.0.0.5:554/cam/realmonitor?channel=1&subtype=1'],
    ['kbvision', 16, 'rtsp://10.0.0.5:554/cam/realmonitor?channel=16&subtype=0', 'rtsp://10.0.0.5:554/cam/realmonitor?channel=16&subtype=1'],
    ['imou', 2, 'rtsp://10.0.0.5:554/cam/realmonitor?channel=2&subtype=0', 'rtsp://10.0.0.5:554/cam/realmonitor?channel=2&subtype=1'],
    ['ezviz', 4, 'rtsp://10.0.0.5:554/h264/ch4/main/av_stream', 'rtsp://10.0.0.5:554/h264/ch4/sub/av_stream'],
    ['tapo', 1, 'rtsp://10.0.0.5:554/stream1', 'rtsp://10.0.0.5:554/stream2'],
    ['vigi', 1, 'rtsp://10.0.0.5:554/stream1', 'rtsp://10.0.0.5:554/stream2'],
    ['vigi-nvr', 7, 'rtsp://10.0.0.5:554/stream1&channel=7', 'rtsp://10.0.0.5:554/stream2&channel=7'],
    ['generic', 5, 'rtsp://10.0.0.5:554/ch5/main/av_stream', 'rtsp://10.0.0.5:554/ch5/sub/av_stream'],
  ])('%s channel %i', (vendor, channel, main, sub) => {
    const { template } = findTemplate(templates, vendor);
    expect(channelUrls(template, { host: '10.0.0.5', port: template.defaultPort, channel })).toEqual({ main, sub });
  });

  it('covers every shipped template, each with main and sub (this table grows with the config)', () => {
    expect(listVendors(templates).map((v) => v.id)).toEqual(['hikvision', 'dahua', 'ezviz', 'tapo', 'vigi-nvr', 'generic']);
    for (const t of Object.values(templates)) {
      expect(t.main).not.toBe(t.sub);
      expect(t.defaultPort).toBe(554);
    }
  });

  it('fills every placeholder, keeps the port given, and brackets IPv6 hosts', () => {
    const p = 'rtsp://{host}:{port}/a/{channel}/{channel0}/{channel2}';
    expect(fillTemplate(p, { host: 'nvr.local', port: 10554, channel: 3 })).toBe('rtsp://nvr.local:10554/a/3/2/03');
    expect(fillTemplate(p, { host: 'fd00::5', port: 554, channel: 12 })).toBe('rtsp://[fd00::5]:554/a/12/11/12');
    const { template } = findTemplate(templates, 'Hikvision');
    expect(channelUrls(template, { host: 'fd00::5', port: 554, channel: 1 }).main).toBe('rtsp://[fd00::5]:554/Streaming/Channels/101');
  });

  it('refuses an unknown vendor and a channel outside the template', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return (e as AppError).code;
      }
      return 'accepted';
    };
    expect(code(() => findTemplate(templates, 'acme'))).toBe('nvr-vendor-unknown');
    const tapo = findTemplate(templates, 'tapo').template;
    expect(code(() => channelUrls(tapo, { host: 'h', port: 554, channel: 2 }))).toBe('nvr-channel-invalid');
    const hik = findTemplate(templates, 'hikvision').template;
    expect(code(() => channelUrls(hik, { host: 'h', port: 554, channel: 0 }))).toBe('nvr-channel-invalid');
    expect(code(() => channelUrls(hik, { host: 'h', port: 554, channel: 65 }))).toBe('nvr-channel-invalid');
  });
});

describe('template config', () => {
  const bad = (main: string) => {
    try {
      loadConfig({ configDir, env: {}, overrides: { nvr: { templates: { acme: { label: 'Acme', main, sub: main } } } } });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).problems.join('\n');
    }
    return 'accepted';
  };

  it.each([
    ['http://{host}:{port}/x', /start with rtsp/],
    ['file:///etc/passwd', /start with rtsp/],
    ['rtsp://{host}:{port}/{chan}', /placeholders/],
    ['rtsp://{host}:{port}/user=admin@x', /credentials/],
    ['rtsp://{host}:{port}/a b', /no spaces/],
  ])('refuses %s', (main, why) => {
    expect(bad(main)).toMatch(why);
  });

  it('accepts an admin\'s own vendor in local config', () => {
    expect(bad('rtsps://{host}:{port}/live/{channel2}')).toBe('accepted');
  });
});
