// DVR/NVR (đầu thu) channels: every vendor has a fixed RTSP URL pattern per channel. The patterns are data
// (config/default.yaml → nvr.templates); this file only fills them in and checks the result.
import { AppError } from '../errors.ts';
import { parseCameraUrl } from './camera-url.ts';

export interface NvrTemplate {
  label: string;
  aliases: string[];
  main: string;
  sub: string;
  defaultPort: number;
  maxChannels: number;
}

export type NvrTemplates = Record<string, NvrTemplate>;

export interface NvrVendorDto {
  id: string;
  label: string;
  aliases: string[];
  defaultPort: number;
  maxChannels: number;
}

export function listVendors(templates: NvrTemplates): NvrVendorDto[] {
  return Object.entries(templates).map(([id, t]) => ({
    id, label: t.label, aliases: t.aliases, defaultPort: t.defaultPort, maxChannels: t.maxChannels,
  }));
}

/** The template for a vendor name or alias (case-insensitive); AppError 400 `nvr-vendor-unknown` otherwise. */
export function findTemplate(templates: NvrTemplates, vendor: string): { id: string; template: NvrTemplate } {
  const v = vendor.trim().toLowerCase();
  for (const [id, template] of Object.entries(templates)) {
    if (id === v || template.aliases.includes(v)) return { id, template };
  }
  throw new AppError('nvr-vendor-unknown',
    `Unknown recorder vendor "${vendor.slice(0, 40)}". Known: ${Object.keys(templates).join(', ')}.`);
}

/** An address as it goes into a URL: IPv6 in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export interface ChannelTarget {
  host: string;
  port: number;
  channel: number;
}

/** Fills one pattern: {host} {port} {channel} (1-based) {channel0} (0-based) {channel2} (two digits, 01…). */
export function fillTemplate(pattern: string, t: ChannelTarget): string {
  const values: Record<string, string> = {
    host: urlHost(t.host),
    port: String(t.port),
    channel: String(t.channel),
    channel0: String(t.channel - 1),
    channel2: String(t.channel).padStart(2, '0'),
  };
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Main and sub URLs of one channel, checked like any camera URL (rtsp/rtsps only, no credentials inside). */
export function channelUrls(template: NvrTemplate, t: ChannelTarget): { main: string; sub: string } {
  if (!Number.isInteger(t.channel) || t.channel < 1 || t.channel > template.maxChannels) {
    throw new AppError('nvr-channel-invalid', `Channels of this recorder are numbered 1 to ${template.maxChannels}.`);
  }
  const main = parseCameraUrl(fillTemplate(template.main, t), 'nvr template (main)');
  const sub = parseCameraUrl(fillTemplate(template.sub, t), 'nvr template (sub)');
  if (main.username || sub.username) throw new AppError('url-invalid', 'A recorder template must not hold credentials.');
  return { main: main.url, sub: sub.url };
}
