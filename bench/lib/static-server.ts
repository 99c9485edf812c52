import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
};

export interface StaticRoutes {
  /** exact URL path → content built in memory */
  pages?: Record<string, { type: string; body: string }>;
  /** exact URL path → file on disk */
  files?: Record<string, string>;
  /** URL prefix (ending with '/') → directory on disk */
  dirs?: Record<string, string>;
}

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * A small static server on 127.0.0.1 for the reader page, hls.js and ffmpeg's HLS output (the peer). No caching,
 * CORS open (the reader page may come from another origin).
 */
export async function startStaticServer(routes: StaticRoutes, port = 0): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      res.setHeader('Cache-Control', 'no-cache, no-store');
      res.setHeader('Access-Control-Allow-Origin', '*');
      const page = routes.pages?.[path];
      if (page) {
        res.writeHead(200, { 'Content-Type': page.type }).end(page.body);
        return;
      }
      let file = routes.files?.[path];
      if (!file) {
        for (const [prefix, dir] of Object.entries(routes.dirs ?? {})) {
          if (!path.startsWith(prefix)) continue;
          const candidate = normalize(join(dir, path.slice(prefix.length)));
          if (candidate.startsWith(normalize(dir) + sep)) file = candidate;
        }
      }
      const info = file ? await stat(file).catch(() => undefined) : undefined;
      if (!file || !info?.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    })().catch(() => res.destroy());
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
