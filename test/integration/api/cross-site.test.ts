// Requests another site makes a browser send are refused (the real hub process): state-changing requests with a
// foreign Origin, anything marked same-site/cross-site by Fetch Metadata, socket.io handshakes from another origin.
// The browser's headers are written by hand here (a browser would set them itself); what is tested is the hub.
import fs from 'node:fs';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';

let hub: TestHub;
let cookie: string;
let ours: string;

async function call(method: string, p: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${hub.url}${p}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  hub = await startTestHub();
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  ours = new URL(hub.url).origin;
});
afterAll(async () => {
  await hub?.close();
});

describe('cross-site requests', () => {
  const camera = { name: 'Cổng chợ', source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:1/x' } };

  it('refuses a state-changing request from another origin, even with a valid session', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(new URL(hub.url).port) + 1}`, 'null']) {
      const r = await call('POST', '/api/cameras', { origin }, camera);
      expect(r.status, origin).toBe(403);
      expect(r.json.error.code).toBe('cross-site-request');
    }
    expect((await call('GET', '/api/cameras', {})).json.cameras).toEqual([]); // nothing was created
    const same = await call('POST', '/api/cameras', { origin: ours, 'sec-fetch-site': 'same-origin' }, camera);
    expect(same.status).toBe(201);
  });

  it('refuses anything Fetch Metadata marks as coming from another site, on the API, /live and /vod', async () => {
    for (const site of ['same-site', 'cross-site']) {
      for (const p of ['/api/cameras', '/api/incidents', '/live/x/sub/index.m3u8', '/vod/x/index.m3u8']) {
        const r = await call('GET', p, { 'sec-fetch-site': site });
        expect(r.status, `${site} ${p}`).toBe(403);
        expect(r.json.error.code).toBe('cross-site-request');
      }
    }
    // typed in the address bar / a bookmark, or the app's own page
    expect((await call('GET', '/api/cameras', { 'sec-fetch-site': 'none' })).status).toBe(200);
    expect((await call('GET', '/api/cameras', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('still opens the app itself from a link on another site', async () => {
    expect(fs.existsSync(path.resolve('dist/web/index.html')), 'npm test builds the web app first').toBe(true);
    const res = await fetch(`${hub.url}/incidents`, { headers: { accept: 'text/html', 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<html/i);
  });

  it('refuses a socket.io handshake from another origin and accepts ours', async () => {
    const connect = (origin: string) => new Promise<string>((resolve) => {
      const socket = ioClient(hub.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie, origin } });
      socket.on('connect', () => { socket.close(); resolve('connected'); });
      socket.on('connect_error', (e) => { socket.close(); resolve(`refused: ${e.message}`); });
    });
    expect(await connect('http://evil.example')).toMatch(/^refused/);
    expect(await connect(ours)).toBe('connected');
  });
});

describe('source maps', () => {
  it('need a session like the rest', async () => {
    const dir = path.resolve('dist/web/assets');
    const map = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith('.map')) : undefined;
    expect(map, 'the web build has source maps').toBeDefined();
    expect((await fetch(`${hub.url}/assets/${map}`)).status).toBe(401);
    expect((await fetch(`${hub.url}/assets/${map}`, { headers: { cookie } })).status).toBe(200);
  });
});
