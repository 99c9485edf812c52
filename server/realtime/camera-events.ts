// Camera events for browsers: the registry's added/changed/removed and the media service's stream status become
// socket.io pushes (`camera:created`, `camera:updated`, `camera:deleted`, `camera:status`) to the per-camera rooms
// (camera-rooms.ts), so no event about a camera reaches someone who may not see it. A change that gives or takes a
// camera from someone (consent, approval, area) reaches them as `camera:created` / `camera:deleted`.
import type { CameraEvents } from '../cameras/camera-events.ts';
import { forViewer } from '../cameras/camera-dto.ts';
import type { CameraDto, SessionUserDto, StreamName, StreamStatus, StreamStatusDto } from '../contracts.ts';
import type { StreamStatusEvent } from '../media/types.ts';
import { staffRoom, syncCameraRooms, watchRoom, type CameraRoomsOf } from './camera-rooms.ts';
import type { Io } from './realtime.ts';

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
export function pushCameraEvents(io: Io, cameras: CameraEvents, media: StatusSource, aggregate: AggregateStatus, roomsOf: CameraRoomsOf): () => void {
  /** staff and the owner see whose camera it is; neighbours do not (camera-dto.ts forViewer) */
  const send = (event: 'camera:created' | 'camera:updated', c: CameraDto, except: string[] = []) => {
    const full = [staffRoom(c.id), ...(c.owner ? [`user:${c.owner.id}`] : [])];
    io.to(full).except(except).emit(event, c);
    io.to(watchRoom(c.id)).except([...full, ...except]).emit(event, forViewer(c, { id: 0, role: 'resident' }));
  };
  const added = (c: CameraDto) => {
    syncCameraRooms(io, roomsOf);
    send('camera:created', c);
  };
  const changed = ({ camera }: { camera: CameraDto }) => {
    const room = watchRoom(camera.id);
    const moved = syncCameraRooms(io, roomsOf);
    for (const m of moved) if (m.left.includes(room)) io.to(m.socketId).emit('camera:deleted', { cameraId: camera.id });
    const joined = moved.filter((m) => m.joined.includes(room)).map((m) => m.socketId);
    for (const id of joined) {
      const user = io.sockets.sockets.get(id)?.data.session.user as SessionUserDto | undefined;
      if (user) io.to(id).emit('camera:created', forViewer(camera, user));
    }
    send('camera:updated', camera, joined);
  };
  const removed = (cameraId: string) => {
    io.to(watchRoom(cameraId)).emit('camera:deleted', { cameraId });
    syncCameraRooms(io, roomsOf);
  };
  const status = (e: StreamStatusEvent) => io.to(watchRoom(e.cameraId)).emit('camera:status', { cameraId: e.cameraId, ...aggregate(e.cameraId), at: e.at });
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
