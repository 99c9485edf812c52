// Figures and tables of the wall benchmark: one row per (tile count, transport), one line per tile, the ratio
// ws/hls, and the targets of issue 7 checked against the push rows.
import type { TreeUsage } from './proc-stats.ts';
import { fixed, percentile, secs, table } from './stats.ts';
import type { WallReading } from './wall-browser.ts';

export type Transport = 'ws' | 'hls';

export interface TileFigures {
  id: string;
  fps: number;
  p50: number;
  p95: number;
  n: number;
  rejected: number;
  transport: string | null;
}

export interface WallRow {
  tiles: number;
  transport: Transport;
  /** why the row has no figures (layout missing, hub failed…) */
  note: string;
  perTile: TileFigures[];
  /** transports the tiles said they used (data-transport), e.g. "ws×16" */
  reported: string;
  minFps: number;
  medianFps: number;
  /** tiles presenting ≥ 5 fps */
  fluent: number;
  p50: number;
  p95: number;
  worstP50: number;
  rejected: number;
  samples: number;
  requestsPerSec: number;
  waitP50: number;
  waitP95: number;
  sockets: number;
  /** page receive − hub arrival of ws fragments, p50 ms */
  wsDelayP50: number;
  hub: TreeUsage | null;
  browser: TreeUsage | null;
  /** 1-minute load average at the end of the window (other work on the box) */
  load: number;
  /** from the hub's live diagnostics over the window (push rows): fragments sent per stream per second, and
   * fragments the hub dropped because the page did not read its socket fast enough */
  pushSentFps: number;
  pushDropped: number;
}

interface DiagnosticsTotals {
  fragmentsSent: number;
  fragmentsDropped: number;
  streams: unknown[];
}

const totals = (d: unknown): DiagnosticsTotals | null =>
  d && typeof d === 'object' && 'fragmentsSent' in d && 'fragmentsDropped' in d && 'streams' in d ? (d as DiagnosticsTotals) : null;

/** fragments sent per stream per second and dropped, between two readings of GET /api/diagnostics/live */
export function pushDelta(before: unknown, after: unknown, streams: number, seconds: number): { sentFps: number; dropped: number } {
  const a = totals(before);
  const b = totals(after);
  if (!a || !b || b.streams.length === 0) return { sentFps: NaN, dropped: NaN };
  return { sentFps: (b.fragmentsSent - a.fragmentsSent) / streams / seconds, dropped: b.fragmentsDropped - a.fragmentsDropped };
}

export function emptyRow(tiles: number, transport: Transport, note: string): WallRow {
  return {
    tiles, transport, note, perTile: [], reported: '', minFps: NaN, medianFps: NaN, fluent: 0, p50: NaN, p95: NaN,
    worstP50: NaN, rejected: 0, samples: 0, requestsPerSec: NaN, waitP50: NaN, waitP95: NaN, sockets: 0,
    wsDelayP50: NaN, hub: null, browser: null, load: NaN, pushSentFps: NaN, pushDropped: NaN,
  };
}

export function wallRow(
  tiles: number, transport: Transport, r: WallReading, hub: TreeUsage, browser: TreeUsage | null, load: number, note: string,
): WallRow {
  const perTile: TileFigures[] = r.tiles.map((t) => ({
    id: t.id,
    fps: t.presented / r.seconds,
    p50: percentile(t.ages, 50),
    p95: percentile(t.ages, 95),
    n: t.ages.length,
    rejected: t.rejected,
    transport: t.transport,
  }));
  const counts = new Map<string, number>();
  for (const t of perTile) counts.set(t.transport ?? 'unmarked', (counts.get(t.transport ?? 'unmarked') ?? 0) + 1);
  const ages = r.tiles.flatMap((t) => t.ages);
  const waits = r.requests.map((q) => q[1]).filter((w): w is number => w !== null);
  const fps = perTile.map((t) => t.fps);
  return {
    tiles, transport, note, perTile,
    reported: [...counts].map(([k, n]) => `${k}×${n}`).join(' '),
    minFps: fps.length ? Math.min(...fps) : NaN,
    medianFps: percentile(fps, 50),
    fluent: fps.filter((f) => f >= 5).length,
    p50: percentile(ages, 50),
    p95: percentile(ages, 95),
    worstP50: perTile.length ? Math.max(...perTile.map((t) => (Number.isFinite(t.p50) ? t.p50 : Infinity))) : NaN,
    rejected: perTile.reduce((a, t) => a + t.rejected, 0),
    samples: ages.length,
    requestsPerSec: r.requests.length / r.seconds,
    waitP50: percentile(waits, 50),
    waitP95: percentile(waits, 95),
    sockets: r.sockets.filter((u) => u.includes('/ws/live')).length,
    wsDelayP50: percentile(r.wsDelays, 50),
    hub, browser, load, pushSentFps: NaN, pushDropped: NaN,
  };
}

const ms = (x: number): string => (Number.isFinite(x) ? `${Math.round(x)}` : '—');

