// HTTPS for the hub: certificate files an admin names, or a self-signed certificate generated once into
// <dataDir>/tls for a LAN (phones, the push transport and, later, a camera's microphone need a secure context).
// The self-signed certificate names localhost, 127.0.0.1 and this machine's LAN addresses; its SHA-256
// fingerprint is printed at start so a person can check it when the browser asks.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type TlsConfig =
  | { mode: 'off' }
  | { mode: 'files'; cert: string; key: string }
  | { mode: 'self-signed'; hostnames: string[] };

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** SHA-256 of the certificate (DER), colon-separated hex, as browsers show it */
  fingerprint: string;
  /** where the files are */
  certFile: string;
  generated: boolean;
}

export class TlsError extends Error {
  override name = 'TlsError';
}

/** Reads (or first creates) the certificate and key; null when TLS is off. */
export function loadTls(config: TlsConfig, dataDir: string, opts: { openssl?: string } = {}): TlsMaterial | null {
  if (config.mode === 'off') return null;
  if (config.mode === 'files') return read(config.cert, config.key, false);
  const dir = path.join(dataDir, 'tls');
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) return read(certFile, keyFile, false);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const names = subjectAltNames(config.hostnames);
  try {
    execFileSync(opts.openssl ?? 'openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-days', '825', '-subj', '/O=Mat Than/CN=Mat Than hub',
      '-addext', `subjectAltName=${names.join(',')}`,
      '-addext', 'basicConstraints=critical,CA:FALSE',
      '-addext', 'extendedKeyUsage=serverAuth',
      '-keyout', keyFile, '-out', certFile,
    ], { stdio: ['ignore', 'ignore', 'pipe'], umask: 0o077 } as Parameters<typeof execFileSync>[2]);
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new TlsError(`could not create a self-signed certificate with openssl${stderr ? `: ${stderr}` : ''}`);
  }
  fs.chmodSync(keyFile, 0o600);
  fs.chmodSync(certFile, 0o600);
  return read(certFile, keyFile, true);
}

function read(certFile: string, keyFile: string, generated: boolean): TlsMaterial {
  let cert: Buffer;
  let key: Buffer;
  try {
    cert = fs.readFileSync(certFile);
    key = fs.readFileSync(keyFile);
  } catch (e) {
    throw new TlsError(`cannot read the TLS certificate or key: ${(e as Error).message}`);
  }
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(cert);
    crypto.createPrivateKey(key);
  } catch (e) {
    throw new TlsError(`${certFile} or its key is not a PEM certificate/key: ${(e as Error).message}`);
  }
  if (!x509.checkPrivateKey(crypto.createPrivateKey(key))) {
    throw new TlsError(`the key does not belong to the certificate ${certFile}`);
  }
  return { cert, key, fingerprint: x509.fingerprint256, certFile, generated };
}

/** DNS and IP names for the certificate: localhost, loopback, the machine's own addresses and the configured names. */
export function subjectAltNames(hostnames: string[], interfaces = os.networkInterfaces()): string[] {
  const ips = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) if (!a.internal && !a.address.startsWith('fe80:')) ips.add(a.address);
  }
  const dns = new Set(['localhost', os.hostname()]);
  for (const n of hostnames) {
    if (net.isIP(n)) ips.add(n);
    else if (/^[A-Za-z0-9.-]{1,253}$/.test(n)) dns.add(n);
  }
  return [...[...dns].map((n) => `DNS:${n}`), ...[...ips].map((ip) => `IP:${ip}`)];
}
