// Per-camera socket.io rooms: no event about a camera reaches a socket whose user may not see it.
// `watch:<id>`: everyone who may see the camera (its status, its changes); `staff:<id>`: the staff among them (its
// incidents and alerts). Membership follows the permission rules (server/access/permissions.ts) and is re-evaluated
// whenever a camera is added, changed (consent, approval, area) or removed.
import { isStaff } from '../access/permissions.ts';
import type { SessionUserDto } from '../contracts.ts';
import type { Io } from './realtime.ts';

export const watchRoom = (cameraId: string) => `watch:${cameraId}`;
export const staffRoom = (cameraId: string) => `staff:${cameraId}`;
const PER_CAMERA = /^(watch|staff):/;
/** staff not limited to some areas: incidents reach them whatever camera they were flagged on */
export const COMMUNE_STAFF = 'commune-staff';

/** Where an incident's events go: the staff of its cameras, and the staff of the whole commune. */
export const incidentRooms = (cameraIds: string[]) => [COMMUNE_STAFF, ...cameraIds.map(staffRoom)];

/** The per-camera rooms a user belongs in (from the camera registry and the permission rules). */
export type CameraRoomsOf = (user: SessionUserDto) => string[];

/** The rooms of the cameras a user may see: `watch:` for everyone, `staff:` too for staff. */
export function cameraRoomsOf(visibleTo: (user: SessionUserDto) => string[]): CameraRoomsOf {
  return (user) => visibleTo(user).flatMap((id) => (isStaff(user.role) ? [watchRoom(id), staffRoom(id)] : [watchRoom(id)]));
}

export interface RoomChange {
  socketId: string;
  joined: string[];
  left: string[];
}

/** Puts every socket in exactly the per-camera rooms its user belongs in; returns what changed. */
export function syncCameraRooms(io: Io, roomsOf: CameraRoomsOf): RoomChange[] {
  const changes: RoomChange[] = [];
  const byUser = new Map<number, Set<string>>();
  for (const socket of io.sockets.sockets.values()) {
    const { user } = socket.data.session;
    let want = byUser.get(user.id);
    if (!want) byUser.set(user.id, (want = new Set(roomsOf(user))));
    const left = [...socket.rooms].filter((r) => PER_CAMERA.test(r) && !want.has(r));
    const joined = [...want].filter((r) => !socket.rooms.has(r));
    if (left.length === 0 && joined.length === 0) continue;
    for (const r of left) void socket.leave(r);
    if (joined.length) void socket.join(joined);
    changes.push({ socketId: socket.id, joined, left });
  }
  return changes;
}
