// Everything that lives while a user is signed in: the socket, the live push socket and its players, the camera
// store, the incident categories.
import type { Role, SessionUserDto } from '../../server/contracts.ts';
import type { CamerasApi } from './api/cameras-api.ts';
import type { IncidentsApi } from './api/incidents-api.ts';
import { createLiveSocket, liveSocketUrl } from './player/live-socket.ts';
import { createLivePlayers, type LivePlayers } from './player/transport.ts';
import type { TransportPref } from './player/transport-pref.ts';
import { createCameraStore, type CameraStore } from './state/camera-store.ts';
import { createCategoryCache, type CategoryCache } from './state/category-cache.ts';
import { connectRealtime, type HubSocket } from './state/realtime.ts';

export interface Session {
  user: SessionUserDto;
  store: CameraStore;
  socket: HubSocket;
  categories: CategoryCache;
  /** builds live players over the tab's one push socket (or LL-HLS) */
  players: LivePlayers;
  close(): void;
}

export interface SessionOptions {
  user: SessionUserDto;
  camerasApi: CamerasApi;
  incidentsApi: IncidentsApi;
  /** the socket was refused or closed: is the session still valid? */
  checkSession(): Promise<boolean>;
  onConnectionChange(connected: boolean): void;
  /** the user's live transport setting */
  transportSetting(): TransportPref;
  /** the hub closed the push socket because the session ended */
  onSessionEnded(): void;
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
  // one push socket for the tab, opened by the first tile that subscribes
  const live = createLiveSocket({ url: liveSocketUrl(location), onSessionEnded: opts.onSessionEnded });
  return {
    user: opts.user,
    store,
    socket: realtime.socket,
    categories: createCategoryCache(opts.incidentsApi),
    players: createLivePlayers({ socket: live, setting: opts.transportSetting }),
    close() {
      live.close();
      store.dispose();
      realtime.close();
    },
  };
}
