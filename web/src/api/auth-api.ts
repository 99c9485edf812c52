// /api/auth/*: log in, log out, who am I.
import type { SessionUserDto } from '../../../server/contracts.ts';
import { ApiError, type HttpClient } from './http-client.ts';

export interface AuthApi {
  login(username: string, password: string): Promise<SessionUserDto>;
  logout(): Promise<void>;
  /** The signed-in user, or null when there is no valid session. */
  me(): Promise<SessionUserDto | null>;
}

export function createAuthApi(http: HttpClient): AuthApi {
  return {
    login: async (username, password) =>
      (await http.post<{ user: SessionUserDto }>('/api/auth/login', { username, password })).user,
    logout: () => http.post<void>('/api/auth/logout'),
    me: async () => {
      try {
        return (await http.get<{ user: SessionUserDto }>('/api/auth/me')).user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
  };
}
