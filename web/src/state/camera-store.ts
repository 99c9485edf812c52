// The cameras the user can see, kept current from REST (load, after reconnects) and socket pushes.
import type { CameraDto, CameraStatusEvent } from '../../../server/contracts.ts';
import type { CamerasApi } from '../api/cameras-api.ts';
import type { HubSocket } from './realtime.ts';

export type StoreChange = { type: 'list' } | { type: 'status'; cameraId: string };

export interface CameraStore {
  loaded(): boolean;
  /** why the last load failed (null once a load succeeds) */
  loadError(): unknown;
  all(): CameraDto[];
  get(id: string): CameraDto | undefined;
  refresh(): Promise<void>;
  /** apply a camera the REST API just returned, without waiting for the socket */
  put(camera: CameraDto): void;
  drop(cameraId: string): void;
  subscribe(listener: (change: StoreChange) => void): () => void;
  dispose(): void;
}

export function createCameraStore(api: CamerasApi, socket: HubSocket): CameraStore {
  let cameras = new Map<string, CameraDto>();
  let isLoaded = false;
  let lastError: unknown = null;
  let refreshing: Promise<void> | null = null;
  const listeners = new Set<(change: StoreChange) => void>();
  const emit = (change: StoreChange) => {
    for (const l of [...listeners]) l(change);
  };

  const put = (camera: CameraDto) => {
    cameras.set(camera.id, keepPublishUrl(camera, cameras.get(camera.id)));
    emit({ type: 'list' });
  };
  const drop = (cameraId: string) => {
    if (cameras.delete(cameraId)) emit({ type: 'list' });
  };
  const onStatus = (e: CameraStatusEvent) => {
    const cam = cameras.get(e.cameraId);
    if (!cam) return;
    cameras.set(cam.id, { ...cam, status: e.status, lastError: e.lastError, streams: e.streams });
    emit({ type: 'status', cameraId: cam.id });
  };
  const onDeleted = (e: { cameraId: string }) => drop(e.cameraId);

  const refresh = (): Promise<void> => {
    refreshing ??= api
      .list()
      .then(
        (list) => {
          cameras = new Map(list.map((c) => [c.id, c]));
          isLoaded = true;
          lastError = null;
          emit({ type: 'list' });
        },
        (err: unknown) => {
          lastError = err;
          emit({ type: 'list' });
          throw err;
        },
      )
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };
  // After a reconnect we may have missed pushes: reload the list.
  const onConnect = () => {
    if (isLoaded || lastError) refresh().catch(() => undefined);
  };

  socket.on('camera:status', onStatus);
  socket.on('camera:created', put);
  socket.on('camera:updated', put);
  socket.on('camera:deleted', onDeleted);
  socket.on('connect', onConnect);

  return {
    loaded: () => isLoaded,
    loadError: () => lastError,
    all: () => [...cameras.values()],
    get: (id) => cameras.get(id),
    refresh,
    put,
    drop,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      socket.off('camera:status', onStatus);
      socket.off('camera:created', put);
      socket.off('camera:updated', put);
      socket.off('camera:deleted', onDeleted);
      socket.off('connect', onConnect);
      listeners.clear();
    },
  };
}

/**
 * Socket pushes carry no RTMP publish URL (it holds the secret key; only an admin's REST answer has it): keep the
 * one we have rather than losing it on every push.
 */
function keepPublishUrl(next: CameraDto, prev: CameraDto | undefined): CameraDto {
  if (next.source.kind !== 'rtmp-push' || next.source.publishUrl) return next;
  if (prev?.source.kind !== 'rtmp-push' || !prev.source.publishUrl) return next;
  return { ...next, source: { ...next.source, publishUrl: prev.source.publishUrl } };
}
