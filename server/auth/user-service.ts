// User management: accounts for a commune's officers, operators and residents, and changing one's own password.
// Holds the rules (user name format, password length, last admin, no self-lockout); SQL stays in the repos.
import { EventEmitter } from 'node:events';
import { checkPlacement, sameLimits } from '../areas/placement.ts';
import type { AdminUserDto, UserDto } from '../contracts.ts';
import type { SessionsRepo } from '../db/sessions-repo.ts';
import type { UserPatch, UserRow, UsersRepo } from '../db/users-repo.ts';
import { AppError } from '../errors.ts';
import type { AuthedSession } from './auth-service.ts';
import { toUserDto } from './auth-service.ts';
import type { LoginRateLimiter } from './login-rate-limiter.ts';
import { PasswordHasher } from './password-hash.ts';
import { checkNewPassword as checkPassword } from './password-rules.ts';
import type { ChangePassword, CreateUser, UpdateUser } from './user-schemas.ts';

const USERNAME = /^[a-z0-9._-]{3,32}$/;

export interface UserEvents {
  /** the user's sessions were deleted (all but `keepSessionId`): close their sockets too */
  'sessions-ended': [{ userId: number; keepSessionId?: string }];
}

export function toAdminUserDto(u: UserRow, areaLimits: number[]): AdminUserDto {
  return { ...toUserDto(u), areaLimits, disabled: u.disabled, createdAt: u.createdAt, updatedAt: u.updatedAt };
}

/** User names are compared without case; they are stored lower-case. */
export function normalizeUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new AppError('username-invalid', 'A user name has 3 to 32 characters: letters a–z, digits, ".", "_" or "-".');
  }
  return username;
}

export class UserService extends EventEmitter<UserEvents> {
  constructor(
    private readonly users: UsersRepo,
    private readonly sessions: SessionsRepo,
    /** wrong current passwords count as failed logins of the address */
    private readonly limiter: LoginRateLimiter,
    /** which of the given area ids exist (AreasRepo.existing) */
    private readonly areasExisting: (ids: number[]) => number[],
    private readonly hasher = new PasswordHasher(),
  ) {
    super();
  }

  private adminDto(u: UserRow): AdminUserDto {
    return toAdminUserDto(u, this.users.areaLimits(u.id));
  }

  /** Admins see every account; police and operators see active staff (the assignee picker); residents nothing. */
  list(viewer: UserDto): AdminUserDto[] | UserDto[] {
    if (viewer.role === 'admin') return this.users.list().map((u) => this.adminDto(u));
    if (viewer.role === 'police' || viewer.role === 'operator') return this.users.activeStaff().map(toUserDto);
    throw new AppError('forbidden', 'Your role does not allow this action.');
  }

  async create(body: CreateUser): Promise<AdminUserDto> {
    const username = normalizeUsername(body.username);
    checkPassword(body.password);
    const placement = () => checkPlacement(body.role, { areaId: body.areaId ?? null, areaLimits: body.areaLimits ?? [] }, this.areasExisting);
    placement();
    this.assertUsernameFree(username);
    const passwordHash = await this.hasher.hash(body.password);
    this.assertUsernameFree(username); // hashing yields the event loop: someone may have taken it meanwhile
    const { areaId, areaLimits } = placement(); // and an area may have gone
    const id = this.users.insert({ username, displayName: body.displayName, role: body.role, passwordHash, areaId });
    this.users.setAreaLimits(id, areaLimits);
    return this.adminDto(this.users.byId(id)!);
  }

  /** An admin edits a user. Disabling, a new role, password, area or area limits end the user's sessions. */
  async update(id: number, body: UpdateUser, actor: AuthedSession): Promise<AdminUserDto> {
    if (body.password !== undefined) checkPassword(body.password);
    this.checkAccessChange(this.get(id), body, actor);
    this.placementAfter(this.get(id), body);
    const passwordHash = body.password === undefined ? undefined : await this.hasher.hash(body.password);
    const before = this.get(id);
    this.checkAccessChange(before, body, actor); // again: the hash took a while
    const limitsBefore = this.users.areaLimits(id);
    const { areaId, areaLimits } = this.placementAfter(before, body);
    const patch: UserPatch = { displayName: body.displayName, role: body.role, disabled: body.disabled, passwordHash, areaId };
    this.users.update(id, patch);
    this.users.setAreaLimits(id, areaLimits);
    const after = this.get(id);
    const accessChanged = passwordHash !== undefined || after.role !== before.role || (after.disabled && !before.disabled)
      || after.areaId !== before.areaId || !sameLimits(areaLimits, limitsBefore);
    // an admin resetting their own password keeps the session they are using
    if (accessChanged) this.endSessions(id, id === actor.user.id ? actor.sessionId : undefined);
    return this.adminDto(after);
  }

  /** Any signed-in user changes their own password; their other sessions end, this one stays. */
  async changeOwnPassword(body: ChangePassword, session: AuthedSession, ip: string): Promise<void> {
    const user = this.get(session.user.id);
    const attempt = this.limiter.begin(ip, user.username);
    let ok = false;
    try {
      ok = await this.hasher.verify(body.currentPassword, user.passwordHash);
    } finally {
      if (ok) attempt.succeeded();
      else attempt.failed();
    }
    if (!ok) throw new AppError('current-password-wrong', 'The current password is not right.');
    checkPassword(body.newPassword);
    if (body.newPassword === body.currentPassword && user.mustChangePassword) {
      throw new AppError('password-unchanged', 'Choose a new password, not the one you were given.');
    }
    this.users.update(user.id, { passwordHash: await this.hasher.hash(body.newPassword), mustChangePassword: false });
    this.endSessions(user.id, session.sessionId);
  }

  /** what a user's areas become with this edit (a new resident drops the staff limits they had) */
  private placementAfter(before: UserRow, body: UpdateUser) {
    const role = body.role ?? before.role;
    const areaLimits = body.areaLimits ?? (role === 'resident' ? [] : this.users.areaLimits(before.id));
    return checkPlacement(role, { areaId: body.areaId === undefined ? before.areaId : body.areaId, areaLimits }, this.areasExisting);
  }

  /** A user's areas as the permission rules see them (limits with everything under them; null = the whole commune). */
  areaScope(userId: number): number[] | null {
    return this.users.areaScope(userId);
  }

  private get(id: number): UserRow {
    const u = Number.isSafeInteger(id) ? this.users.byId(id) : undefined;
    if (!u) throw new AppError('user-not-found', `User ${id} does not exist.`);
    return u;
  }

  private assertUsernameFree(username: string): void {
    if (this.users.byUsername(username)) {
      throw new AppError('username-taken', `The user name "${username}" is already in use.`);
    }
  }

  /** The hub must always keep an active admin, and an admin cannot lock themselves out. */
  private checkAccessChange(target: UserRow, body: UpdateUser, actor: AuthedSession): void {
    const losesAdmin = target.role === 'admin' && !target.disabled
      && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'));
    if (!losesAdmin) return;
    if (this.users.countActiveAdmins() <= 1) {
      throw new AppError('last-admin', 'This is the last active admin: the hub needs at least one.');
    }
    if (target.id === actor.user.id) {
      throw new AppError('cannot-demote-self', 'You cannot disable your own account or take away your own admin role.');
    }
  }

  /** Ends a user's sessions (all but `keepSessionId`); their sockets close on the 'sessions-ended' event. */
  endSessions(userId: number, keepSessionId?: string): void {
    this.sessions.deleteByUser(userId, keepSessionId);
    this.emit('sessions-ended', { userId, keepSessionId });
  }
}
