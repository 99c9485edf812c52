// The resident app's addresses: /my, /my/cameras/new, /my/cameras/:id, /my/neighbourhood, /my/requests,
// /my/access, and /notice/:cameraId (the printed notice, staff too). router.ts asks parseResidentRoute first.
import type { MessageKey } from '../../i18n/i18n.ts';
import type { ResidentNavTarget } from './resident-nav.ts';

export type ResidentRoute =
  | { name: 'my' }
  | { name: 'my-new' }
  | { name: 'my-camera'; cameraId: string }
  | { name: 'neighbourhood' }
  | { name: 'my-requests' }
  | { name: 'my-access' }
  | { name: 'notice'; cameraId: string };

export type ResidentRouteName = ResidentRoute['name'];

export function parseResidentRoute(pathname: string): ResidentRoute | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/my') return { name: 'my' };
  if (path === '/my/cameras/new') return { name: 'my-new' };
  if (path === '/my/neighbourhood') return { name: 'neighbourhood' };
  if (path === '/my/requests') return { name: 'my-requests' };
  if (path === '/my/access') return { name: 'my-access' };
  const camera = /^\/my\/cameras\/([^/]+)$/.exec(path);
  if (camera?.[1]) return { name: 'my-camera', cameraId: decodeURIComponent(camera[1]) };
  const notice = /^\/notice\/([^/]+)$/.exec(path);
  if (notice?.[1]) return { name: 'notice', cameraId: decodeURIComponent(notice[1]) };
  return null;
}

export const RESIDENT_NAV_OF: Record<ResidentRouteName, ResidentNavTarget | null> = {
  my: 'my',
  'my-new': 'my',
  'my-camera': 'my',
  neighbourhood: 'neighbourhood',
  'my-requests': 'my-requests',
  'my-access': 'my-access',
  notice: null,
};

export const RESIDENT_TITLE_OF: Record<ResidentRouteName, MessageKey> = {
  my: 'my.title',
  'my-new': 'my.new.title',
  'my-camera': 'my.title',
  neighbourhood: 'my.neighbourhood.title',
  'my-requests': 'my.nav.requests',
  'my-access': 'my.access.title',
  notice: 'notice.title',
};

const RESIDENT_NAMES = new Set<string>(Object.keys(RESIDENT_TITLE_OF));

export function isResidentRoute(route: { name: string }): route is ResidentRoute {
  return RESIDENT_NAMES.has(route.name);
}
