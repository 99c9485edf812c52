import { parseResidentRoute, type ResidentRoute } from './views/resident/resident-routes.ts';
import { parseAreaRoute, type AreaRoute } from './views/areas/area-routes.ts';

// History-API routes: /login, / (wall, ?page=N), /focus/:id, /cameras (?add=1&tab=nvr), /incidents (?filters),
// /incidents/:id, /review (/:cameraId, ?day=YYYY-MM-DD&t=ISO), /users, /reports (?period=… or ?from=&to=), /requests (footage requests). The hub falls back to index.html.

export type Route =
  | { name: 'login'; next: string | null }
  | { name: 'wall'; page: number }
  | { name: 'focus'; cameraId: string }
  | { name: 'cameras'; add: boolean; tab: string | null }
  | { name: 'incidents'; query: URLSearchParams }
  | { name: 'incident'; id: number }
  | { name: 'users' }
  | { name: 'alerts'; state: 'open' | 'all' }
  | { name: 'camera-health'; cameraId: string }
  | { name: 'audit' }
  | { name: 'approvals' }
  | { name: 'reports'; query: URLSearchParams }
  | { name: 'requests' }
  | { name: 'review'; cameraId: string | null; day: string | null; at: string | null }
  | ResidentRoute
  | AreaRoute;

export function parseRoute(pathname: string, search: string): Route {
  const q = new URLSearchParams(search);
  if (pathname === '/login') {
    const next = q.get('next');
    return { name: 'login', next: next && next.startsWith('/') && !next.startsWith('//') ? next : null };
  }
  const resident = parseResidentRoute(pathname); // /my…, /notice/:id
  if (resident) return resident;
  const area = parseAreaRoute(pathname); // /areas, /invitations, /invite(/:token)
  if (area) return area;
  if (pathname === '/cameras') return { name: 'cameras', add: q.get('add') === '1', tab: q.get('tab') };
  if (pathname === '/users') return { name: 'users' };
  if (pathname === '/alerts') return { name: 'alerts', state: q.get('state') === 'all' ? 'all' : 'open' };
  const health = /^\/cameras\/([^/]+)\/health$/.exec(pathname);
  if (health?.[1]) return { name: 'camera-health', cameraId: decodeURIComponent(health[1]) };
  if (pathname === '/audit') return { name: 'audit' };
  if (pathname === '/approvals') return { name: 'approvals' };
  if (pathname === '/reports') return { name: 'reports', query: q };
  if (pathname === '/requests') return { name: 'requests' };
  if (pathname === '/incidents') return { name: 'incidents', query: q };
  const incident = /^\/incidents\/(\d{1,15})$/.exec(pathname);
  if (incident?.[1]) return { name: 'incident', id: Number(incident[1]) };
  const review = /^\/review(?:\/([^/]+))?$/.exec(pathname);
  if (review) {
    return { name: 'review', cameraId: review[1] ? decodeURIComponent(review[1]) : null, day: q.get('day'), at: q.get('t') };
  }
  const focus = /^\/focus\/([^/]+)$/.exec(pathname);
  if (focus?.[1]) return { name: 'focus', cameraId: decodeURIComponent(focus[1]) };
  const page = Number.parseInt(q.get('page') ?? '1', 10);
  return { name: 'wall', page: Number.isFinite(page) && page > 1 ? page - 1 : 0 };
}

export interface Router {
  current(): Route;
  navigate(path: string, opts?: { replace?: boolean }): void;
  replaceUrl(path: string): void;
  back(fallback: string): void;
  destroy(): void;
}

interface HistoryState {
  depth: number;
}

export function createRouter(win: Window, onRoute: (route: Route) => void): Router {
  const depth = (): number => (win.history.state as HistoryState | null)?.depth ?? 0;
  const current = () => parseRoute(win.location.pathname, win.location.search);
  const emit = () => onRoute(current());

  const navigate = (path: string, opts: { replace?: boolean } = {}) => {
    if (opts.replace) win.history.replaceState({ depth: depth() } satisfies HistoryState, '', path);
    else win.history.pushState({ depth: depth() + 1 } satisfies HistoryState, '', path);
    emit();
  };

  const onClick = (ev: MouseEvent) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.('a[data-link]');
    if (!(a instanceof HTMLAnchorElement) || a.origin !== win.location.origin) return;
    ev.preventDefault();
    const path = a.pathname + a.search;
    if (path !== win.location.pathname + win.location.search) navigate(path);
  };
  win.document.addEventListener('click', onClick);
  win.addEventListener('popstate', emit);
  if (win.history.state === null) win.history.replaceState({ depth: 0 } satisfies HistoryState, '');

  return {
    current,
    navigate,
    replaceUrl: (path) => win.history.replaceState({ depth: depth() } satisfies HistoryState, '', path),
    back(fallback) {
      if (depth() > 0) win.history.back();
      else navigate(fallback, { replace: true });
    },
    destroy() {
      win.document.removeEventListener('click', onClick);
      win.removeEventListener('popstate', emit);
    },
  };
}
