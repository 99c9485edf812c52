// RTMP stream keys: 32 random bytes, base64url (43 characters of [A-Za-z0-9_-], what node-media-server accepts in
// a stream name). Stored sealed; their SHA-256 finds the camera of a publish without decrypting anything.
import { createHash, randomBytes } from 'node:crypto';

export function newStreamKey(): string {
  return randomBytes(32).toString('base64url');
}

export function hashStreamKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
