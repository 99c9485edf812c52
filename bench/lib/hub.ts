import { rm } from 'node:fs/promises';
import { startTestHub } from '../../test/helpers/hub.ts';
import type { CameraDto, StreamName } from '../../server/contracts.ts';
import type { Child, Children } from './children.ts';
import { killLeftovers, processTree } from './proc-stats.ts';

export interface BenchHub {
  readonly origin: string;
  readonly adminPassword: string;
  /** the hub's node process: root of the tree measured by the streams benchmark */
  readonly child: Child;
  /** "mt_session=…" for Node clients */
  readonly cookie: string;
  addCamera(name: string, rtspUrl: string): Promise<string>;
  camera(id: string): Promise<CameraDto>;
  playlistUrl(cameraId: string, stream?: StreamName): string;
  close(): Promise<void>;
}

export interface BenchHubOptions {
  /** media.idleTimeoutSec of the hub (the cold start benchmark wants it short) */
  idleTimeoutSec?: number;
}

/**
 * The real hub (server/main.ts) in its own process, started by the test helper on a throwaway data directory,
 * logged in as the first admin.
 */
export async function startBenchHub(children: Children, opts: BenchHubOptions = {}): Promise<BenchHub> {
  const media: Record<string, unknown> = { ffmpegPath: '/usr/bin/ffmpeg' };
  if (opts.idleTimeoutSec !== undefined) media.idleTimeoutSec = opts.idleTimeoutSec;
  const hub = await startTestHub({ config: { media } });
  const child = children.adopt('hub', hub.process);
  const origin = hub.url;
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: hub.adminPassword }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) {
    await hub.close();
    throw new Error(`hub login failed: HTTP ${res.status}`);
  }
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${origin}${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) {
      const said = hub.output().trim().split('\n').slice(-3).join(' | ');
      throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()} (hub said: ${said})`);
    }
    return (await r.json()) as T;
  };
  return {
    origin,
    adminPassword: hub.adminPassword,
    child,
    cookie,
    async addCamera(name, rtspUrl) {
      const { camera } = await api<{ camera: CameraDto }>('POST', '/api/cameras', { name, source: { kind: 'rtsp', url: rtspUrl } });
      return camera.id;
    },
    async camera(id) {
      return (await api<{ camera: CameraDto }>('GET', `/api/cameras/${encodeURIComponent(id)}`)).camera;
    },
    playlistUrl: (id, stream = 'main') => `${origin}/live/${encodeURIComponent(id)}/${stream}/index.m3u8`,
    async close() {
      const tree = await processTree(child.pid);
      await child.stop(12_000);
      await killLeftovers(tree.slice(1)); // ffmpeg children the hub failed to stop, if any
      await rm(hub.dataDir, { recursive: true, force: true });
    },
  };
}
