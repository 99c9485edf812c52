// /api/areas and /api/invitations: the commune's areas (admins shape them) and residents' invitations (staff), plus
// the two public invitation routes (no session: the invited person's page).
import type { AreaDto, InvitationDto, NewInvitationDto, SessionUserDto } from '../../../server/contracts.ts';
import { createHttpClient, type HttpClient } from './http-client.ts';

/** the link token (from /invite/<token>) or the short code the person typed */
export type InvitationSecret = { token: string } | { code: string };

export interface AreasApi {
  list(): Promise<AreaDto[]>;
  create(name: string, parentId: number | null): Promise<AreaDto>;
  update(id: number, patch: { name?: string; parentId?: number | null }): Promise<AreaDto>;
  remove(id: number): Promise<void>;
}

export interface InvitationsApi {
  list(): Promise<InvitationDto[]>;
  create(displayName: string, areaId: number): Promise<NewInvitationDto>;
  revoke(id: number): Promise<void>;
  /** public: whom the invitation is for and where */
  lookup(secret: InvitationSecret): Promise<{ displayName: string; areaName: string }>;
  /** public: creates the resident and signs them in (the cookie is set by the answer) */
  accept(secret: InvitationSecret, username: string, password: string): Promise<SessionUserDto>;
}

export function createAreasApi(http: HttpClient): AreasApi {
  return {
    list: async () => (await http.get<{ areas: AreaDto[] }>('/api/areas')).areas,
    create: async (name, parentId) => (await http.post<{ area: AreaDto }>('/api/areas', { name, parentId })).area,
    update: async (id, patch) => (await http.patch<{ area: AreaDto }>(`/api/areas/${id}`, patch)).area,
    remove: (id) => http.delete(`/api/areas/${id}`),
  };
}

export function createInvitationsApi(http: HttpClient): InvitationsApi {
  return {
    list: async () => (await http.get<{ invitations: InvitationDto[] }>('/api/invitations')).invitations,
    create: async (displayName, areaId) =>
      (await http.post<{ invitation: NewInvitationDto }>('/api/invitations', { displayName, areaId })).invitation,
    revoke: (id) => http.delete(`/api/invitations/${id}`),
    lookup: (secret) => http.post('/api/invitations/lookup', secret),
    accept: async (secret, username, password) =>
      (await http.post<{ user: SessionUserDto }>('/api/invitations/accept', { ...secret, username, password })).user,
  };
}

/** The APIs for a signed-in page (a 401 means the session ended). */
export function areaApisFor(sessionExpired: () => void) {
  const http = createHttpClient({ onUnauthorized: sessionExpired });
  return { areasApi: createAreasApi(http), invitationsApi: createInvitationsApi(http) };
}

/** The invitation API for the invited person's page, who has no session (a 401 would mean nothing here). */
export function publicInvitationsApi(): InvitationsApi {
  return createInvitationsApi(createHttpClient({ onUnauthorized: () => undefined }));
}
