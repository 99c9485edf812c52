// Everything that lives while a user is signed in: the socket and the camera store.
import type { UserDto } from '../../server/contracts.ts';
import type { CamerasApi } from './api/cameras-api.ts';
import { createCameraStore, type CameraStore } from './state/camera-store.ts';
import { connectRealtime } from './state/realtime.ts';

export interface Session {
  user: UserDto;
  store: CameraStore;
  close(): void;
}

export interface SessionOptions {
  user: UserDto;
  camerasApi: CamerasApi;
  /** the socket was refused or closed: is the session still valid? */
  checkSession(): Promise<boolean>;
  onConnectionChange(connected: boolean): void;
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
    close() {
      store.dispose();
      realtime.close();
    },
  };
}
