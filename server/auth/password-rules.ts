// Rules for every new password (created users, resets by an admin, one's own change): long enough and of mixed
// kinds, so that a name or a number alone is refused. Stable codes: password-too-short, password-too-weak.
import crypto from 'node:crypto';
import { AppError } from '../errors.ts';

export const MIN_PASSWORD_LENGTH = 10;

export function checkNewPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError('password-too-short', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) {
    throw new AppError('password-too-weak', 'A password needs both letters and digits (for example two words and a number).');
  }
}

/** A random password that passes the rules (the first admin's, printed once). */
export function generatePassword(): string {
  for (;;) {
    const p = crypto.randomBytes(12).toString('base64url');
    if (/[a-zA-Z]/.test(p) && /\d/.test(p)) return p;
  }
}
