// Starts the real hub (server/main.ts) as a child process on a throwaway data directory and a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TestHub {
  url: string;
  adminPassword: string;
  dataDir: string;
  process: ChildProcess;
  /** everything the hub printed, for assertions about what it never prints */
  output(): string;
  close(): Promise<void>;
}

export interface TestHubOptions {
  demo?: boolean;
  env?: Record<string, string>;
  /** written to a local.yaml override (e.g. { media: { idleTimeoutSec: 2 } }) */
  config?: Record<string, unknown>;
  /** reuse a data directory (restart tests) */
  dataDir?: string;
}

export async function startTestHub(opts: TestHubOptions = {}): Promise<TestHub> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'matthan-hub-'));
  const adminPassword = `test-${crypto.randomBytes(6).toString('hex')}`;
  const localFile = path.join(dataDir, 'test-local.yaml');
  // the test cameras can only live on 127.0.0.1: residents may register them here unless a test says otherwise
  // (test/integration/residents/resident-address.test.ts checks the rule itself)
  fs.writeFileSync(localFile, stringify({ residents: { allowPrivateAddresses: true }, ...opts.config }));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      HUB_HOST: '127.0.0.1',
      HUB_PORT: '0',
      HUB_DATA_DIR: dataDir,
      HUB_RECORDINGS_DIR: path.join(dataDir, 'recordings'),
      HUB_ADMIN_PASSWORD: adminPassword,
      HUB_DEMO: opts.demo ? 'on' : 'off',
      HUB_LOG_LEVEL: 'warn',
      HUB_LOCAL_CONFIG: localFile,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /listening on (https?:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${out}`));
    });
  });

  return {
    url,
    adminPassword,
    dataDir,
    process: child,
    output: () => out,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Logs in and returns the session cookie ("mt_session=…"). */
export async function login(hubUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${hubUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}
