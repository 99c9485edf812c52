// Issue 8.8: files and secrets. Real parts: a real hub for file modes, real ffmpeg children whose environment is
// read from /proc, and a real HTTP server on 127.0.0.1 standing in for a camera's snapshot URI.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchSnapshot } from '../../../server/cameras/http-snapshot.ts';
import { AppError } from '../../../server/errors.ts';
import { FfmpegProcess } from '../../../server/media/ffmpeg-runner.ts';
import { startTestHub, type TestHub } from '../../helpers/hub.ts';

const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);
let hub: TestHub | undefined;

afterAll(async () => {
  await hub?.close();
});

describe('private files', () => {
  it('creates the data folder, database, secret key and evidence folder private, and tightens looser ones at start', async () => {
    hub = await startTestHub();
    const d = hub.dataDir;
    const files = () => ({
      dataDir: mode(d), db: mode(path.join(d, 'hub.sqlite')), key: mode(path.join(d, 'secret.key')), evidence: mode(path.join(d, 'evidence')),
    });
    expect(files()).toEqual({ dataDir: '700', db: '600', key: '600', evidence: '700' });
    await hub.close();
    // an old install, or a careless copy: everything readable by all
    fs.chmodSync(d, 0o755);
    fs.chmodSync(path.join(d, 'hub.sqlite'), 0o644);
    fs.chmodSync(path.join(d, 'secret.key'), 0o644);
    fs.chmodSync(path.join(d, 'evidence'), 0o755);
    fs.mkdirSync(path.join(d, 'evidence', '7'), { mode: 0o755 });
    fs.writeFileSync(path.join(d, 'evidence', '7', 'cam-1.mp4'), 'clip', { mode: 0o644 });
    hub = await startTestHub({ dataDir: d, env: { HUB_ADMIN_PASSWORD: hub.adminPassword } });
    expect(files()).toEqual({ dataDir: '700', db: '600', key: '600', evidence: '700' });
    expect(mode(path.join(d, 'evidence', '7'))).toBe('700');
    expect(mode(path.join(d, 'evidence', '7', 'cam-1.mp4'))).toBe('600');
    for (const f of fs.readdirSync(d).filter((n) => n.startsWith('hub.sqlite'))) expect(mode(path.join(d, f)), f).toBe('600');
  }, 60_000);
});

describe('ffmpeg children', () => {
  it('get a clean environment: PATH, LANG and TZ, never HUB_* secrets', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { HUB_SECRET_KEY: 'a'.repeat(64), HUB_ADMIN_PASSWORD: 'admin-secret-9', HUB_OTHER: 'x', LANG: 'C.UTF-8', TZ: 'Asia/Ho_Chi_Minh' });
    try {
      const p = new FfmpegProcess({
        ffmpegPath: '/usr/bin/ffmpeg',
        args: {
          input: 'testsrc2=size=160x90:rate=5',
          inputOptions: ['-re', '-f', 'lavfi'],
          outputOptions: ['-t', '30', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov'],
        },
      });
      p.stdout.resume();
      for (let i = 0; i < 100 && !p.pid; i++) await new Promise((r) => setTimeout(r, 50));
      expect(p.pid).toBeDefined();
      const env = fs.readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0').filter(Boolean);
      await p.stop();
      const names = env.map((e) => e.slice(0, e.indexOf('=')));
      console.log(`ffmpeg child environment: ${names.join(', ')}`);
      expect(names.filter((n) => n.startsWith('HUB_'))).toEqual([]);
      expect(env).toContain('LANG=C.UTF-8');
      expect(env).toContain('TZ=Asia/Ho_Chi_Minh');
      expect(names).toContain('PATH');
      expect(env.join('\n')).not.toContain('admin-secret-9');
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  }, 30_000);
});

describe('snapshot authentication', () => {
  async function withCamera(challenges: string[], run: (url: string, seen: (string | undefined)[]) => Promise<void>) {
    const seen: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.headers.authorization?.startsWith('Digest ')) {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        return res.end(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
      }
      res.writeHead(401, { 'www-authenticate': challenges });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/snap.jpg`, seen);
    } finally {
      server.close();
    }
  }
  const fetch = (url: string) => fetchSnapshot({
    url, host: '127.0.0.1', username: 'admin', password: 'Snap-pw-4', timeoutMs: 3000, maxBytes: 1 << 20,
  });

  it('answers Digest even when Basic is offered first', async () => {
    await withCamera(['Basic realm="cam"', 'Digest realm="cam", nonce="abc", qop="auth"'], async (url, seen) => {
      expect((await fetch(url)).length).toBe(4);
      expect(seen.map((a) => a?.split(' ')[0])).toEqual([undefined, 'Digest']);
    });
  });

  it('never falls back to Basic over plain HTTP when the camera offered a Digest it cannot answer', async () => {
    await withCamera(['Digest realm="cam", nonce="abc", algorithm=SHA-512-256', 'Basic realm="cam"'], async (url, seen) => {
      const err = await fetch(url).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('snapshot-auth-failed');
      expect(seen.some((a) => a?.startsWith('Basic'))).toBe(false);
    });
  });
});
