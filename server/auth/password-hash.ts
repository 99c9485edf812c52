import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions,
) => Promise<Buffer>;

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash (OWASP's minimum for scrypt is 2^17 with r=8, p=1
// at 128 MiB; 2^15 keeps a 2-core police-post box responsive under a burst of logins).
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEYLEN = 32;

/** Format: scrypt$N$r$p$salt(base64)$hash(base64) — parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: 128 * PARAMS.N * PARAMS.r * 2 });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const N = Number(n), R = Number(r), P = Number(p);
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N, r: R, p: P, maxmem: 128 * N * R * 2,
  });
  return crypto.timingSafeEqual(actual, expected);
}

/**
 * Password hashing with bounded concurrency. scrypt runs on libuv's thread pool (4 threads), which file I/O shares:
 * unbounded, a burst of logins queues dozens of 32 MiB hashes ahead of every file read and write (the recorder's
 * included). At most `maxConcurrent` hashes run at once; the others wait here, in JavaScript, not in the pool.
 */
export class PasswordHasher {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly maxConcurrent = 2) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new Error('maxConcurrent must be a positive integer');
  }

  hash(password: string): Promise<string> {
    return this.run(() => hashPassword(password));
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.run(() => verifyPassword(password, stored));
  }

  /** hashes running and waiting right now */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  private async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes on: `active` stays the same
      else this.active--;
    }
  }
}
