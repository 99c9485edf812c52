// Request bodies of the cameras API (one zod schema validates and documents each).
import { z } from 'zod';
import { CONSENTS } from '../access/permissions.ts';

// an IPv4 address, a DNS name, or an IPv6 address (bare or in brackets)
const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]?)$/;

export const deviceHost = z.string().trim().min(1).max(253)
  .regex(HOST_RE, 'an IP address or host name, without scheme, port or path')
  .transform((h) => h.replace(/^\[|\]$/g, ''))
  .describe('address of the camera or recorder');
const port = z.number().int().min(1).max(65535);
// eslint-disable-next-line no-control-regex
const noControl = /^[^\u0000-\u001f\u007f]*$/;
const username = z.string().max(64).regex(noControl, 'no control characters').default('');
const password = z.string().max(128).regex(noControl, 'no control characters').default('');

export const rtspSource = z.strictObject({
  kind: z.literal('rtsp'),
  url: z.string().describe('main stream, rtsp:// or rtsps://, credentials allowed'),
  subUrl: z.string().nullish().describe('optional sub-stream for the grid'),
});

export const onvifSource = z.strictObject({
  kind: z.literal('onvif'),
  host: deviceHost,
  port: port.default(80).describe('ONVIF (HTTP) port'),
  username: username.describe('ONVIF user; also used for RTSP, as cameras usually take the same'),
  password,
});

export const nvrSource = z.strictObject({
  kind: z.literal('nvr'),
  vendor: z.string().trim().min(1).max(40).describe('a template id or alias from nvr.templates, e.g. "hikvision"'),
  host: deviceHost,
  port: port.optional().describe("RTSP port; default: the template's (554)"),
  username,
  password,
  channels: z.array(z.number().int().min(1).max(256)).min(1).max(64)
    .refine((c) => new Set(c).size === c.length, 'channels must not repeat')
    .describe('one camera per channel'),
});

export const rtmpPushSource = z.strictObject({ kind: z.literal('rtmp-push') });

/** where the camera looks, in the owner's words ("cổng nhà, nhìn ra ngõ 12") */
const place = z.string().trim().min(1).max(120).regex(noControl, 'no control characters');
/** each consent a separate choice; none is ever pre-selected */
export const consentList = z.array(z.enum(CONSENTS)).max(CONSENTS.length)
  .refine((c) => new Set(c).size === c.length, 'a consent must not repeat');
const areaId = z.number().int().positive().describe('an area id (GET /api/areas); admins, post cameras only');

export const createCameraBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional()
    .describe('required for RTSP; ONVIF: default from the camera; NVR: the recorder\'s name; RTMP: default "Camera đẩy RTMP"'),
  source: z.discriminatedUnion('kind', [rtspSource, onvifSource, nvrSource, rtmpPushSource]),
  place: place.optional().describe('required for residents, at most 120 characters'),
  shares: consentList.default([]).describe('residents: what they share (default: nothing)'),
  areaId: areaId.nullable().optional(),
});

const recordingSettings = z.strictObject({
  mode: z.enum(['off', 'continuous']).nullable().optional().describe('null = hub default'),
  stream: z.enum(['main', 'sub']).nullable().optional().describe('null = hub default'),
  retentionDays: z.number().int().min(1).max(3650).nullable().optional().describe('null = hub default'),
});

export const updateCameraBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  source: z.discriminatedUnion('kind', [rtspSource]).optional().describe('only for cameras added by RTSP URL'),
  recording: recordingSettings.optional(),
  place: place.nullable().optional(),
  areaId: areaId.nullable().optional(),
});

const speed = z.number().min(-1).max(1);
export const ptzBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('move'),
    pan: speed.default(0).describe('right > 0'),
    tilt: speed.default(0).describe('up > 0'),
    zoom: speed.default(0).describe('in > 0'),
    durationMs: z.number().int().min(50).max(10_000).default(500),
  }),
  z.strictObject({ action: z.literal('stop') }),
  z.strictObject({ action: z.literal('goto-preset'), preset: z.string().min(1).max(64).regex(noControl) }),
]);

export type CreateCamera = z.infer<typeof createCameraBody>;
export type UpdateCamera = z.infer<typeof updateCameraBody>;
export type OnvifSourceBody = z.infer<typeof onvifSource>;
export type NvrSourceBody = z.infer<typeof nvrSource>;
export type PtzCommand = z.infer<typeof ptzBody>;
