// Addresses of areas and invitations: /areas (admins), /invitations (staff), and the invited person's public pages
// /invite/:token (from the link) and /invite (type the code). router.ts asks parseAreaRoute; app.ts shows the
// public ones with or without a session.
import type { MessageKey } from '../../i18n/i18n.ts';

export type AreaRoute =
  | { name: 'areas' }
  | { name: 'invitations' }
  | { name: 'invite'; token: string | null };

export type AreaRouteName = AreaRoute['name'];

export function parseAreaRoute(pathname: string): AreaRoute | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/areas') return { name: 'areas' };
  if (path === '/invitations') return { name: 'invitations' };
  if (path === '/invite') return { name: 'invite', token: null };
  const link = /^\/invite\/([A-Za-z0-9_-]{1,100})$/.exec(path);
  if (link?.[1]) return { name: 'invite', token: link[1] };
  return null;
}

export const AREA_NAV_OF: Record<AreaRouteName, 'areas' | 'invitations' | null> = {
  areas: 'areas',
  invitations: 'invitations',
  invite: null,
};

export const AREA_TITLE_OF: Record<AreaRouteName, MessageKey> = {
  areas: 'areas.title',
  invitations: 'inv.title',
  invite: 'invite.title',
};
