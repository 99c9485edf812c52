import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config/load-config.ts';

const configDir = path.resolve('config');

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads the shipped default.yaml, which is valid and complete', () => {
    const c = loadConfig({ configDir, env: {}, localFile: undefined });
    expect(c.server.port).toBe(8080);
    expect(c.demo).toBe('auto');
    expect(c.media.partDurationMs).toBe(200);
    expect(c.media.backoff[0]).toEqual({ delayMs: 1000, times: 5 });
    expect(c.auth.adminPassword).toBeUndefined();
  });

  it('lets local.yaml and then HUB_* variables override', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    const local = path.join(dir, 'local.yaml');
    fs.writeFileSync(local, 'server:\n  port: 9000\nmedia:\n  idleTimeoutSec: 5\n');
    const c = loadConfig({ configDir, localFile: local, env: { HUB_PORT: '9100', HUB_DEMO: 'off', HUB_DATA_DIR: '/tmp/x' } });
    expect(c.server.port).toBe(9100);
    expect(c.media.idleTimeoutSec).toBe(5);
    expect(c.demo).toBe('off');
    expect(c.dataDir).toBe('/tmp/x');
    expect(c.server.host).toBe('0.0.0.0');
  });

  it('refuses unknown keys and bad values, naming the path and the reason', () => {
    const found = problems(() =>
      loadConfig({
        configDir,
        env: { HUB_PORT: 'eighty', HUB_DEMO: 'maybe', HUB_ADMIN_PASSWORD: 'short' },
        overrides: { media: { partDurationMs: 5, colour: 'red' }, extra: true },
      }),
    );
    const text = found.join('\n');
    expect(text).toMatch(/^server\.port: .*number/m);
    expect(text).toMatch(/^demo: /m);
    expect(text).toMatch(/^auth\.adminPassword: /m);
    expect(text).toMatch(/^media\.partDurationMs: /m);
    expect(text).toMatch(/^media: .*colour/m);
    expect(text).toMatch(/extra/);
  });

  it('reports a YAML syntax error with the file name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    const local = path.join(dir, 'local.yaml');
    fs.writeFileSync(local, 'server: [unclosed\n');
    const found = problems(() => loadConfig({ configDir, localFile: local, env: {} }));
    expect(found[0]).toContain(local);
  });
});
