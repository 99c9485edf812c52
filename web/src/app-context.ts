// What a page gets when it is mounted: services for the signed-in session, created in main.ts.
import type { SessionUserDto } from '../../server/contracts.ts';
import type { CamerasApi } from './api/cameras-api.ts';
import type { DiscoveryApi } from './api/discovery-api.ts';
import type { IncidentsApi } from './api/incidents-api.ts';
import type { PtzApi } from './api/ptz-api.ts';
import type { RecordingsApi } from './api/recordings-api.ts';
import type { ReportsApi } from './api/reports-api.ts';
import type { UsersApi } from './api/users-api.ts';
import type { AuditApi } from './api/audit-api.ts';
import type { ApprovalsApi } from './api/approvals-api.ts';
import type { WallViewsApi } from './api/wall-views-api.ts';
import type { HealthApi } from './api/health-api.ts';
import type { FootageRequestsApi } from './api/footage-requests-api.ts';
import type { MyCamerasApi } from './api/my-cameras-api.ts';
import type { I18n } from './i18n/i18n.ts';
import type { LivePlayers } from './player/transport.ts';
import type { Settings } from './settings.ts';
import type { CameraStore } from './state/camera-store.ts';
import type { CategoryCache } from './state/category-cache.ts';
import type { HubSocket } from './state/realtime.ts';
import type { Toasts } from './views/toasts.ts';

export interface Apis {
  camerasApi: CamerasApi;
  incidentsApi: IncidentsApi;
  recordingsApi: RecordingsApi;
  discoveryApi: DiscoveryApi;
  ptzApi: PtzApi;
  usersApi: UsersApi;
  auditApi: AuditApi;
  /** residents' cameras waiting for an officer (/approvals) */
  approvalsApi: ApprovalsApi;
  wallViewsApi: WallViewsApi;
  healthApi: HealthApi;
  reportsApi: ReportsApi;
  /** footage requests: officers ask, camera owners answer */
  footageRequestsApi: FootageRequestsApi;
  /** a resident's own cameras: register, sharing, access log; the commune for the notice */
  myCamerasApi: MyCamerasApi;
}

export interface AppContext extends Apis {
  i18n: I18n;
  settings: Settings;
  user: SessionUserDto;
  store: CameraStore;
  /** push events of this session (listen, and stop listening in destroy()) */
  socket: HubSocket;
  categories: CategoryCache;
  /** live players for tiles: over the tab's push socket, or LL-HLS (close nothing: the session owns them) */
  players: LivePlayers;
  toasts: Toasts;
  navigate(path: string, opts?: { replace?: boolean }): void;
  /** update the address bar without changing page (history.replaceState) */
  replaceUrl(path: string): void;
  /** go back in history when we came from inside the app, otherwise to `fallback` */
  back(fallback: string): void;
  /** the hub refused our session (e.g. a 401 on live video): back to the login page */
  sessionExpired(): void;
}

/** A mounted page; destroy() must release players, timers and subscriptions. */
export interface Page {
  el: HTMLElement;
  destroy(): void;
}
