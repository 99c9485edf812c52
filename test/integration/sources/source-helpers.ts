// Shared by the camera-source tests: a small API client, playlists, free ports, sockets, pictures.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { io as ioClient, type Socket } from 'socket.io-client';
import { hashPassword } from '../../../server/auth/password-hash.ts';
import { login, type TestHub } from '../../helpers/hub.ts';

const run = promisify(execFile);

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
  bytes: Buffer;
}

export function apiClient(hub: TestHub, cookie: string) {
  return async (method: string, p: string, body?: unknown, c: string | null = cookie): Promise<ApiAnswer> => {
    const res = await fetch(`${hub.url}${p}`, {
      method,
      headers: { ...(c ? { cookie: c } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json, bytes };
  };
}

/** A port nobody listens on right now. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, host, r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Polls until `fn` returns a value (not undefined); `limitMs` only bounds a failure. */
export async function eventually<T>(fn: () => Promise<T | undefined> | T | undefined, limitMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what} not met in ${limitMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The camera's LL-HLS playlist once it lists parts (the first request starts the stream). */
export function playlistWithParts(hub: TestHub, cookie: string, cameraId: string, stream: 'main' | 'sub' = 'main', limitMs = 25_000) {
  return eventually(async () => {
    const res = await fetch(`${hub.url}/live/${cameraId}/${stream}/index.m3u8`, { headers: { cookie } });
    const text = await res.text();
    return res.status === 200 && text.includes('#EXT-X-PART:') ? text : undefined;
  }, limitMs, `playlist of ${cameraId}/${stream} with parts`);
}

/** Width and height of the video the hub serves for a camera stream (init segment + first listed segment). */
export async function servedVideoSize(hub: TestHub, cookie: string, cameraId: string, stream: 'main' | 'sub') {
  const playlist = await playlistWithParts(hub, cookie, cameraId, stream);
  const seg = /^(s\d+\.m4s)$/m.exec(playlist)?.[1];
  const initUri = /#EXT-X-MAP:URI="([^"]+)"/.exec(playlist)?.[1];
  if (!seg || !initUri) throw new Error(`no segment in\n${playlist}`);
  const get = async (f: string) => Buffer.from(await (await fetch(`${hub.url}/live/${cameraId}/${stream}/${f}`, { headers: { cookie } })).arrayBuffer());
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'src-test-'));
  try {
    const file = path.join(dir, 'v.mp4');
    await fs.writeFile(file, Buffer.concat([await get(initUri), await get(seg)]));
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', file]);
    const [codec, width, height] = stdout.trim().split(',');
    return { codec, width: Number(width), height: Number(height) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Width and height from a JPEG's SOF marker. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  let i = 2;
  while (i + 9 < jpeg.length) {
    if (jpeg[i] !== 0xff) throw new Error('bad JPEG marker');
    const marker = jpeg[i + 1]!;
    const len = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  throw new Error('no SOF marker');
}

export async function connectSocket(hub: TestHub, cookie: string): Promise<Socket> {
  const socket = ioClient(hub.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return socket;
}

/** Adds a user straight into the hub's database and logs them in; returns their cookie. */
export async function userCookie(hub: TestHub, username: string, role: 'admin' | 'police' | 'operator' | 'resident'): Promise<string> {
  const password = `${username}-pw-123`;
  const db = new Database(path.join(hub.dataDir, 'hub.sqlite'));
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
              VALUES (?, ?, ?, ?, ?, ?)`).run(username, username, role, await hashPassword(password), now, now);
  db.close();
  return login(hub.url, username, password);
}

/** ffmpeg pushing a live 320x180 H.264 test pattern over RTMP; `exited` resolves with its exit code. */
export function pushRtmp(url: string): { process: ChildProcess; exited: Promise<number | null> } {
  const p = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '25', '-pix_fmt', 'yuv420p', '-f', 'flv', url,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { process: p, exited: new Promise((resolve) => p.once('exit', (code) => resolve(code))) };
}
