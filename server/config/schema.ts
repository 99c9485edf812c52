import { isIP } from 'node:net';
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

const PLACEHOLDER_RE = /\{(\w+)\}/g;
const TEMPLATE_PLACEHOLDERS = new Set(['host', 'port', 'channel', 'channel0', 'channel2']);
const urlTemplate = z.string().min(8).max(300)
  .regex(/^rtsps?:\/\/\{host\}:\{port\}\//, 'must start with rtsp://{host}:{port}/ (or rtsps://)')
  .refine((t) => [...t.matchAll(PLACEHOLDER_RE)].every((m) => TEMPLATE_PLACEHOLDERS.has(m[1]!)),
    'placeholders are {host} {port} {channel} {channel0} {channel2}')
  .refine((t) => !/[\s@#]/.test(t.replace(PLACEHOLDER_RE, '')), 'no spaces, "@" or "#" (credentials are added by the hub)');

const nvrTemplate = z.strictObject({
  label: z.string().min(1).max(80).describe('shown in the UI, e.g. "Hikvision / HiLook"'),
  aliases: z.array(z.string().regex(/^[a-z][a-z0-9-]{1,30}$/)).default([]).describe('other vendor names that mean this template'),
  main: urlTemplate.describe('main stream of a channel'),
  sub: urlTemplate.describe('sub-stream of a channel'),
  defaultPort: z.number().int().min(1).max(65535).default(554).describe('RTSP port when the request gives none'),
  maxChannels: z.number().int().min(1).max(256).default(64),
});

const ipv4 = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$/, 'an IPv4 address');

/** an IPv4/IPv6 address or CIDR range, or one of Express's names for a range */
const proxyAddress = z.string().refine((s) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(s)) return true;
  const [addr, bits, ...rest] = s.split('/');
  if (rest.length || !addr || isIP(addr) === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(addr) === 4 ? 32 : 128));
}, 'an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8) or loopback / linklocal / uniquelocal');

/**
 * Whose X-Forwarded-For to believe: false (nobody), the number of proxies in front of the hub, or their addresses.
 * `true` would believe the left-most address, which the client writes itself: refused with a message.
 */
const trustProxy = z.union([
  z.literal(false),
  z.number().int().min(0).max(16),
  z.array(proxyAddress).min(1).max(50),
], {
  error: (iss) => (iss.input === true
    ? 'true would trust every client\'s own X-Forwarded-For; give the number of proxies in front of the hub'
      + ' (e.g. 1) or a list of their addresses (e.g. [127.0.0.1])'
    : 'false, a number of proxies, or a list of proxy addresses'),
}).default(false);

