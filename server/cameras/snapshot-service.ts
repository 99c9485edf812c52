// GET /api/cameras/:id/snapshot.jpg: the camera's ONVIF snapshot URI when it has one, else one frame of its
// stream; each picture is reused for a few seconds, and concurrent requests for one camera share one fetch.
import type { CameraChange, CameraEvents } from './camera-events.ts';
import type { SessionUserDto } from '../contracts.ts';
import type { SnapshotSource } from './camera-service.ts';
import { fetchSnapshot } from './http-snapshot.ts';

export interface SnapshotOptions {
  cacheMs: number;
  timeoutMs: number;
  maxBytes: number;
}

export interface SnapshotDeps {
  source(cameraId: string, user: SessionUserDto): SnapshotSource;
  grabFrame(cameraId: string): Promise<Buffer>;
  fetchHttp?: typeof fetchSnapshot;
}

const MAX_CACHED = 256;

export class SnapshotService {
  private readonly cache = new Map<string, { at: number; jpeg: Buffer }>();
  private readonly pending = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly deps: SnapshotDeps,
    private readonly o: SnapshotOptions,
  ) {}

  /** Checks that the user may view the camera, then answers from the cache or fetches. */
  async get(cameraId: string, user: SessionUserDto): Promise<Buffer> {
    const source = this.deps.source(cameraId, user);
    const now = Date.now();
    const hit = this.cache.get(cameraId);
    if (hit && now - hit.at < this.o.cacheMs) return hit.jpeg;
    const running = this.pending.get(cameraId);
    if (running) return running;
    const job = this.fetch(cameraId, source).then((jpeg) => {
      this.remember(cameraId, jpeg);
      return jpeg;
    }).finally(() => this.pending.delete(cameraId));
    this.pending.set(cameraId, job);
    return job;
  }

  /** The camera changed or is gone: its cached picture is not shown again. */
  forget(cameraId: string): void {
    this.cache.delete(cameraId);
  }

  /** A camera with a new source, or removed, loses its cached picture. Returns the function that stops following. */
  followCameras(cameras: CameraEvents): () => void {
    const changed = ({ camera, sourceChanged }: CameraChange) => {
      if (sourceChanged) this.forget(camera.id);
    };
    const removed = (id: string) => this.forget(id);
    cameras.on('changed', changed);
    cameras.on('removed', removed);
    return () => {
      cameras.off('changed', changed);
      cameras.off('removed', removed);
    };
  }

  private fetch(cameraId: string, source: SnapshotSource): Promise<Buffer> {
    if (source.kind === 'http') {
      return (this.deps.fetchHttp ?? fetchSnapshot)({
        url: source.url, host: source.host, username: source.username, password: source.password,
        timeoutMs: this.o.timeoutMs, maxBytes: this.o.maxBytes,
      });
    }
    return this.deps.grabFrame(cameraId);
  }

  private remember(cameraId: string, jpeg: Buffer): void {
    if (this.o.cacheMs <= 0) return;
    const now = Date.now();
    for (const [id, e] of this.cache) if (now - e.at >= this.o.cacheMs) this.cache.delete(id);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(cameraId, { at: now, jpeg });
  }
}
