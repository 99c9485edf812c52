import { z } from 'zod';

// The one description of every setting. config/default.yaml mirrors it with comments;
// unknown keys are refused everywhere (z.strictObject).

const backoffStep = z.strictObject({
  delayMs: z.number().int().min(100).max(600_000).describe('wait before the next attempt'),
  times: z.number().int().min(1).optional().describe('attempts at this delay; omit on the last step (= forever)'),
});

const category = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'lower-case letters, digits and "-"'),
  vi: z.string().min(1).describe('Vietnamese label'),
  en: z.string().min(1).describe('English label'),
});

export const configSchema = z.strictObject({
  server: z.strictObject({
    host: z.string().min(1).default('0.0.0.0').describe('address to listen on'),
    port: z.number().int().min(0).max(65535).default(8080).describe('HTTP port (0 = any free port)'),
    trustProxy: z.boolean().default(false).describe('trust X-Forwarded-For (only behind your own reverse proxy)'),
  }).prefault({}),
  dataDir: z.string().min(1).default('data').describe('SQLite database, secret key; relative to the working directory'),
  demo: z.enum(['on', 'off', 'auto']).default('auto')
    .describe('demo cameras: on = always, off = never, auto = only while no real camera is registered'),
  log: z.strictObject({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  }).prefault({}),
  auth: z.strictObject({
    adminPassword: z.string().min(8).optional()
      .describe('password of the first admin (user "admin"), used only when no user exists; else a random one is printed once'),
    sessionTtlHours: z.number().int().min(1).max(24 * 90).default(24 * 7).describe('session lifetime'),
    secureCookies: z.boolean().default(false).describe('set the Secure flag on the session cookie (behind HTTPS)'),
    loginRateLimit: z.strictObject({
      maxAttempts: z.number().int().min(1).default(10).describe('failed logins per address per window'),
      windowSec: z.number().int().min(1).default(300),
    }).prefault({}),
  }).prefault({}),
  secrets: z.strictObject({
    key: z.string().regex(/^[0-9a-f]{64}$/i, '64 hex characters (32 bytes)').optional()
      .describe('key that encrypts camera credentials at rest; default: generated once into <dataDir>/secret.key'),
  }).prefault({}),
  media: z.strictObject({
    ffmpegPath: z.string().min(1).default('ffmpeg'),
    partDurationMs: z.number().int().min(50).max(2000).default(200).describe('LL-HLS part = one fMP4 fragment'),
    minSegmentMs: z.number().int().min(200).max(10_000).default(1000).describe('segments are cut at the first keyframe after this much media'),
    segmentsKept: z.number().int().min(3).max(30).default(7).describe('complete segments kept in memory per stream'),
    idleTimeoutSec: z.number().min(1).max(3600).default(30).describe('stop a stream nobody has watched for this long'),
    connectTimeoutSec: z.number().min(1).max(120).default(10).describe('RTSP socket timeout'),
    watchdogSec: z.number().min(2).max(300).default(10).describe('restart ffmpeg when it produced no output for this long'),
    backoff: z.array(backoffStep).min(1).default([
      { delayMs: 1000, times: 5 }, { delayMs: 5000, times: 5 }, { delayMs: 10_000, times: 10 }, { delayMs: 60_000 },
    ]).describe('reconnect delays after a failure, reset once media flows'),
  }).prefault({}),
  recording: z.strictObject({
    dir: z.string().min(1).default('recordings').describe('footage folder, relative to the working directory'),
    defaultMode: z.enum(['off', 'continuous']).default('off').describe('for cameras without their own setting'),
    defaultStream: z.enum(['main', 'sub']).default('main').describe('stream recorded by default'),
    segmentSec: z.number().int().min(5).max(3600).default(60).describe('length of one segment file'),
    retentionDays: z.number().int().min(1).max(3650).default(30).describe('days kept, unless a camera says otherwise'),
    maxTotalGB: z.number().min(0).default(0).describe('quota for all footage; 0 = none'),
    minFreeGB: z.number().min(0).default(2).describe('free space kept on the recordings disk'),
    retentionCheckSec: z.number().int().min(5).max(3600).default(60),
  }).prefault({}),
  incidents: z.strictObject({
    categories: z.array(category).min(1).refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'ids must be unique')
      .describe('incident kinds; seeded into the database at start-up, a removed one stays on old incidents'),
    defaultPreRollSec: z.number().int().min(0).max(300).default(10),
    defaultPostRollSec: z.number().int().min(0).max(300).default(20),
  }),
});

export type HubConfig = z.infer<typeof configSchema>;
