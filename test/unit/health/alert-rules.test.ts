// The offline alert timer with an injected clock: an alert only after the configured minutes offline, none for a
// shorter outage or a camera that went idle (nobody wants it), back online closes it; real SQLite for the store.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../server/db/database.ts';
import { HealthRepo } from '../../../server/db/health-repo.ts';
import { AlertRules, type Clock } from '../../../server/health/alert-rules.ts';
import { AlertService } from '../../../server/health/alert-service.ts';
import { StatusHistory } from '../../../server/health/status-history.ts';
import type { AlertDto, SessionUserDto } from '../../../server/contracts.ts';

/** A clock the test moves by hand. */
class ManualClock implements Clock {
  t = Date.parse('2026-11-20T08:00:00Z');
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (h: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

const M = 60_000;
const admin: SessionUserDto = { id: 1, username: 'admin', displayName: 'Quản trị', role: 'admin', areaId: null, areaScope: null };
const police: SessionUserDto = { id: 2, username: 'nam', displayName: 'Trần Văn Nam', role: 'police', areaId: null, areaScope: null };

let clock: ManualClock;
let repo: HealthRepo;
let alerts: AlertService;
let rules: AlertRules;
let created: AlertDto[];

beforeEach(() => {
  const db = new Database(':memory:');
  migrate(db);
  const now = new Date().toISOString();
  for (const u of [admin, police]) {
    db.prepare(`INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?)`)
      .run(u.id, u.username, u.displayName, u.role, now, now);
  }
  clock = new ManualClock();
  repo = new HealthRepo(db);
  alerts = new AlertService(repo, (id) => (id === 'cam-1' ? 'Cổng chợ' : null), clock.now);
  rules = new AlertRules(alerts, { offlineAlertMs: 5 * M }, clock);
  created = [];
  alerts.on('created', (a) => created.push(a));
});

describe('offline alert rules', () => {
  it('raises the alert only after the configured minutes offline, once, with the newest reason', () => {
    rules.onStatus('cam-1', 'offline', 'connection refused by the camera', clock.now());
    clock.advance(4 * M);
    rules.onStatus('cam-1', 'offline', 'no answer from the camera (timeout)', clock.now());
    clock.advance(59_000);
    expect(created).toEqual([]);
    clock.advance(1000);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      kind: 'camera-offline', severity: 'critical', cameraId: 'cam-1', cameraName: 'Cổng chợ',
      message: 'no answer from the camera (timeout)', detail: { since: '2026-11-20T08:00:00.000Z' }, acknowledged: null,
    });
    clock.advance(60 * M);
    rules.onStatus('cam-1', 'offline', 'x', clock.now());
    clock.advance(10 * M);
    expect(created).toHaveLength(1); // still the same outage: one alert
  });

  it('raises nothing for an outage shorter than the limit, nor for a camera nobody wants any more', () => {
    rules.onStatus('cam-1', 'offline', 'r', clock.now());
    clock.advance(3 * M);
    rules.onStatus('cam-1', 'online', null, clock.now());
    rules.onStatus('cam-2', 'offline', 'r', clock.now());
    clock.advance(M);
    rules.onStatus('cam-2', 'idle', null, clock.now());
    clock.advance(30 * M);
    expect(created).toEqual([]);
    expect(rules.waiting()).toEqual([]);
  });

  it('back online closes the offline alert and says how long it lasted; acknowledging one acknowledges both', () => {
    rules.onStatus('cam-1', 'offline', 'r', clock.now());
    clock.advance(7 * M);
    rules.onStatus('cam-1', 'online', null, clock.now());
    expect(created.map((a) => a.kind)).toEqual(['camera-offline', 'camera-online']);
    const [off, on] = created;
    expect(on).toMatchObject({ relatedId: off!.id, detail: { outageMs: 7 * M } });
    expect(repo.alert(off!.id)!.resolvedAt).toBe(new Date(clock.now()).toISOString());
    const acked: AlertDto[] = [];
    alerts.on('acknowledged', (a) => acked.push(a));
    clock.advance(M);
    const a = alerts.acknowledge(on!.id, police);
    expect(a.acknowledged).toEqual({ by: { id: 2, username: 'nam', displayName: 'Trần Văn Nam' }, at: new Date(clock.now()).toISOString() });
    expect(acked.map((x) => x.id).sort()).toEqual([off!.id, on!.id].sort());
    // a second acknowledgement keeps the first person
    clock.advance(M);
    expect(alerts.acknowledge(off!.id, admin).acknowledged?.by.username).toBe('nam');
    expect(alerts.list(admin, { open: true, limit: 10 }).alerts).toEqual([]);
    expect(alerts.list(admin, { open: false, limit: 10 }).alerts).toHaveLength(2);
  });

  it('a timer that was already due when the status arrived (late event) fires at once', () => {
    rules.onStatus('cam-1', 'offline', 'r', clock.now() - 6 * M);
    clock.advance(0);
    expect(created).toHaveLength(1);
  });
});