export function summaryTable(rows: readonly WallRow[]): string {
  const out: string[][] = [[
    'transport', 'tiles', 'tiles say', '≥5 fps', 'fps min', 'fps med', 'age p50 s', 'age p95 s', 'worst tile p50 s',
    'stamps (bad)', 'HLS req/s', 'wait p50 ms', 'wait p95 ms', 'WebSockets', 'ws hub→page p50 ms', 'hub sent fps/stream', 'hub dropped', 'hub CPU %',
    'CPU %/stream', 'hub RSS MB', 'hub PSS MB', 'ffmpeg', 'browser CPU %', 'load', 'note',
  ]];
  for (const r of rows) {
    const ffmpeg = r.hub?.byCommand.ffmpeg?.processes ?? 0;
    const noRequests = r.transport === 'ws' && r.requestsPerSec === 0;
    out.push([
      r.transport, String(r.tiles), r.reported || '—', `${r.fluent}/${r.tiles}`, fixed(r.minFps, 1), fixed(r.medianFps, 1),
      secs(r.p50), secs(r.p95), secs(r.worstP50), `${r.samples} (${r.rejected})`, fixed(r.requestsPerSec, 0),
      noRequests ? 'n/a' : ms(r.waitP50), noRequests ? 'n/a' : ms(r.waitP95), String(r.sockets), ms(r.wsDelayP50),
      fixed(r.pushSentFps, 1), Number.isFinite(r.pushDropped) ? String(r.pushDropped) : '—',
      fixed(r.hub?.cpuPercent ?? NaN, 1), fixed((r.hub?.cpuPercent ?? NaN) / r.tiles, 2), fixed(r.hub?.rssMb ?? NaN, 0),
      fixed(r.hub?.pssMb ?? NaN, 0), String(ffmpeg), fixed(r.browser?.cpuPercent ?? NaN, 0), fixed(r.load, 1), r.note,
    ]);
  }
  return table(out);
}

/** one line per tile: both transports side by side */
export function perTileTable(tiles: number, ws: WallRow | undefined, hls: WallRow | undefined): string {
  const out: string[][] = [['tile', 'ws fps', 'ws p50 s', 'ws p95 s', 'ws n', 'hls fps', 'hls p50 s', 'hls p95 s', 'hls n']];
  for (let i = 0; i < tiles; i += 1) {
    const a = ws?.perTile[i];
    const b = hls?.perTile[i];
    if (!a && !b) continue;
    out.push([
      String(i + 1),
      fixed(a?.fps ?? NaN, 1), secs(a?.p50 ?? NaN), secs(a?.p95 ?? NaN), String(a?.n ?? '—'),
      fixed(b?.fps ?? NaN, 1), secs(b?.p50 ?? NaN), secs(b?.p95 ?? NaN), String(b?.n ?? '—'),
    ]);
  }
  return table(out);
}

export function ratioLine(ws: WallRow | undefined, hls: WallRow | undefined): string {
  if (!ws || !hls) return 'ratio ws/hls: — (one side not measured)';
  const r = (a: number, b: number): string => fixed(a / b);
  const cpu = (x: WallRow): number => x.hub?.cpuPercent ?? NaN;
  return `ratio ws/hls: age p50 ${r(ws.p50, hls.p50)}, worst tile p50 ${r(ws.worstP50, hls.worstP50)}, ` +
    `min fps ${r(ws.minFps, hls.minFps)}, hub CPU ${r(cpu(ws), cpu(hls))}, hub RSS ${r(ws.hub?.rssMb ?? NaN, hls.hub?.rssMb ?? NaN)}`;
}

const verdict = (ok: boolean | null): string => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');

/** the targets of issue 7 for the push path, checked against the ws rows (HLS rows are the reference) */
export function targetLines(rows: readonly WallRow[]): string[] {
  // a push row counts only when its tiles said they played over the WebSocket (a build without it ignores ?transport)
  const find = (n: number, t: Transport): WallRow | undefined =>
    rows.find((r) => r.tiles === n && r.transport === t && r.samples > 0 && (t === 'hls' || r.reported.includes('ws×')));
  const lines: string[] = [];
  const one = find(1, 'ws');
  lines.push(`1 tile: age p50 ${secs(one?.p50 ?? NaN)} s ≤ 0.35 s: ${verdict(one ? one.p50 <= 350 : null)}`);
  const s16 = find(16, 'ws');
  lines.push(`16 tiles: every tile ≥ 13.5 fps (min ${fixed(s16?.minFps ?? NaN, 1)}): ${verdict(s16 ? s16.minFps >= 13.5 : null)}; ` +
    `p50 ${secs(s16?.p50 ?? NaN)} s ≤ 0.6 s: ${verdict(s16 ? s16.p50 <= 600 : null)}; ` +
    `worst tile p50 ${secs(s16?.worstP50 ?? NaN)} s ≤ 0.9 s: ${verdict(s16 ? s16.worstP50 <= 900 : null)}`);
  const s36 = find(36, 'ws');
  lines.push(`36 tiles: every tile ≥ 10 fps (min ${fixed(s36?.minFps ?? NaN, 1)}): ${verdict(s36 ? s36.minFps >= 10 : null)}`);
  for (const n of [...new Set(rows.map((r) => r.tiles))]) {
    const ws = find(n, 'ws');
    const hls = find(n, 'hls');
    const a = (ws?.hub?.cpuPercent ?? NaN) / n;
    const b = (hls?.hub?.cpuPercent ?? NaN) / n;
    lines.push(`${n} tiles: hub CPU per viewed stream ws ${fixed(a, 2)} % ≤ LL-HLS ${fixed(b, 2)} %: ` +
      `${verdict(ws?.hub && hls?.hub ? a <= b : null)}`);
  }
  return lines;
}
