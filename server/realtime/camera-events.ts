// Camera events for browsers: the registry's added/changed/removed and the media service's stream status become
// socket.io pushes (`camera:created`, `camera:updated`, `camera:deleted`, `camera:status`) to the camera watchers.
import type { CameraEvents } from '../cameras/camera-events.ts';
import type { CameraDto, StreamName, StreamStatus, StreamStatusDto } from '../contracts.ts';
import type { StreamStatusEvent } from '../media/types.ts';
import { CAMERA_WATCHERS, type Io } from './realtime.ts';

export interface StatusSource {
  on(event: 'status', listener: (e: StreamStatusEvent) => void): unknown;
  off(event: 'status', listener: (e: StreamStatusEvent) => void): unknown;
}

/** The camera's aggregate status, from the statuses of its streams. */
export type AggregateStatus = (cameraId: string) => {
  status: StreamStatus;
  lastError: string | null;
  streams: Partial<Record<StreamName, StreamStatusDto>>;
};

/** Returns the function that stops pushing. */
export function pushCameraEvents(io: Io, cameras: CameraEvents, media: StatusSource, aggregate: AggregateStatus): () => void {
  const watchers = () => io.to(CAMERA_WATCHERS);
  const added = (c: CameraDto) => watchers().emit('camera:created', c);
  const changed = ({ camera }: { camera: CameraDto }) => watchers().emit('camera:updated', camera);
  const removed = (cameraId: string) => watchers().emit('camera:deleted', { cameraId });
  const status = (e: StreamStatusEvent) => watchers().emit('camera:status', { cameraId: e.cameraId, ...aggregate(e.cameraId), at: e.at });
  cameras.on('added', added);
  cameras.on('changed', changed);
  cameras.on('removed', removed);
  media.on('status', status);
  return () => {
    cameras.off('added', added);
    cameras.off('changed', changed);
    cameras.off('removed', removed);
    media.off('status', status);
  };
}
