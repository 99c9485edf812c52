// Issue 4 end to end, through the real hub process: a GStreamer RTSP camera recorded continuously, an incident
// flagged with pre/post-roll, the clip cut and hashed, the evidence zip verified, access rules, path traversal,
// and a kill -9 mid-recording after which index and disk agree.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password-hash.ts';
import type { IncidentDetailDto, IncidentDto } from '../../../server/contracts.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { unzip } from '../../helpers/zip.ts';

let cam: RtspCamera;
let hub: TestHub;
let cookie: string;
let cameraId: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api(method: string, p: string, body?: unknown, c = cookie) {
  const res = await fetch(`${hub.url}${p}`, {
    method, headers: { cookie: c, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const buf = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(buf.toString()) : undefined;
  return { status: res.status, headers: res.headers, buf, json };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

function probeDuration(file: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString());
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  cam = await RtspCamera.start({ mounts: ['/main:640x360@25:25'] });
  hub = await startTestHub({ config: { recording: { segmentSec: 6, minFreeGB: 0 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  const r = await api('POST', '/api/cameras', { name: 'Cổng chợ', source: { kind: 'rtsp', url: cam.url('/main') } });
  cameraId = r.json.camera.id;
  expect((await api('PATCH', `/api/cameras/${cameraId}`, { recording: { mode: 'continuous' } })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await cam?.stop();
});

describe('recording → incident → clip → evidence', () => {
  let incident: IncidentDto;

  it('records segment files and lists the recorded range', async () => {
    await sleep(14_000);
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date().toISOString();
    const r = await api('GET', `/api/cameras/${cameraId}/recordings?from=${from}&to=${to}`);
    expect(r.json.ranges).toHaveLength(1);
    const span = Date.parse(r.json.ranges[0].end) - Date.parse(r.json.ranges[0].start);
    expect(span).toBeGreaterThan(10_000);
    const vod = await api('GET', `/vod/${cameraId}/index.m3u8?from=${from}&to=${to}`);
    expect(vod.status).toBe(200);
    expect(vod.buf.toString()).toMatch(/#EXT-X-MAP:URI="file\/\d+\.mp4",BYTERANGE="\d+@0"/);
    expect(vod.buf.toString()).toContain('#EXT-X-ENDLIST');
  }, 30_000);

  it('flags an incident with pre 5 s / post 5 s and gets a hashed clip of 10 s ± one GOP', async () => {
    const occurredAt = new Date(Date.now() - 1000).toISOString();
    const r = await api('POST', '/api/incidents', {
      cameraIds: [cameraId], category: 'theft', occurredAt, preRollSec: 5, postRollSec: 5, note: 'Xe máy bị lấy trộm',
    });
    expect(r.status).toBe(201);
    incident = r.json.incident;
    const ready = await until('the clip', async () => {
      const d = (await api('GET', `/api/incidents/${incident.id}`)).json.incident as IncidentDetailDto;
      return d.clips[0]!.status === 'pending' ? undefined : d;
    });
    const clip = ready.clips[0]!;
    expect(clip.status).toBe('ready');
    const file = await api('GET', `/api/incidents/${incident.id}/clips/${cameraId}.mp4`);
    expect(file.status).toBe(200);
    expect(sha256(file.buf)).toBe(clip.sha256);
    const tmp = path.join(hub.dataDir, 'clip-check.mp4');
    fs.writeFileSync(tmp, file.buf);
    expect(Math.abs(probeDuration(tmp) - 10)).toBeLessThanOrEqual(1.05);
    expect(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries',
      'stream=codec_name,nb_read_frames', '-of', 'csv=p=0', tmp]).toString().trim()).toMatch(/^h264,2\d\d$/);
    const partial = await fetch(`${hub.url}/api/incidents/${incident.id}/clips/${cameraId}.mp4`, { headers: { cookie, range: 'bytes=100-199' } });
    expect(partial.status).toBe(206);
    expect(Buffer.from(await partial.arrayBuffer()).equals(file.buf.subarray(100, 200))).toBe(true);
  }, 45_000);

  it('exports a zip whose manifest hashes match its files, with the custody log including the export', async () => {
    // a bare GET (a link or an image on another page) exports nothing and writes nothing to the custody log
    expect((await api('GET', `/api/incidents/${incident.id}/export`)).status).toBe(404);
    const r = await api('POST', `/api/incidents/${incident.id}/export`);
    expect(r.status).toBe(200);
    const files = await unzip(r.buf);
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    expect(sha256(files.get('manifest.json')!)).toBe(r.headers.get('x-manifest-sha256'));
    expect(manifest.incident).toMatchObject({ id: incident.id, category: { id: 'theft', vi: 'Trộm cắp' } });
    expect(manifest.incident.occurredAtLocal).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+07:00$/);
    expect(manifest.exportedBy.username).toBe('admin');
    for (const f of manifest.files) expect(sha256(files.get(f.name)!), f.name).toBe(f.sha256);
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual([`clips/${cameraId}.mp4`, 'custody-log.json']);
    const custody = JSON.parse(files.get('custody-log.json')!.toString()) as { action: string; user: string }[];
    expect(custody.map((c) => c.action)).toEqual(['create', 'note', 'view', 'clip-download', 'export']);
  });

  it('refuses residents and path tricks', async () => {
    const d = new Database(path.join(hub.dataDir, 'hub.sqlite'));
    const now = new Date().toISOString();
    d.prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
               VALUES ('dan', 'Dân', 'resident', ?, ?, ?)`).run(await hashPassword('resident-pw'), now, now);
    d.close();
    const resident = await login(hub.url, 'dan', 'resident-pw');
    expect((await api('GET', '/api/incidents', undefined, resident)).status).toBe(403);
    expect((await api('POST', '/api/incidents', { cameraIds: [cameraId], category: 'theft' }, resident)).status).toBe(403);
    expect((await api('POST', `/api/incidents/${incident.id}/export`, undefined, resident)).status).toBe(403);
    expect((await api('GET', `/vod/${cameraId}/index.m3u8?from=${now}&to=${now}`, undefined, resident)).status).toBe(404);

    for (const p of [
      `/api/incidents/${incident.id}/clips/..%2F..%2Fhub.sqlite.mp4`,
      `/api/incidents/${incident.id}/clips/%2e%2e%2f%2e%2e%2fsecret.key.mp4`,
      `/api/incidents/${incident.id}/clips/cam-x.mp4`,
      `/vod/${cameraId}/file/..%2F..%2Fhub.sqlite.mp4`,
      `/vod/${cameraId}/file/999999.mp4`,
      `/vod/..%2F..%2Fsecret.key/file/1.mp4`,
    ]) {
      const r = await api('GET', p);
      expect([400, 404], p).toContain(r.status);
      expect(r.buf.includes(Buffer.from(fs.readFileSync(path.join(hub.dataDir, 'secret.key'))))).toBe(false);
    }
  });
});

describe('kill -9 mid-recording', () => {
  it('restarts with index and disk in agreement, every indexed file decodable', async () => {
    await sleep(3000); // a segment file is open now
    hub.process.kill('SIGKILL');
    await new Promise((r) => hub.process.once('exit', r));
    const dataDir = hub.dataDir;
    hub = await startTestHub({ dataDir, config: { recording: { segmentSec: 6, minFreeGB: 0 } } });
    // the restarted hub repairs before it listens; recording resumes, so look at complete rows only
    const d = new Database(path.join(dataDir, 'hub.sqlite'), { readonly: true });
    const rows = d.prepare('SELECT path, bytes FROM recordings WHERE complete = 1').all() as { path: string; bytes: number }[];
    d.close();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const recDir = path.join(dataDir, 'recordings');
    for (const r of rows) {
      const file = path.join(recDir, r.path);
      expect(fs.statSync(file).size, r.path).toBe(r.bytes);
      expect(probeDuration(file), r.path).toBeGreaterThan(0);
    }
    const onDisk = fs.readdirSync(recDir, { recursive: true }).filter((f) => String(f).endsWith('.mp4')).length;
    const indexed = new Database(path.join(dataDir, 'hub.sqlite'), { readonly: true });
    expect(onDisk).toBe(indexed.prepare('SELECT COUNT(*) FROM recordings').pluck().get());
    indexed.close();
  }, 60_000);
});
