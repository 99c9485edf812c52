// Composition root of the web app: build the services once and hand them to the shell.
import { createAuthApi } from './api/auth-api.ts';
import { createCamerasApi } from './api/cameras-api.ts';
import { createDiscoveryApi } from './api/discovery-api.ts';
import { createHttpClient } from './api/http-client.ts';
import { createIncidentsApi } from './api/incidents-api.ts';
import { createPtzApi } from './api/ptz-api.ts';
import { createRecordingsApi } from './api/recordings-api.ts';
import { createReportsApi } from './api/reports-api.ts';
import { createUsersApi } from './api/users-api.ts';
import { createAuditApi } from './api/audit-api.ts';
import { createApprovalsApi } from './api/approvals-api.ts';
import { createWallViewsApi } from './api/wall-views-api.ts';
import { createHealthApi } from './api/health-api.ts';
import { createFootageRequestsApi } from './api/footage-requests-api.ts';
import { createMyCamerasApi } from './api/my-cameras-api.ts';
import { createApp } from './app.ts';
import { createI18n } from './i18n/i18n.ts';
import { createSettings } from './settings.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/wall.css';
import './styles/tile-actions.css';
import './styles/forms.css';
import './styles/incidents.css';
import './styles/overlays.css';
import './styles/incident-detail.css';
import './styles/review.css';
import './styles/add-camera.css';
import './styles/ptz.css';
import './styles/users.css';
import './styles/areas.css';
import './styles/health.css';
import './styles/reports.css';
import './styles/approvals.css';
import './styles/requests.css';
import './styles/resident.css';
import './styles/resident-register.css';
import './styles/notice.css';

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing from index.html');

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: choices last for this visit only
  }
})();
const settings = createSettings(storage);
const i18n = createI18n(settings, document);
// The callback runs only after a request, by which time `app` exists.
const http = createHttpClient({ onUnauthorized: () => app.sessionExpired() });
const app = createApp({
  root,
  win: window,
  i18n,
  settings,
  auth: createAuthApi(http),
  camerasApi: createCamerasApi(http),
  incidentsApi: createIncidentsApi(http),
  recordingsApi: createRecordingsApi(http),
  discoveryApi: createDiscoveryApi(http),
  ptzApi: createPtzApi(http),
  usersApi: createUsersApi(http),
  auditApi: createAuditApi(http),
  approvalsApi: createApprovalsApi(http),
  wallViewsApi: createWallViewsApi(http),
  healthApi: createHealthApi(http),
  reportsApi: createReportsApi(http),
  footageRequestsApi: createFootageRequestsApi(http),
  myCamerasApi: createMyCamerasApi(http),
});
void app.start();
