// The simulator as the real `onvif` client sees it (connect(), several cameras at once), and its HTTP edges.
import { createHash } from 'node:crypto';
import onvif from 'onvif';
import { afterEach, describe, expect, it } from 'vitest';
import { startOnvifSimulator, type OnvifSimulator } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { parseDigestHeader } from '../../../server/onvif/simulator/sim-auth.ts';
import { parseSoap } from '../../../server/onvif/soap.ts';

const creds = { username: 'admin', password: 'sim-pass' };
let sims: OnvifSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function start(address: string, extra = {}) {
  const s = await startOnvifSimulator({ address, discovery: false, credentials: creds, ...extra });
  sims.push(s);
  return s;
}

function connect(s: OnvifSimulator) {
  const cam = new onvif.Cam({ hostname: s.address, port: s.port, ...creds, timeout: 5000, autoconnect: false });
  return new Promise<typeof cam>((resolve, reject) => cam.connect((err) => (err ? reject(err) : resolve(cam))));
}

describe('ONVIF simulator', () => {
  it('connects with the onvif client: services, profiles and video sources whose tokens match', async () => {
    const s = await start('127.0.0.51');
    const cam = await connect(s);
    expect(Object.keys(cam.uri ?? {}).sort()).toEqual(['device', 'media', 'ptz']);
    expect(cam.profiles?.map((p) => p.$.token)).toEqual(['main', 'sub']);
    expect(cam.activeSource).toMatchObject({ sourceToken: 'VideoSource_1', profileToken: 'main', encoding: 'H264', width: 1920, height: 1080 });
    expect(s.requests.map((r) => r.action)).toEqual(['GetSystemDateAndTime', 'GetServices', 'GetProfiles', 'GetVideoSources']);
  });

  it('runs several cameras at once on 127.0.0.x, each with its own identity', async () => {
    const all = await Promise.all([52, 53, 54].map((i) => start(`127.0.0.${i}`, { device: { serial: `SN-${i}` } })));
    const serials = await Promise.all(all.map(async (s) => {
      const cam = await connect(s);
      return new Promise((resolve, reject) => cam.getDeviceInformation((err, info) => (err ? reject(err) : resolve(info?.serialNumber))));
    }));
    expect(serials).toEqual(['SN-52', 'SN-53', 'SN-54']);
  });

  it('reports its clock with the configured offset', async () => {
    const s = await start('127.0.0.55', { clockOffsetMs: -600_000 });
    const cam = new onvif.Cam({ hostname: s.address, port: s.port, timeout: 5000, autoconnect: false });
    const camTime = await new Promise<Date>((resolve, reject) => cam.getSystemDateAndTime((err, d) => (err ? reject(err) : resolve(d!))));
    expect(Math.abs(camTime.getTime() - (Date.now() - 600_000))).toBeLessThan(5000);
  });

  it('serves its snapshot only with HTTP Digest', async () => {
    const s = await start('127.0.0.56');
    const url = `http://${s.address}:${s.port}/onvif/snapshot.jpg?profile=main`;
    const first = await fetch(url);
    expect(first.status).toBe(401);
    const c = parseDigestHeader(first.headers.get('www-authenticate')!)!;
    const md5 = (x: string) => createHash('md5').update(x).digest('hex');
    const uri = '/onvif/snapshot.jpg?profile=main';
    const response = md5(`${md5(`admin:${c.realm}:sim-pass`)}:${c.nonce}:00000001:c1:auth:${md5(`GET:${uri}`)}`);
    const ok = await fetch(url, {
      headers: { Authorization: `Digest username="admin", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", qop=auth, nc=00000001, cnonce="c1", response="${response}"` },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await ok.arrayBuffer());
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });

  it('answers garbage with a SOAP fault, refuses oversized requests, and frees its port on close', async () => {
    const s = await start('127.0.0.57');
    const post = (body: string) => fetch(s.xaddr, { method: 'POST', body, headers: { 'Content-Type': 'application/soap+xml' } });
    const bad = await post('<not xml');
    expect(bad.status).toBe(400);
    expect(parseSoap(await bad.text()).fault?.subcode).toBe('ter:WellFormed');
    const big = await post(`<x>${'a'.repeat(300 * 1024)}</x>`);
    expect(big.status).toBe(413);
    const unknown = await post('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><Reboot/></s:Body></s:Envelope>');
    expect(unknown.status).toBe(401); // asks for credentials before saying anything else
    const port = s.port;
    await s.close();
    sims = [];
    const again = await startOnvifSimulator({ address: '127.0.0.57', port, discovery: false });
    sims.push(again);
    expect(again.port).toBe(port);
  });
});
