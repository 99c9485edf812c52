import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKey, SecretBox } from '../../../server/cameras/secret-box.ts';

describe('SecretBox', () => {
  it('round-trips, never shows the plain text, and detects tampering', () => {
    const box = new SecretBox(Buffer.alloc(32, 7));
    const sealed = box.encrypt('hunter2-mật-khẩu');
    expect(sealed).not.toContain('hunter2');
    expect(box.encrypt('hunter2-mật-khẩu')).not.toBe(sealed); // fresh IV each time
    expect(box.decrypt(sealed)).toBe('hunter2-mật-khẩu');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0]! ^= 1;
    parts[3] = data.toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 8)).decrypt(sealed)).toThrow();
  });

  it('creates the key file once, mode 600, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'key-'));
    const k1 = loadSecretKey(dir);
    const k2 = loadSecretKey(dir);
    expect(k1.equals(k2)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(dir, 'ab'.repeat(32)).equals(Buffer.alloc(32, 0xab))).toBe(true);
  });
});
