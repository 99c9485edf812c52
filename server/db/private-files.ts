// The hub's private files: the database (camera passwords encrypted in it, users' hashes, the custody log), the
// secret key that decrypts camera passwords, the TLS key and the evidence clips. Created owner-only (the hub sets
// umask 077), and tightened at every start in case an older install or a copy left them readable by others.
import fs from 'node:fs';
import path from 'node:path';

/** the data directory's sub-folders that are walked whole (recordings are not: there are too many, and less secret) */
const PRIVATE_TREES = ['evidence', 'tls'];

function tighten(p: string, want: number, fixed: string[]): void {
  const mode = fs.statSync(p).mode & 0o777;
  if ((mode & ~want) !== 0) {
    fs.chmodSync(p, mode & want);
    fixed.push(p);
  }
}

function walk(dir: string, fixed: string[]): void {
  tighten(dir, 0o700, fixed);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, fixed);
    else if (e.isFile()) tighten(p, 0o600, fixed);
  }
}

/**
 * Makes the data directory 0700, its files 0600 and the evidence (created when missing) and TLS folders
 * owner-only throughout. Returns what it had to change.
 */
export function makeDataPrivate(dataDir: string): string[] {
  const fixed: string[] = [];
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(dataDir, 'evidence'), { recursive: true, mode: 0o700 });
  tighten(dataDir, 0o700, fixed);
  for (const e of fs.readdirSync(dataDir, { withFileTypes: true })) {
    const p = path.join(dataDir, e.name);
    if (e.isFile()) tighten(p, 0o600, fixed);
    else if (e.isDirectory() && PRIVATE_TREES.includes(e.name)) walk(p, fixed);
  }
  return fixed;
}
