import crypto from 'node:crypto';
import type { Role, SessionUserDto, UserDto } from '../contracts.ts';
import type { SessionsRepo } from '../db/sessions-repo.ts';
import type { UserRow, UsersRepo } from '../db/users-repo.ts';
import { AppError } from '../errors.ts';
import type { LoginRateLimiter } from './login-rate-limiter.ts';
import { PasswordHasher } from './password-hash.ts';
import { generatePassword } from './password-rules.ts';

export interface AuthedSession {
  user: SessionUserDto;
  /** SHA-256 of the cookie token: identifies the session without holding the secret */
  sessionId: string;
}

/** last_seen_at is written at most this often (and at least four times per idle timeout) */
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function toUserDto(u: UserRow): UserDto {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, areaId: u.areaId };
}

/** The signed-in user's own view of themselves: the areas they may act in, the must-change flag when it is set. */
export function toOwnUserDto(u: UserRow, areaScope: number[] | null): SessionUserDto {
  return { ...toUserDto(u), areaScope, ...(u.mustChangePassword ? { mustChangePassword: true } : {}) };
}

export class AuthService {
  /** compared against when the user does not exist, so the answer's timing does not reveal it */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UsersRepo,
    private readonly sessions: SessionsRepo,
    private readonly limiter: LoginRateLimiter,
    /** absolute lifetime of a session, however busy */
    private readonly sessionTtlMs: number,
    /** shared with UserService: one bound on hashing for the whole hub */
    private readonly hasher = new PasswordHasher(),
    /** a session unused this long ends */
    private readonly sessionIdleMs = 12 * 3600_000,
  ) {}

  /**
   * Creates the first admin when there is no user at all. Returns the password to print when it was generated;
   * a generated one must be changed at the first login (one the operator chose in HUB_ADMIN_PASSWORD need not).
   */
  async ensureFirstAdmin(configured?: string): Promise<{ created: boolean; password?: string }> {
    if (this.users.count() > 0) return { created: false };
    const password = configured ?? generatePassword();
    await this.createUser({ username: 'admin', displayName: 'Quản trị viên', role: 'admin', password, mustChangePassword: !configured });
    return { created: true, password: configured ? undefined : password };
  }

  async createUser(u: {
    username: string; displayName: string; role: Role; password: string; mustChangePassword?: boolean;
    areaId?: number | null; invitedBy?: number | null;
  }): Promise<number> {
    return this.users.insert({ ...u, passwordHash: await this.hasher.hash(u.password) });
  }

  async login(username: string, password: string, client: { ip: string; userAgent: string | null }) {
    // counted from here, before the hash is awaited: parallel guesses cannot pass the limits
    const attempt = this.limiter.begin(client.ip, username);
    let user: UserRow | undefined;
    let ok = false;
    try {
      user = this.users.byUsername(username);
      this.dummyHash ??= this.hasher.hash(crypto.randomBytes(16).toString('hex'));
      ok = await this.hasher.verify(password, user?.passwordHash ?? (await this.dummyHash));
    } finally {
      if (!user || !ok || user.disabled) attempt.failed();
      else attempt.succeeded();
    }
    if (!user || !ok || user.disabled) throw new AppError('invalid-credentials', 'Wrong user name or password.');
    return this.openSession(user, client);
  }

  /** A new session for a user who proved who they are (a login, an accepted invitation): the cookie token. */
  openSession(user: UserRow, client: { ip: string; userAgent: string | null }) {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionTtlMs);
    this.sessions.insert({
      tokenHash: hashToken(token), userId: user.id, expiresAt: expiresAt.toISOString(),
      ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return { token, expiresAt, user: toOwnUserDto(user, this.users.areaScope(user.id)) };
  }

  /**
   * The session behind a cookie token, or undefined when it is unknown, expired, idle too long or its user is
   * disabled. A session whose (generated) password must be changed counts only where `passwordChange` says the
   * caller lets it change it (the HTTP middleware); sockets and streams never see it.
   */
  authenticate(token: string | undefined, opts: { passwordChange?: boolean } = {}): AuthedSession | undefined {
    if (!token || token.length > 200) return undefined;
    const sessionId = hashToken(token);
    const s = this.sessions.get(sessionId);
    if (!s) return undefined;
    const now = Date.now();
    const unused = now - Date.parse(s.lastSeenAt);
    if (Date.parse(s.expiresAt) <= now || unused >= this.sessionIdleMs) {
      this.sessions.delete(sessionId);
      return undefined;
    }
    const user = this.users.byId(s.userId);
    if (!user || user.disabled || (user.mustChangePassword && !opts.passwordChange)) return undefined;
    if (unused > Math.min(TOUCH_EVERY_MS, this.sessionIdleMs / 4)) this.sessions.touch(sessionId, new Date(now).toISOString());
    return { user: toOwnUserDto(user, this.users.areaScope(user.id)), sessionId };
  }

  /**
   * Whether a session is still valid (not expired, not idle too long, its user active), without counting as
   * activity: the sockets check this every second, so an expired session's sockets close within one.
   */
  isActive(sessionId: string): boolean {
    const s = this.sessions.get(sessionId);
    if (!s) return false;
    const now = Date.now();
    if (Date.parse(s.expiresAt) <= now || now - Date.parse(s.lastSeenAt) >= this.sessionIdleMs) return false;
    const user = this.users.byId(s.userId);
    return !!user && !user.disabled && !user.mustChangePassword;
  }

  logout(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  purgeExpired(): number {
    const now = Date.now();
    return this.sessions.deleteExpired(new Date(now).toISOString(), new Date(now - this.sessionIdleMs).toISOString());
  }
}
