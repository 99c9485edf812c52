// The app shell: decides between the login page and the signed-in pages, mounts one page at a time,
// and tears everything of a session down on log out or when the session expires.
import type { SessionUserDto } from '../../server/contracts.ts';
import type { AuthApi } from './api/auth-api.ts';
import type { Apis, AppContext, Page } from './app-context.ts';
import { h } from './dom.ts';
import type { I18n, MessageKey } from './i18n/i18n.ts';
import { createRouter, type Route, type Router } from './router.ts';
import { canHandleIncidents, openSession, type Session } from './session.ts';
import type { Settings } from './settings.ts';
import { createCamerasPage } from './views/cameras/cameras-page.ts';
import { createIncidentDetailPage } from './views/incidents/incident-detail-page.ts';
import { createIncidentsPage } from './views/incidents/incidents-page.ts';
import { createLoginPage } from './views/login-page.ts';
import { noPermissionPage } from './views/no-permission.ts';
import { createReviewPage } from './views/review/review-page.ts';
import { createReportsPage } from './views/reports/reports-page.ts';
import { passwordDialog } from './views/users/password-dialog.ts';
import { createUsersPage } from './views/users/users-page.ts';
import { createAuditPage } from './views/audit/audit-page.ts';
import { createStorageBanner, type StorageBanner } from './views/storage-banner.ts';
import { createAlertNotifier, type AlertNotifier } from './views/health/alert-notifier.ts';
import { createAlertSound, type AlertSound } from './views/health/alert-sound.ts';
import { createAlertsPage } from './views/health/alerts-page.ts';
import { createCameraHealthPage } from './views/health/camera-health-page.ts';
import { createToasts } from './views/toasts.ts';
import { createTopBar, type NavTarget, type TopBar } from './views/top-bar.ts';
import { createApprovalsNav } from './views/approvals/approvals-nav.ts';
import { createApprovalsPage } from './views/approvals/approvals-page.ts';
import { createFocusPage } from './views/wall/focus-page.ts';
import { createStaffRequestsPage } from './views/requests/staff-requests-page.ts';
import { createWallPage } from './views/wall/wall-page.ts';
import { homePath } from './views/resident/resident-logic.ts';
import { createResidentPage } from './views/resident/resident-pages.ts';
import { isResidentRoute, RESIDENT_NAV_OF, RESIDENT_TITLE_OF } from './views/resident/resident-routes.ts';
import { publicInvitationsApi } from './api/areas-api.ts';
import { AREA_NAV_OF, AREA_TITLE_OF } from './views/areas/area-routes.ts';
import { createAreasPage } from './views/areas/areas-page.ts';
import { createInvitationsPage } from './views/areas/invitations-page.ts';
import { createInvitePage } from './views/areas/invite-page.ts';

export interface AppDeps extends Apis {
  root: HTMLElement;
  win: Window;
  i18n: I18n;
  settings: Settings;
  auth: AuthApi;
}

const NAV_OF: Record<Route['name'], NavTarget> = {
  ...RESIDENT_NAV_OF,
  ...AREA_NAV_OF,
  login: null,
  wall: 'wall',
  focus: 'wall',
  cameras: 'cameras',
  'camera-health': 'cameras',
  alerts: 'alerts',
  incidents: 'incidents',
  incident: 'incidents',
  review: 'review',
  users: 'users',
  audit: 'audit',
  approvals: 'approvals',
  reports: 'reports',
  requests: 'incidents',
};

const TITLE_OF: Record<Route['name'], MessageKey> = {
  ...RESIDENT_TITLE_OF,
  ...AREA_TITLE_OF,
  login: 'login.title',
  wall: 'wall.title',
  focus: 'wall.title',
  'camera-health': 'health.title',
  alerts: 'alerts.title',
  cameras: 'cameras.title',
  incidents: 'incidents.title',
  incident: 'incidents.title',
  review: 'review.title',
  users: 'users.title',
  audit: 'audit.title',
  approvals: 'approvals.title',
  reports: 'reports.title',
  requests: 'req.staff.title',
};

/** pages a resident never opens (the hub refuses their data anyway): they land on /my instead */
const STAFF_ONLY = new Set<Route['name']>(['wall', 'cameras', 'camera-health', 'alerts', 'incidents', 'incident', 'review', 'users', 'audit', 'reports', 'approvals', 'requests']);

export interface App {
  start(): Promise<void>;
  /** a request got 401: the session is gone */
  sessionExpired(): void;
}

