// HTTPS on the real hub: a self-signed certificate generated once into the data directory (reused after a
// restart), Secure session cookies, the printed URL and fingerprint; unusable certificate files stop start-up.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../helpers/hub.ts';
import { subjectAltNames } from '../../../server/tls/tls-files.ts';

const hubs: TestHub[] = [];
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.close()));
});

/** the hub prints its start-up lines right after the address: give them a moment to arrive */
async function printed(hub: TestHub, text: string): Promise<string> {
  for (let i = 0; i < 50 && !hub.output().includes(text); i++) await new Promise((r) => setTimeout(r, 100));
  return hub.output();
}

function request(url: string, ca: Buffer, init: { method?: string; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = https.request(url, { method: init.method ?? 'GET', ca, headers: init.body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('HTTPS with a self-signed certificate', () => {
  it('serves the hub over TLS with Secure cookies, and keeps the same certificate after a restart', async () => {
    const hub = await startTestHub({ config: { server: { tls: { mode: 'self-signed', hostnames: ['hub.xa-an-binh.test'] } } } });
    hubs.push(hub);
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const certFile = path.join(hub.dataDir, 'tls', 'cert.pem');
    const keyFile = path.join(hub.dataDir, 'tls', 'key.pem');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const cert = fs.readFileSync(certFile);
    const x509 = new crypto.X509Certificate(cert);
    expect(await printed(hub, x509.fingerprint256)).toContain(x509.fingerprint256);
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x509.subjectAltName).toContain('DNS:hub.xa-an-binh.test');

    // the certificate is checked for real: trusted as the CA it is, for the name 127.0.0.1
    expect(JSON.parse((await request(`${hub.url}/api/health`, cert)).body).status).toBe('ok');
    const login = await request(`${hub.url}/api/auth/login`, cert, {
      method: 'POST', body: JSON.stringify({ username: 'admin', password: hub.adminPassword }),
    });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    // without trusting it, a client refuses the connection
    await expect(request(`${hub.url}/api/health`, Buffer.from(''))).rejects.toThrow();
    // plain HTTP on the same port gets no API answer
    const plain = await fetch(hub.url.replace('https:', 'http:') + '/api/health').then((r) => r.status, () => 'refused');
    expect(plain).not.toBe(200);

    await hub.close();
    const again = await startTestHub({ dataDir: hub.dataDir, config: { server: { tls: { mode: 'self-signed' } } } });
    hubs.push(again);
    expect(fs.readFileSync(certFile).equals(cert)).toBe(true);
    expect(await printed(again, x509.fingerprint256)).toContain(x509.fingerprint256);
  }, 60_000);

  it('refuses to start with a key that does not belong to the certificate, saying so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matthan-tls-'));
    const gen = (name: string) => spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-nodes', '-days', '1', '-subj', '/CN=x', '-keyout', path.join(dir, `${name}.key`), '-out', path.join(dir, `${name}.pem`)]);
    gen('a');
    gen('b');
    await expect(startTestHub({
      config: { server: { tls: { mode: 'files', cert: path.join(dir, 'a.pem'), key: path.join(dir, 'b.key') } } },
    })).rejects.toThrow(/key does not belong to the certificate/);
    await expect(startTestHub({ config: { server: { tls: { mode: 'files' } } } }))
      .rejects.toThrow(/server\.tls: mode "files" needs both cert and key/);
  }, 30_000);
});

describe('subject names of the self-signed certificate', () => {
  it('always has localhost and loopback, adds the machine addresses and the configured names, drops link-local', () => {
    const names = subjectAltNames(['192.168.1.20', 'camera.xa.vn', 'bad name!'], {
      eth0: [
        { address: '10.0.0.5', family: 'IPv4', internal: false, netmask: '', mac: '', cidr: null },
        { address: 'fe80::1', family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 2 },
      ],
    });
    expect(names).toEqual(expect.arrayContaining(['DNS:localhost', 'IP:127.0.0.1', 'IP:::1', 'IP:10.0.0.5', 'IP:192.168.1.20', 'DNS:camera.xa.vn']));
    expect(names.join(',')).not.toMatch(/fe80|bad name/);
  });
});
