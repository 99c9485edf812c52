// The socket.io connection (push-only) for one signed-in session.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../server/contracts.ts';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RealtimeOptions {
  /** Resolves true when the session is still valid (the caller sends the user to log in otherwise). */
  checkSession(): Promise<boolean>;
  onConnectionChange(connected: boolean): void;
}

const RETRY_AFTER_REFUSAL_MS = 3000;

export interface Realtime {
  socket: HubSocket;
  close(): void;
}

export function connectRealtime(opts: RealtimeOptions): Realtime {
  const socket: HubSocket = io({ withCredentials: true, transports: ['websocket', 'polling'] });
  let retry: ReturnType<typeof setTimeout> | null = null;

  // socket.io retries by itself after network errors, but not after the server refused or closed us
  // (auth middleware error, or the session was logged out): then ask whether the session still stands.
  const recheck = () => {
    if (retry) return;
    opts.checkSession().then(
      (ok) => {
        if (ok) retry = setTimeout(() => {
          retry = null;
          socket.connect();
        }, RETRY_AFTER_REFUSAL_MS);
      },
      () => {
        retry = setTimeout(() => {
          retry = null;
          recheck();
        }, RETRY_AFTER_REFUSAL_MS);
      },
    );
  };

  socket.on('connect', () => opts.onConnectionChange(true));
  socket.on('disconnect', (reason) => {
    opts.onConnectionChange(false);
    if (reason === 'io server disconnect') recheck();
  });
  socket.on('connect_error', () => {
    opts.onConnectionChange(false);
    if (!socket.active) recheck();
  });
  return {
    socket,
    close() {
      if (retry) clearTimeout(retry);
      retry = null;
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
