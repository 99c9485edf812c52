// Everything that lives while a user is signed in: the socket, the camera store, the incident categories.
import type { Role, UserDto } from '../../server/contracts.ts';
import type { CamerasApi } from './api/cameras-api.ts';
import type { IncidentsApi } from './api/incidents-api.ts';
import { createCameraStore, type CameraStore } from './state/camera-store.ts';
import { createCategoryCache, type CategoryCache } from './state/category-cache.ts';
import { connectRealtime, type HubSocket } from './state/realtime.ts';

export interface Session {
  user: UserDto;
  store: CameraStore;
  socket: HubSocket;
  categories: CategoryCache;
  close(): void;
}

export interface SessionOptions {
  user: UserDto;
  camerasApi: CamerasApi;
  incidentsApi: IncidentsApi;
  /** the socket was refused or closed: is the session still valid? */
  checkSession(): Promise<boolean>;
  onConnectionChange(connected: boolean): void;
}

/** Who may flag, read and export incidents (the hub checks the same). */
export function canHandleIncidents(role: Role): boolean {
  return role === 'admin' || role === 'police' || role === 'operator';
}

export function openSession(opts: SessionOptions): Session {
  const realtime = connectRealtime({
    checkSession: opts.checkSession,
    onConnectionChange: opts.onConnectionChange,
  });
  const store = createCameraStore(opts.camerasApi, realtime.socket);
  store.refresh().catch(() => undefined); // a 401 here sends the user to log in (http client)
  return {
    user: opts.user,
    store,
    socket: realtime.socket,
    categories: createCategoryCache(opts.incidentsApi),
    close() {
      store.dispose();
      realtime.close();
    },
  };
}