export const configSchema = z.strictObject({
  server: z.strictObject({
    host: z.string().min(1).default('0.0.0.0').describe('address to listen on'),
    port: z.number().int().min(0).max(65535).default(8080).describe('HTTP port (0 = any free port)'),
    tls: z.strictObject({
      mode: z.enum(['off', 'files', 'self-signed']).default('off')
        .describe('HTTPS: off; files = the cert and key named here; self-signed = generated once into <dataDir>/tls'),
      cert: z.string().min(1).optional().describe('PEM certificate (chain) file, for mode "files"'),
      key: z.string().min(1).optional().describe('PEM private key file, for mode "files"'),
      hostnames: z.array(z.string().min(1).max(253)).max(20).default([])
        .describe('extra names or addresses the self-signed certificate is valid for (localhost and this machine\'s addresses are always in)'),
    }).prefault({}).refine((t) => t.mode !== 'files' || (t.cert && t.key), 'mode "files" needs both cert and key'),
    trustProxy: trustProxy.describe('X-Forwarded-For from your own reverse proxy: false, a hop count, or the proxies\' addresses'),
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
    sessionTtlHours: z.number().int().min(1).max(24 * 90).default(24 * 7).describe('session lifetime, however busy'),
    sessionIdleMinutes: z.number().min(0.05).max(60 * 24 * 90).default(12 * 60)
      .describe('a session unused this long ends (fractions allowed: 0.05 = 3 s)'),
    secureCookies: z.boolean().default(false).describe('set the Secure flag on the session cookie (behind HTTPS)'),
    loginRateLimit: z.strictObject({
      maxAttempts: z.number().int().min(1).default(10).describe('failed logins per address (and per user name) per window'),
      windowSec: z.number().int().min(1).default(300),
    }).prefault({}),
    hashConcurrency: z.number().int().min(1).max(8).default(2)
      .describe('password hashes computed at once (scrypt shares libuv\'s thread pool with file I/O)'),
    accountLock: z.strictObject({
      failures: z.number().int().min(1).default(5).describe('failed logins of one account …'),
      withinSec: z.number().int().min(1).default(30).describe('… within this many seconds …'),
      lockSec: z.number().int().min(1).default(300).describe('… lock it for this long (Decision 724/QĐ-BTTTT: 5 in 30 s, 5 min)'),
    }).prefault({}),
  }).prefault({}),
  secrets: z.strictObject({
    key: z.string().regex(/^[0-9a-f]{64}$/i, '64 hex characters (32 bytes)').optional()
      .describe('key that encrypts camera credentials at rest; default: generated once into <dataDir>/secret.key'),
  }).prefault({}),
  media: z.strictObject({
    ffmpegPath: z.string().min(1).default('ffmpeg'),
    partDurationMs: z.number().int().min(50).max(2000).default(200).describe('LL-HLS part length (gathered from fragments)'),
    fragmentPerFrame: z.boolean().default(true)
      .describe('ffmpeg writes one fMP4 fragment per frame (live push sends each at once); false = one per partDurationMs'),
    audio: z.boolean().default(true)
      .describe("cameras' audio (G.711 → AAC) recorded, clipped, heard in the focused view and playback; false = video only"),
    minSegmentMs: z.number().int().min(200).max(10_000).default(1000).describe('segments are cut at the first keyframe after this much media'),
    segmentsKept: z.number().int().min(3).max(30).default(7).describe('complete segments kept in memory per stream'),
    idleTimeoutSec: z.number().min(1).max(3600).default(30).describe('stop a stream nobody has watched for this long'),
    connectTimeoutSec: z.number().min(1).max(120).default(10).describe('RTSP socket timeout'),
    watchdogSec: z.number().min(2).max(300).default(10).describe('restart ffmpeg when it produced no output for this long'),
    backoff: z.array(backoffStep).min(1).default([
      { delayMs: 1000, times: 5 }, { delayMs: 5000, times: 5 }, { delayMs: 10_000, times: 10 }, { delayMs: 60_000 },
    ]).describe('reconnect delays after a failure, reset once media flows'),
    transcode: z.strictObject({
      maxConcurrent: z.number().int().min(0).max(64).default(2)
        .describe('H.264 transcodes at once, one per camera, for browsers that cannot decode a camera with no H.264 stream; 0 = off'),
      maxWidth: z.number().int().min(160).max(1920).default(640).describe('transcodes are scaled down to fit this width…'),
      maxHeight: z.number().int().min(90).max(1080).default(360).describe('… and this height, keeping the aspect'),
    }).prefault({}),
  }).prefault({}),
  livePush: z.strictObject({
    enabled: z.boolean().default(true)
      .describe('live video over one WebSocket per browser tab (/ws/live); false = refused with 503, players use LL-HLS'),
    viewerQueueBytes: z.number().int().min(64 * 1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024)
      .describe("bytes waiting on one viewer's socket past which its channels skip to the next keyframe"),
    resumeBelowBytes: z.number().int().min(0).max(256 * 1024 * 1024).default(1024 * 1024)
      .describe('a skipping channel resumes at a keyframe once the queue is below this'),
    maxSubscriptions: z.number().int().min(1).max(1024).default(64).describe('streams one socket may subscribe to'),
    gopCacheBytes: z.number().int().min(0).max(64 * 1024 * 1024).default(8 * 1024 * 1024)
      .describe('per stream: the frames since the last keyframe, kept so a new viewer starts at once (0 = off)'),
    pingIntervalSec: z.number().min(1).max(300).default(15).describe('keepalive ping; a socket silent for two is closed'),
    sessionCheckSec: z.number().min(1).max(300).default(1).describe('how often each socket re-checks its session and permissions'),
  }).prefault({}).refine((p) => p.resumeBelowBytes < p.viewerQueueBytes, 'resumeBelowBytes must be below viewerQueueBytes'),
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
  discovery: z.strictObject({
    interfaces: z.array(z.string().min(1).max(32)).default([])
      .describe('interfaces for the WS-Discovery multicast when a scan names none; [] = none (nothing unnamed is probed)'),
    ranges: z.array(z.string().min(1).max(64)).default([])
      .describe('ranges swept when a scan names none; [] = none'),
    ports: z.array(z.number().int().min(1).max(65535)).min(1).max(16).default([80, 8000, 8080, 8899])
      .describe('HTTP ports tried with GetSystemDateAndTime'),
    timeoutMs: z.number().int().min(200).max(60_000).default(3000).describe('default time limit of one scan'),
    maxTimeoutMs: z.number().int().min(200).max(120_000).default(15_000).describe('largest time limit a request may ask'),
    concurrency: z.number().int().min(1).max(256).default(32).describe('HTTP checks at once'),
    maxAddresses: z.number().int().min(1).max(65_536).default(1024).describe('largest number of addresses in one scan'),
    allowedRanges: z.array(z.string().min(1).max(64)).default(['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])
      .describe('addresses a scan may reach (and replies are accepted from); default loopback and private ranges'),
    demoSimulators: z.strictObject({
      count: z.number().int().min(0).max(8).default(3).describe('simulated ONVIF cameras started while demo cameras are on'),
      firstAddress: ipv4.default('127.0.0.2').describe('they live on this loopback address and the next ones'),
      username: z.string().min(1).max(64).default('admin'),
      password: z.string().min(1).max(64).default('demo'),
    }).prefault({}),
  }).prefault({}),
  onvif: z.strictObject({
    timeoutMs: z.number().int().min(500).max(60_000).default(8000).describe('whole ONVIF onboarding of one camera'),
    ptzTimeoutMs: z.number().int().min(500).max(30_000).default(5000).describe('one PTZ command (plus the move duration)'),
  }).prefault({}),
  snapshots: z.strictObject({
    cacheSec: z.number().min(0).max(300).default(5).describe('a snapshot is reused for this long'),
    timeoutMs: z.number().int().min(200).max(30_000).default(4000).describe('fetching or grabbing one snapshot'),
    maxBytes: z.number().int().min(1024).max(32 * 1024 * 1024).default(4 * 1024 * 1024).describe('largest snapshot accepted from a camera'),
  }).prefault({}),
  nvr: z.strictObject({
    templates: z.record(z.string().regex(/^[a-z][a-z0-9-]{1,30}$/), nvrTemplate)
      .refine((t) => Object.keys(t).length > 0, 'at least one template')
      .describe('RTSP URL patterns per recorder vendor; placeholders {host} {port} {channel} {channel0} (channel - 1) {channel2} (two digits)'),
  }),
  ingest: z.strictObject({
    enabled: z.boolean().default(true).describe('accept RTMP pushes (cameras behind NAT); started with the first RTMP camera'),
    host: z.string().min(1).optional().describe('address the RTMP listener binds to; default: server.host'),
    port: z.number().int().min(0).max(65535).default(1935).describe('RTMP port (0 = any free port)'),
    publicHost: z.string().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/).optional()
      .describe('host name cameras push to (e.g. a DDNS name); default: the host the admin reached the hub at'),
    publicPort: z.number().int().min(1).max(65535).optional().describe('port cameras push to, when forwarded; default: port'),
  }).prefault({}),
  health: z.strictObject({
    offlineAlertMinutes: z.number().min(0.01).max(1440).default(5)
      .describe('a watched or recorded camera offline this long raises an alert (fractions allowed: 0.05 = 3 s)'),
    flapSec: z.number().min(0).max(600).default(10)
      .describe('a status lasting less than this between two equal ones is dropped from the history (a blip)'),
    historyDays: z.number().int().min(1).max(3650).default(90)
      .describe('status history and acknowledged alerts are kept this many days'),
  }).prefault({}),
  incidents: z.strictObject({
    categories: z.array(category).min(1).refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'ids must be unique')
      .describe('incident kinds; seeded into the database at start-up, a removed one stays on old incidents'),
    defaultPreRollSec: z.number().int().min(0).max(300).default(10),
    defaultPostRollSec: z.number().int().min(0).max(300).default(20),
  }),
  residents: z.strictObject({
    allowPrivateAddresses: z.boolean().default(false)
      .describe('let residents point the hub at private, loopback or link-local addresses (only for a commune whose households reach the hub over a VPN): otherwise a resident\'s camera host must be an internet address'),
  }).prefault({}),
  footageRequests: z.strictObject({
    expireDays: z.number().int().min(1).max(90).default(7).describe('a request nobody answered expires after this many days'),
    maxRangeMinutes: z.number().int().min(1).max(24 * 60).default(120).describe('the longest range one request may ask for'),
    defaultCategory: z.string().min(1).max(40).default('other')
      .describe('category of the incident an approved request opens when it named none and gave no category'),
  }).prefault({}),
  commune: z.strictObject({
    kind: z.enum(['xã', 'phường', 'thị trấn']).default('xã').describe('commune (xã), ward (phường) or township (thị trấn)'),
    name: z.string().trim().max(80).regex(/^[^\r\n]*$/).default('')
      .describe('name without the kind, e.g. "Tân Lập"; empty: reports say just "xã"'),
    policePost: z.string().trim().max(120).regex(/^[^\r\n]*$/).default('')
      .describe('the police post heading reports, e.g. "Công an xã Tân Lập"; empty: "Công an" + kind + name'),
    contact: z.string().trim().max(160).regex(/^[^\r\n]*$/).default('')
      .describe('the police post\'s phone and address, one line, printed on the camera notices residents put up, e.g. "ĐT 0203 3123 456 · Số 1 đường Trần Phú"'),
  }).prefault({}),
});

export type HubConfig = z.infer<typeof configSchema>;
