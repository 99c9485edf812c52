import { Agent, request } from 'node:http';

/**
 * Headless HLS viewers for the streams benchmark: they make the server do what a wall of players makes it do
 * (playlists, parts or segments fetched as they appear) without a browser per stream.
 */
export interface Viewer {
  readonly stats: ViewerStats;
  stop(): void;
}

export interface ViewerStats {
  playlists: number;
  /** parts (LL-HLS) or segments (HLS) downloaded */
  media: number;
  bytes: number;
  errors: number;
  lastError: string | null;
}

interface Playlist {
  mediaSequence: number;
  /** URIs of complete segments, oldest first */
  segments: string[];
  /** URIs of the parts listed after the last complete segment, in order (the open segment) */
  openParts: string[];
  /** every part URI listed, in order */
  parts: string[];
  map: string | null;
}

export function parsePlaylist(text: string): Playlist {
  const p: Playlist = { mediaSequence: 0, segments: [], openParts: [], parts: [], map: null };
  const attr = (line: string, name: string): string | undefined => line.match(new RegExp(`${name}="([^"]*)"`))?.[1];
  let segmentPending = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) p.mediaSequence = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-MAP:')) p.map = attr(line, 'URI') ?? null;
    else if (line.startsWith('#EXT-X-PART:')) {
      const uri = attr(line, 'URI');
      if (uri) {
        p.parts.push(uri);
        p.openParts.push(uri);
      }
    } else if (line.startsWith('#EXTINF:')) segmentPending = true;
    else if (line && !line.startsWith('#') && segmentPending) {
      p.segments.push(line);
      p.openParts = [];
      segmentPending = false;
    }
  }
  return p;
}

interface Fetched {
  status: number;
  body: Buffer;
}

function get(agent: Agent, url: URL, cookie: string | undefined, signal: AbortSignal): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: cookie ? { cookie } : {}, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function newStats(): ViewerStats {
  return { playlists: 0, media: 0, bytes: 0, errors: 0, lastError: null };
}

async function guarded(stats: ViewerStats, signal: AbortSignal, step: () => Promise<void>): Promise<void> {
  while (!signal.aborted) {
    try {
      await step();
    } catch (err) {
      if (signal.aborted) return;
      stats.errors += 1;
      stats.lastError = String(err);
      await sleep(500);
    }
  }
}

/**
 * An LL-HLS viewer like hls.js in lowLatencyMode: blocking playlist reload (`_HLS_msn`/`_HLS_part` for the next
 * part), then each new part fetched once.
 */
export function startLlHlsViewer(agent: Agent, playlistUrl: string, cookie?: string): Viewer {
  const stats = newStats();
  const abort = new AbortController();
  const base = new URL(playlistUrl);
  const fetched = new Set<string>();
  let next: { msn: number; part: number } | null = null;
  const fetchMedia = async (uri: string): Promise<void> => {
    if (fetched.has(uri)) return;
    fetched.add(uri);
    if (fetched.size > 200) fetched.delete(fetched.values().next().value as string);
    const r = await get(agent, new URL(uri, base), cookie, abort.signal);
    if (r.status !== 200) throw new Error(`HTTP ${r.status} for a part`);
    stats.media += 1;
    stats.bytes += r.body.length;
  };
  void guarded(stats, abort.signal, async () => {
    const url = new URL(base);
    if (next) {
      url.searchParams.set('_HLS_msn', String(next.msn));
      url.searchParams.set('_HLS_part', String(next.part));
    }
    const r = await get(agent, url, cookie, abort.signal);
    stats.playlists += 1;
    if (r.status !== 200) {
      next = null;
      throw new Error(`HTTP ${r.status} for the playlist`);
    }
    const p = parsePlaylist(r.body.toString('utf8'));
    if (p.map) await fetchMedia(p.map);
    if (p.parts.length === 0) {
      next = null;
      await sleep(200); // stream starting: no part yet
      return;
    }
    // a new viewer starts with the newest parts only, as a player joining live does
    const fresh = next === null ? p.parts.slice(-3) : p.parts;
    for (const uri of fresh) await fetchMedia(uri);
    next = { msn: p.mediaSequence + p.segments.length, part: p.openParts.length };
  });
  return { stats, stop: () => abort.abort() };
}

/** A classic HLS viewer (hls.js defaults): reload the playlist about once per target duration, fetch new segments. */
export function startHlsViewer(agent: Agent, playlistUrl: string, reloadMs = 1000): Viewer {
  const stats = newStats();
  const abort = new AbortController();
  const base = new URL(playlistUrl);
  const fetched = new Set<string>();
  void guarded(stats, abort.signal, async () => {
    const started = Date.now();
    const r = await get(agent, base, undefined, abort.signal);
    stats.playlists += 1;
    if (r.status === 200) {
      const p = parsePlaylist(r.body.toString('utf8'));
      const fresh = fetched.size === 0 ? p.segments.slice(-3) : p.segments;
      for (const uri of fresh) {
        if (fetched.has(uri)) continue;
        fetched.add(uri);
        if (fetched.size > 50) fetched.delete(fetched.values().next().value as string);
        const s = await get(agent, new URL(uri, base), undefined, abort.signal);
        if (s.status !== 200) throw new Error(`HTTP ${s.status} for a segment`);
        stats.media += 1;
        stats.bytes += s.body.length;
      }
    } else if (r.status !== 404) {
      throw new Error(`HTTP ${r.status} for the playlist`);
    }
    await sleep(Math.max(0, reloadMs - (Date.now() - started)));
  });
  return { stats, stop: () => abort.abort() };
}

export function sumStats(viewers: readonly Viewer[]): ViewerStats {
  const total = newStats();
  for (const v of viewers) {
    total.playlists += v.stats.playlists;
    total.media += v.stats.media;
    total.bytes += v.stats.bytes;
    total.errors += v.stats.errors;
    total.lastError = v.stats.lastError ?? total.lastError;
  }
  return total;
}