describe('storage alerts', () => {
  it('fold repeats into the open alert and are shown to admins only', () => {
    const storage = { code: 'disk-full' as const, message: 'Recordings disk full', cameraId: 'cam-1', freedBytes: 10, at: new Date(clock.now()).toISOString() };
    alerts.storage(storage);
    alerts.storage({ ...storage, freedBytes: 20 });
    expect(created).toHaveLength(1);
    const [row] = alerts.list(admin, { open: true, limit: 10 }).alerts;
    expect(row).toMatchObject({ kind: 'storage-low', count: 2, detail: { freedBytes: 20 } });
    expect(alerts.list(police, { open: false, limit: 10 }).alerts).toEqual([]);
    expect(() => alerts.acknowledge(row!.id, police)).toThrow(/does not exist/);
    alerts.acknowledge(row!.id, admin);
    alerts.storage(storage); // after acknowledgement a new failure is a new alert
    expect(created).toHaveLength(2);
  });
});

describe('status history', () => {
  it('stores changes only, drops a blip shorter than flapMs, and closes wanted cameras at start-up', () => {
    const h = new StatusHistory(repo, { flapMs: 10_000 });
    const t0 = clock.now();
    expect(h.record('cam-1', 'connecting', null, t0)).toBe('added');
    expect(h.record('cam-1', 'online', null, t0 + 1000)).toBe('added');
    expect(h.record('cam-1', 'online', null, t0 + 2000)).toBe('same');
    expect(h.record('cam-1', 'offline', 'the camera closed the connection', t0 + 60_000)).toBe('added');
    expect(h.record('cam-1', 'online', null, t0 + 63_000)).toBe('blip-removed');
    expect(h.record('cam-1', 'offline', 'connection refused by the camera', t0 + 120_000)).toBe('added');
    expect(h.record('cam-1', 'online', null, t0 + 180_000)).toBe('added');
    expect(repo.statusSince('cam-1', 0, t0 + 1e6).map((r) => [r.status, r.at - t0, r.reason])).toEqual([
      ['connecting', 0, null], ['online', 1000, null], ['offline', 120_000, 'connection refused by the camera'], ['online', 180_000, null],
    ]);
    expect(h.startup(t0 + 600_000)).toBe(1);
    expect(repo.lastStatus('cam-1')).toMatchObject({ status: 'idle', at: t0 + 600_000 });
    expect(h.startup(t0 + 700_000)).toBe(0);
  });

  it('purges old rows but keeps the state at the cut', () => {
    const h = new StatusHistory(repo, { flapMs: 0 });
    const D = 86_400_000;
    const now = clock.now();
    h.record('cam-1', 'online', null, now - 100 * D);
    h.record('cam-1', 'offline', 'r', now - 95 * D);
    h.record('cam-1', 'online', null, now - 10 * D);
    h.record('cam-2', 'idle', null, now - 200 * D);
    expect(h.purge(now, 90)).toBe(1);
    expect(repo.statusSince('cam-1', now - 90 * D, now).map((r) => r.status)).toEqual(['offline', 'online']);
    expect(repo.lastStatus('cam-2')?.status).toBe('idle');
  });
});

describe('alerts per camera', () => {
  it('a person is not shown, counted or allowed to acknowledge the alerts of a camera they may not see', () => {
    // the police officer here may not see cam-2 (say, a resident's camera that is not shared with the police)
    const scoped = new AlertService(repo, () => null, clock.now, (u) => (u.id === police.id ? ['cam-2'] : []));
    const one = scoped.cameraOffline('cam-1', clock.now(), 'r')!;
    const two = scoped.cameraOffline('cam-2', clock.now(), 'r')!;
    expect(scoped.list(police, { open: true, limit: 10 }).alerts.map((a) => a.id)).toEqual([one.id]);
    expect(scoped.list(admin, { open: true, limit: 10 }).alerts.map((a) => a.id).sort()).toEqual([one.id, two.id].sort());
    expect(scoped.openCount('cam-2', police)).toBe(0);
    expect(scoped.openCount('cam-2', admin)).toBe(1);
    expect(() => scoped.acknowledge(two.id, police)).toThrow(expect.objectContaining({ code: 'alert-not-found' }));
    expect(scoped.acknowledge(one.id, police).acknowledged?.by.id).toBe(police.id);
  });
});
