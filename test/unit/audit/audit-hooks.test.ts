// The pieces that feed the log from outside HTTP routes: the client address of a raw upgrade request, computed as
// express computes req.ip (same trust function), and the live push view hook (start, one end with the duration).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientAddress } from '../../../server/audit/audit-http.ts';
import { AuditService } from '../../../server/audit/audit-service.ts';
import { livePushViewAudit } from '../../../server/audit/live-push-audit.ts';
import { AuditRepo } from '../../../server/db/audit-repo.ts';
import { migrate, openDatabase, type Db } from '../../../server/db/database.ts';

/** express's own compiled trust function for a trust proxy setting */
function trustFn(setting: unknown): (addr: string, hop: number) => boolean {
  const app = express();
  app.set('trust proxy', setting);
  return app.get('trust proxy fn');
}

const req = (peer: string, xff?: string) => ({ socket: { remoteAddress: peer }, headers: xff ? { 'x-forwarded-for': xff } : {} });

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    expect(clientAddress(req('127.0.0.1', '203.0.113.7'), trustFn(false))).toBe('127.0.0.1');
  });

  it('takes as many hops from X-Forwarded-For as are trusted', async () => {
    expect(clientAddress(req('127.0.0.1', '198.51.100.1, 203.0.113.7'), trustFn(1))).toBe('203.0.113.7');
    expect(clientAddress(req('127.0.0.1', '198.51.100.1, 203.0.113.7'), trustFn(2))).toBe('198.51.100.1');
    expect(clientAddress(req('127.0.0.1', '198.51.100.1, 203.0.113.7'), trustFn(5))).toBe('198.51.100.1');
    expect(clientAddress(req('127.0.0.1'), trustFn(1))).toBe('127.0.0.1');
  });

  it('trusts a list of proxies only when the hop is one of them', async () => {
    const trust = trustFn(['127.0.0.1']);
    expect(clientAddress(req('127.0.0.1', '203.0.113.7'), trust)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.9', '203.0.113.7'), trust)).toBe('10.0.0.9');
    // a forged entry before our proxy's is not believed: the proxy appended the real client last
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 203.0.113.7'), trust)).toBe('203.0.113.7');
  });

  it('is null for a socket already gone', async () => {
    expect(clientAddress({ socket: {}, headers: {} }, trustFn(false))).toBeNull();
  });
});

describe('livePushViewAudit', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-hooks-'));
    db = openDatabase(path.join(dir, 'hub.sqlite'));
    migrate(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a start at once and one end, with how long the view lasted', async () => {
    let clock = Date.UTC(2026, 10, 25, 2, 0, 0);
    const audit = new AuditService(new AuditRepo(db), { dedupWindowMs: 600_000, now: () => clock });
    const started = livePushViewAudit(audit, () => clock);
    const user = { id: 3, username: 'nam.ca', displayName: 'Trần Văn Nam', role: 'police' as const };
    const end = started({ user, cameraId: 'cam-1', stream: 'sub', ip: '203.0.113.7' });
    expect(audit.list({}).entries.map((e) => [e.action, e.detail])).toEqual([['live-view-start', 'push sub']]);
    clock += 95_400;
    end();
    end(); // a second call (socket closed after an unsubscribe) writes nothing
    const entries = audit.list({}).entries;
    expect(entries.map((e) => [e.action, e.detail, e.cameraId, e.ip])).toEqual([
      ['live-view-end', 'push sub 95s', 'cam-1', '203.0.113.7'],
      ['live-view-start', 'push sub', 'cam-1', '203.0.113.7'],
    ]);
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });
});
