// Migration 004 on a real SQLite file that already holds cameras: they survive the table rebuild with their
// recording settings, and the new source kinds, groups and stream keys fit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CamerasRepo } from '../../../server/db/cameras-repo.ts';
import { migrate, openDatabase } from '../../../server/db/database.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-004-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('migration 004-camera-sources', () => {
  it('keeps existing cameras and accepts every source kind', () => {
    const all = path.resolve('server/db/migrations');
    const before = path.join(dir, 'before');
    fs.mkdirSync(before);
    for (const f of fs.readdirSync(all).filter((f) => f < '004')) fs.copyFileSync(path.join(all, f), path.join(before, f));
    const db = openDatabase(path.join(dir, 'hub.sqlite'));
    expect(migrate(db, before)).toEqual([1, 2, 3]);
    const now = '2025-05-01T00:00:00.000Z';
    db.prepare(`INSERT INTO cameras (id, name, source_kind, main_url, main_password_enc, sub_url, is_demo, recording_mode,
      retention_days, created_at, updated_at) VALUES ('cam-1', 'Cổng', 'rtsp', 'rtsp://a@h/x', 'v1.a.b.c', 'rtsp://a@h/y', 0,
      'continuous', 14, ?, ?)`).run(now, now);
    db.prepare(`INSERT INTO cameras (id, name, source_kind, demo_pattern, is_demo, created_at, updated_at)
      VALUES ('demo-1', 'Demo', 'demo', 'testsrc2', 1, ?, ?)`).run(now, now);

    // 004 and every migration after it apply to the old database
    const later = fs.readdirSync(all).filter((f) => f >= '004' && f.endsWith('.sql')).map((f) => Number(f.slice(0, 3)));
    expect(later[0]).toBe(4);
    expect(migrate(db)).toEqual(later);
    const repo = new CamerasRepo(db);
    expect(repo.get('cam-1')).toMatchObject({
      name: 'Cổng', sourceKind: 'rtsp', mainUrl: 'rtsp://a@h/x', mainPasswordEnc: 'v1.a.b.c', subUrl: 'rtsp://a@h/y',
      recordingMode: 'continuous', retentionDays: 14, createdAt: now, ptz: false, groupId: null, streamKeyHash: null,
    });
    expect(repo.get('demo-1')).toMatchObject({ sourceKind: 'demo', isDemo: true, demoPattern: 'testsrc2' });

    const common = { mainPasswordEnc: null, subUrl: null, subPasswordEnc: null, demoPattern: null, isDemo: false };
    repo.insertMany([
      { ...common, id: 'cam-o', name: 'O', sourceKind: 'onvif', mainUrl: 'rtsp://h/m', deviceHost: 'h', devicePort: 80, ptz: true, onvifAuth: 'digest' },
      { ...common, id: 'cam-n1', name: 'N1', sourceKind: 'nvr', mainUrl: 'rtsp://n/1', groupId: 'grp-1', groupName: 'Đầu thu', nvrChannel: 1 },
      { ...common, id: 'cam-r', name: 'R', sourceKind: 'rtmp-push', mainUrl: null, streamKeyEnc: 'v1.x', streamKeyHash: 'ab'.repeat(32) },
    ]);
    expect(repo.get('cam-o')).toMatchObject({ ptz: true, onvifAuth: 'digest', deviceHost: 'h' });
    expect(repo.byStreamKeyHash('ab'.repeat(32))?.id).toBe('cam-r');
    expect(repo.streamKeyHashes()).toEqual(['ab'.repeat(32)]);
    expect(repo.countKind('nvr')).toBe(1);

    // all or nothing: a duplicate stream key hash rolls the whole batch back
    expect(() => repo.insertMany([
      { ...common, id: 'cam-n2', name: 'N2', sourceKind: 'nvr', mainUrl: 'rtsp://n/2' },
      { ...common, id: 'cam-r2', name: 'R2', sourceKind: 'rtmp-push', mainUrl: null, streamKeyHash: 'ab'.repeat(32) },
    ])).toThrow(/UNIQUE/);
    expect(repo.get('cam-n2')).toBeUndefined();
    expect(() => db.prepare(`INSERT INTO cameras (id, name, source_kind, created_at, updated_at) VALUES ('x', 'x', 'webrtc', ?, ?)`)
      .run(now, now)).toThrow(/CHECK/);
    db.close();
  });
});
