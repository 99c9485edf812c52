// /api/auth/*: log in, log out, who am I.
import type { UserDto } from '../../../server/contracts.ts';
import { ApiError, type HttpClient } from './http-client.ts';

export interface AuthApi {
  login(username: string, password: string): Promise<UserDto>;
  logout(): Promise<void>;
  /** The signed-in user, or null when there is no valid session. */
  me(): Promise<UserDto | null>;
}

export function createAuthApi(http: HttpClient): AuthApi {
  return {
    login: async (username, password) =>
      (await http.post<{ user: UserDto }>('/api/auth/login', { username, password })).user,
    logout: () => http.post<void>('/api/auth/logout'),
    me: async () => {
      try {
        return (await http.get<{ user: UserDto }>('/api/auth/me')).user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
  };
}
