// /api/users and /api/auth/password: accounts (admins), the assignee list (staff), one's own password.
import type { AdminUserDto, Role, UserDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  /** residents: their area (required) */
  areaId?: number;
  /** staff: the areas they are limited to (empty = the whole commune) */
  areaLimits?: number[];
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
  areaId?: number;
  areaLimits?: number[];
}

export interface UsersApi {
  /** every account (admins only) */
  listAll(): Promise<AdminUserDto[]>;
  /** active admins, police and operators: who an incident can be given to */
  listStaff(): Promise<UserDto[]>;
  create(user: NewUser): Promise<AdminUserDto>;
  update(id: number, patch: UserPatch): Promise<AdminUserDto>;
  changeOwnPassword(currentPassword: string, newPassword: string): Promise<void>;
}

export function createUsersApi(http: HttpClient): UsersApi {
  return {
    listAll: async () => (await http.get<{ users: AdminUserDto[] }>('/api/users')).users,
    // admins get every account: keep the ones a police officer or operator would see
    listStaff: async () =>
      (await http.get<{ users: (UserDto & { disabled?: boolean })[] }>('/api/users')).users
        .filter((u) => u.role !== 'resident' && !u.disabled)
        .map(({ id, username, displayName, role, areaId }) => ({ id, username, displayName, role, areaId })),
    create: async (user) => (await http.post<{ user: AdminUserDto }>('/api/users', user)).user,
    update: async (id, patch) => (await http.patch<{ user: AdminUserDto }>(`/api/users/${id}`, patch)).user,
    changeOwnPassword: (currentPassword, newPassword) =>
      http.post<void>('/api/auth/password', { currentPassword, newPassword }),
  };
}