export function createApp(deps: AppDeps): App {
  const { root, i18n } = deps;
  let session: Session | null = null;
  let topBar: TopBar | null = null;
  let page: Page | null = null;
  let loginNotice: MessageKey | undefined;
  let router: Router | null = null;
  let storageBanner: StorageBanner | null = null;
  let alertSound: AlertSound | null = null;
  let alertNotifier: AlertNotifier | null = null;
  const toasts = createToasts(i18n);

  const banner = i18n.text(h('div', { class: 'conn-banner', role: 'status', hidden: true }), 'wall.socketLost');
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  const frame = h('div', { class: 'app' }, banner, main, toasts.el);
  root.replaceChildren(frame);

  const mount = (next: Page) => {
    page?.destroy();
    page = next;
    main.replaceChildren(next.el);
  };

  const endSession = () => {
    session?.close();
    session = null;
    topBar?.destroy();
    topBar?.el.remove();
    topBar = null;
    storageBanner?.destroy();
    storageBanner?.el.remove();
    storageBanner = null;
    alertNotifier?.destroy();
    alertNotifier = null;
    alertSound?.destroy();
    alertSound = null;
    toasts.clear();
    banner.hidden = true;
  };

  const beginSession = (user: SessionUserDto) => {
    endSession();
    // a generated password (first admin) is changed before anything else: no socket, no page until then (the hub
    // refuses them meanwhile); the login page stays behind the dialog and hands over once it is changed
    if (user.mustChangePassword) {
      void passwordDialog(i18n, deps.usersApi, { forced: true }).then(() => {
        beginSession({ ...user, mustChangePassword: false });
        toasts.show({ text: 'password.changed' });
        if (router) onRoute(router.current());
      });
      return;
    }
    session = openSession({
      user,
      camerasApi: deps.camerasApi,
      incidentsApi: deps.incidentsApi,
      onConnectionChange: (connected) => {
        banner.hidden = connected;
      },
      checkSession: async () => {
        const me = await deps.auth.me();
        if (!me) app.sessionExpired();
        return me !== null;
      },
      transportSetting: () => deps.settings.transport(),
      onSessionEnded: () => app.sessionExpired(),
    });
    topBar = createTopBar({
      i18n,
      user,
      approvalsNav: createApprovalsNav(i18n, session.store, user),
      onLogout: () => void logout(),
      onChangePassword: async () => {
        if (await passwordDialog(i18n, deps.usersApi)) toasts.show({ text: 'password.changed' });
      },
      transport: () => deps.settings.transport(),
      onTransport: (pref) => {
        deps.settings.setTransport(pref);
        // the menu's choice replaces one forced in the address bar
        session?.players.noteUrl('?transport=auto');
        const here = new URL(deps.win.location.href);
        here.searchParams.delete('transport');
        router?.replaceUrl(here.pathname + here.search);
        // the live pages start their players again on the new transport (other pages have none)
        const route = router?.current();
        if (route && (route.name === 'wall' || route.name === 'focus')) onRoute(route);
      },
    });
    frame.insertBefore(topBar.el, banner);
    if (user.role === 'admin') {
      storageBanner = createStorageBanner(i18n, session.socket, session.store, () => deps.healthApi.alerts('open'));
      frame.insertBefore(storageBanner.el, main);
    }
    // staff hear and see new alerts (camera offline, storage, incidents) wherever they are in the app
    if (canHandleIncidents(user.role)) {
      alertSound = createAlertSound(deps.win);
      alertNotifier = createAlertNotifier(i18n, session.socket, toasts, alertSound, user.id);
    }
  };

  const logout = async () => {
    page?.destroy(); // stop the players before the session goes
    page = null;
    main.replaceChildren();
    endSession(); // first, so the server closing our socket is not taken for an expired session
    await deps.auth.logout().catch(() => undefined);
    loginNotice = undefined;
    router?.navigate('/login', { replace: true });
  };

  const context = (s: Session, r: Router): AppContext => ({
    i18n,
    settings: deps.settings,
    user: s.user,
    store: s.store,
    socket: s.socket,
    categories: s.categories,
    players: s.players,
    toasts,
    camerasApi: deps.camerasApi,
    incidentsApi: deps.incidentsApi,
    recordingsApi: deps.recordingsApi,
    discoveryApi: deps.discoveryApi,
    ptzApi: deps.ptzApi,
    usersApi: deps.usersApi,
    auditApi: deps.auditApi,
    approvalsApi: deps.approvalsApi,
    wallViewsApi: deps.wallViewsApi,
    healthApi: deps.healthApi,
    reportsApi: deps.reportsApi,
    footageRequestsApi: deps.footageRequestsApi,
    myCamerasApi: deps.myCamerasApi,
    navigate: r.navigate,
    replaceUrl: r.replaceUrl,
    back: r.back,
    sessionExpired: () => app.sessionExpired(),
  });

  const onRoute = (route: Route) => {
    const r = router;
    if (!r) return;
    // the invited person's pages open without a session; accepting signs them in (views/areas/invite-page.ts)
    if (route.name === 'invite') {
      document.title = `${i18n.t('invite.title')} · ${i18n.t('app.name')}`;
      mount(createInvitePage({ i18n, api: publicInvitationsApi(), token: route.token, onAccepted: (user) => {
        beginSession(user);
        r.navigate(homePath(user.role), { replace: true });
      } }));
      return;
    }
    if (!session) {
      if (route.name !== 'login') {
        const here = deps.win.location.pathname + deps.win.location.search;
        r.navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
        return;
      }
      const notice = loginNotice;
      loginNotice = undefined;
      document.title = `${i18n.t('login.title')} · ${i18n.t('app.name')}`;
      mount(
        createLoginPage({
          i18n,
          auth: deps.auth,
          notice,
          onLoggedIn: (user) => {
            beginSession(user);
            r.navigate(route.next ?? homePath(user.role), { replace: true });
          },
        }),
      );
      return;
    }
    if (route.name === 'login') {
      r.navigate(route.next ?? homePath(session.user.role), { replace: true });
      return;
    }
    // residents have their own app (/my…), staff the wall; the notice page is for both
    const resident = session.user.role === 'resident';
    if (resident ? STAFF_ONLY.has(route.name) : isResidentRoute(route) && route.name !== 'notice') {
      r.navigate(homePath(session.user.role), { replace: true });
      return;
    }
    session.players.noteUrl(deps.win.location.search); // ?transport=ws|hls|auto, kept for the tab
    const ctx = context(session, r);
    topBar?.setActive(NAV_OF[route.name]);
    document.title = `${i18n.t(TITLE_OF[route.name])} · ${i18n.t('app.name')}`;
    const incidentsAllowed = canHandleIncidents(ctx.user.role);
    if (isResidentRoute(route)) mount(createResidentPage(ctx, deps.myCamerasApi, route));
    else if (route.name === 'wall') mount(createWallPage(ctx, route.page));
    else if (route.name === 'focus') mount(createFocusPage(ctx, route.cameraId));
    else if (route.name === 'cameras') mount(createCamerasPage(ctx, { openAdd: route.add, tab: route.tab }));
    else if (route.name === 'review') mount(createReviewPage(ctx, route));
    else if (route.name === 'camera-health') mount(createCameraHealthPage(ctx, deps.healthApi, route.cameraId));
    else if (route.name === 'alerts') {
      mount(alertSound ? createAlertsPage(ctx, deps.healthApi, alertSound, route.state) : noPermissionPage(ctx, 'alerts.noPermission'));
    } else if (route.name === 'users') mount(createUsersPage(ctx));
    else if (route.name === 'approvals') mount(createApprovalsPage(ctx, deps.approvalsApi));
    else if (route.name === 'audit') mount(createAuditPage(ctx, deps.auditApi));
    else if (route.name === 'areas') mount(createAreasPage(ctx));
    else if (route.name === 'invitations') mount(createInvitationsPage(ctx));
    else if (!incidentsAllowed) mount(noPermissionPage(ctx, 'incidents.noPermission'));
    else if (route.name === 'incidents') mount(createIncidentsPage(ctx, route.query));
    else if (route.name === 'reports') mount(createReportsPage(ctx, route.query));
    else if (route.name === 'requests') mount(createStaffRequestsPage(ctx));
    else mount(createIncidentDetailPage(ctx, route.id));
  };

  const app: App = {
    async start() {
      let user: SessionUserDto | null = null;
      try {
        user = await deps.auth.me();
      } catch {
        user = null; // server unreachable: show the login page, its submit will say so
      }
      if (user) beginSession(user);
      router = createRouter(deps.win, onRoute);
      onRoute(router.current());
    },
    sessionExpired() {
      if (!session) return;
      endSession();
      loginNotice = 'error.unauthenticated';
      const here = deps.win.location.pathname + deps.win.location.search;
      router?.navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    },
  };
  i18n.onChange(() => {
    if (router) document.title = `${i18n.t(TITLE_OF[router.current().name])} · ${i18n.t('app.name')}`;
  });
  return app;
}
