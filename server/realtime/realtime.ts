import type http from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { AuthService } from '../auth/auth-service.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../contracts.ts';
import { readCookie, SESSION_COOKIE } from '../http/cookies.ts';
import { crossSiteReason } from '../http/same-origin.ts';
import { COMMUNE_STAFF, type CameraRoomsOf } from './camera-rooms.ts';
import { isStaff } from '../access/permissions.ts';

export type Io = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * socket.io on the hub's HTTP server, push-only. Every connection needs a valid session cookie;
 * each socket joins `session:<id>` (closed at logout), `user:<id>`, `role:<role>` and the per-camera rooms of the
 * cameras its user may see (camera-rooms.ts).
 */
export function attachRealtime(server: http.Server, auth: AuthService, logger: Logger, cameraRooms: CameraRoomsOf) {
  const io: Io = new Server(server, {
    serveClient: false,
    cors: { origin: false },
    // a handshake another site's page started is refused before any session is looked at
    allowRequest: (req, done) => done(null, crossSiteReason(req, { stateChanging: true }) === null),
  });

  io.use((socket, next) => {
    const session = auth.authenticate(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
    if (!session) return next(new Error('unauthenticated'));
    socket.data.session = session;
    next();
  });

  io.on('connection', (socket) => {
    const { user, sessionId } = socket.data.session;
    void socket.join([`session:${sessionId}`, `user:${user.id}`, `role:${user.role}`, ...cameraRooms(user)]);
    if (isStaff(user.role) && user.areaScope === null) void socket.join(COMMUNE_STAFF);
    logger.debug({ user: user.username }, 'socket connected');
  });

  // a session that expired, went idle or was deleted behind our back: its sockets close within a second
  const sessionCheck = setInterval(() => {
    const verdict = new Map<string, boolean>();
    for (const socket of io.sockets.sockets.values()) {
      const id = socket.data.session.sessionId;
      if (!verdict.has(id)) verdict.set(id, auth.isActive(id));
      if (!verdict.get(id)) socket.disconnect(true);
    }
  }, 1000);
  sessionCheck.unref();

  return {
    io,
    closeSession(sessionId: string) {
      io.in(`session:${sessionId}`).disconnectSockets(true);
    },
    /** closes every socket of a user (disabled, new role or password), except those of `keepSessionId` */
    closeUser(userId: number, keepSessionId?: string) {
      const room = io.in(`user:${userId}`);
      (keepSessionId ? room.except(`session:${keepSessionId}`) : room).disconnectSockets(true);
    },
  };
}
