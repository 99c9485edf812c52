// One-time invitations of residents. A staff member invites a named person into an area; the person follows the link
// (or types the short code), chooses a user name and a password, and is a resident of that area, signed in. There is
// no open sign-up: every resident is vouched for by the staff member who invited or created them.
// The link token (192 bits) and the code (8 characters, ~39 bits) are shown once and stored only as SHA-256;
// guessing is bounded by a per-address limiter like the login's. Valid 7 days.
import crypto from 'node:crypto';
import { inScope, isStaff } from '../access/permissions.ts';
import type { InvitationDto, InvitationStatus, NewInvitationDto, SessionUserDto } from '../contracts.ts';
import type { InvitationRow, InvitationsRepo } from '../db/invitations-repo.ts';
import type { UsersRepo } from '../db/users-repo.ts';
import { AppError } from '../errors.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { LoginRateLimiter } from '../auth/login-rate-limiter.ts';
import type { PasswordHasher } from '../auth/password-hash.ts';
import { checkNewPassword } from '../auth/password-rules.ts';
import { normalizeUsername } from '../auth/user-service.ts';
import type { AreaService } from './area-service.ts';
import type { AcceptInvitation, CreateInvitation, InvitationSecret } from './invitation-schemas.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
/** no 0/O, 1/I/L, U/V: readable aloud and off a phone screen */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const CODE_LENGTH = 8;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The code as typed (any case, spaces, dashes) → the form that is hashed. */
export function normalizeCode(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** 8 characters of the alphabet, shown as XXXX-XXXX. */
export function newCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function statusOf(i: Pick<InvitationRow, 'usedAt' | 'revokedAt' | 'expiresAt'>, now = Date.now()): InvitationStatus {
  if (i.usedAt) return 'used';
  if (i.revokedAt) return 'revoked';
  return Date.parse(i.expiresAt) <= now ? 'expired' : 'open';
}

const toDto = (i: InvitationRow): InvitationDto => ({
  id: i.id, displayName: i.displayName, areaId: i.areaId, status: statusOf(i), createdBy: i.createdBy,
  createdAt: i.createdAt, expiresAt: i.expiresAt, usedAt: i.usedAt,
});

const CLOSED: Record<Exclude<InvitationStatus, 'open'>, () => AppError> = {
  used: () => new AppError('invitation-used', 'This invitation has already been used.'),
  revoked: () => new AppError('invitation-revoked', 'This invitation was withdrawn.'),
  expired: () => new AppError('invitation-expired', 'This invitation has expired: ask for a new one.'),
};

export interface InvitationDeps {
  repo: InvitationsRepo;
  users: UsersRepo;
  areas: AreaService;
  auth: AuthService;
  hasher: PasswordHasher;
  /** its own instance: guessing invitations and guessing passwords are bounded separately */
  limiter: LoginRateLimiter;
}

export class InvitationService {
  constructor(private readonly d: InvitationDeps) {}

  /** Staff invite a person into an area within their own limits. The token and the code are in this answer only. */
  create(body: CreateInvitation, actor: SessionUserDto): NewInvitationDto {
    this.assertStaffFor(actor, body.areaId);
    this.d.areas.get(body.areaId);
    for (;;) {
      const token = crypto.randomBytes(24).toString('base64url');
      const code = newCode();
      try {
        const id = this.d.repo.insert({
          displayName: body.displayName, areaId: body.areaId, tokenHash: sha256(token), codeHash: sha256(normalizeCode(code)),
          createdBy: actor.id, expiresAt: new Date(Date.now() + INVITATION_TTL_MS).toISOString(),
        });
        return { ...toDto(this.d.repo.byId(id)!), path: `/invite/${token}`, code };
      } catch (err) {
        // a code already given (one in ~10^11): draw both again
        if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
      }
    }
  }

  /** Invitations into the areas the staff member may act in, newest first. */
  list(actor: SessionUserDto): InvitationDto[] {
    if (!isStaff(actor.role)) throw new AppError('forbidden', 'Your role does not allow this action.');
    return this.d.repo.list(actor.areaScope).map(toDto);
  }

  /** Withdraws an invitation not yet used (again: nothing changes). */
  revoke(id: number, actor: SessionUserDto): InvitationDto {
    const row = Number.isSafeInteger(id) ? this.d.repo.byId(id) : undefined;
    if (!row || !isStaff(actor.role) || !inScope(actor, row.areaId)) {
      throw new AppError('invitation-not-found', `Invitation ${id} does not exist.`);
    }
    if (row.usedAt) throw CLOSED.used();
    this.d.repo.revoke(id, new Date().toISOString());
    return toDto(this.d.repo.byId(id)!);
  }

  /** Public: whom an open invitation is for and where (nothing else). Counted against the address. */
  lookup(secret: InvitationSecret, ip: string): { displayName: string; areaName: string } {
    const row = this.open(secret, ip);
    return { displayName: row.displayName, areaName: this.d.areas.pathName(row.areaId) };
  }

  /** Public: the invited person becomes a resident of the area and is signed in (the caller sets the cookie). */
  async accept(body: AcceptInvitation, client: { ip: string; userAgent: string | null }) {
    const invitation = this.open(body, client.ip);
    const username = normalizeUsername(body.username);
    checkNewPassword(body.password);
    this.assertUsernameFree(username);
    const passwordHash = await this.d.hasher.hash(body.password);
    const userId = this.d.repo.transaction(() => {
      this.assertUsernameFree(username); // hashing yielded the event loop
      const id = this.d.users.insert({
        username, displayName: invitation.displayName, role: 'resident', passwordHash,
        areaId: invitation.areaId, invitedBy: invitation.createdById,
      });
      if (!this.d.repo.markUsed(invitation.id, id, new Date().toISOString())) {
        throw CLOSED[statusOf(this.d.repo.byId(invitation.id)!) as Exclude<InvitationStatus, 'open'>]?.() ?? CLOSED.used();
      }
      return id;
    });
    return this.d.auth.openSession(this.d.users.byId(userId)!, client);
  }

  /** The open invitation behind a token or code; a wrong, used, withdrawn or expired one counts as a failed attempt. */
  private open(secret: InvitationSecret, ip: string): InvitationRow {
    let attempt;
    try {
      attempt = this.d.limiter.begin(ip, `invitation@${ip}`);
    } catch (err) {
      // the limiter's account lock is, here, the address's: say "too many attempts", not "account locked"
      if (err instanceof AppError && err.code === 'account-locked') {
        throw new AppError('too-many-attempts', 'Too many wrong invitation codes from this address. Try again later.', err.details);
      }
      throw err;
    }
    const row = secret.token !== undefined
      ? this.d.repo.bySecretHash('token', sha256(secret.token))
      : this.d.repo.bySecretHash('code', sha256(normalizeCode(secret.code ?? '')));
    const status = row && statusOf(row);
    if (!row || status !== 'open') {
      attempt.failed();
      if (!row) throw new AppError('invitation-not-found', 'No invitation has this link or code. Check it and try again.');
      throw CLOSED[status as Exclude<InvitationStatus, 'open'>]();
    }
    attempt.succeeded();
    return row;
  }

  private assertStaffFor(actor: SessionUserDto, areaId: number): void {
    if (!isStaff(actor.role)) throw new AppError('forbidden', 'Your role does not allow this action.');
    if (!inScope(actor, areaId)) throw new AppError('forbidden', 'This area is outside the areas you work in.');
  }

  private assertUsernameFree(username: string): void {
    if (this.d.users.byUsername(username)) throw new AppError('username-taken', `The user name "${username}" is already in use.`);
  }
}
