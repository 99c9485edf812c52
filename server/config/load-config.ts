import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, type HubConfig } from './schema.ts';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Json = Record<string, unknown>;

/** Environment variables that override a setting: name → [path, parse]. */
const ENV_OVERRIDES: Record<string, [string[], (v: string) => unknown]> = {
  HUB_HOST: [['server', 'host'], String],
  HUB_PORT: [['server', 'port'], Number],
  HUB_TLS: [['server', 'tls', 'mode'], String],
  HUB_DATA_DIR: [['dataDir'], String],
  HUB_RECORDINGS_DIR: [['recording', 'dir'], String],
  HUB_DEMO: [['demo'], String],
  HUB_LOG_LEVEL: [['log', 'level'], String],
  HUB_ADMIN_PASSWORD: [['auth', 'adminPassword'], String],
  HUB_SECRET_KEY: [['secrets', 'key'], String],
  HUB_FFMPEG: [['media', 'ffmpegPath'], String],
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Json, v) : v;
  }
  return out;
}

function readYaml(file: string, required: boolean): Json {
  if (!fs.existsSync(file)) {
    if (required) throw new ConfigError([`${file}: file not found`]);
    return {};
  }
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`${file}: ${(err as Error).message}`]);
  }
  if (doc == null) return {};
  if (!isObject(doc)) throw new ConfigError([`${file}: the top level must be a mapping`]);
  return doc;
}

function envLayer(env: NodeJS.ProcessEnv): Json {
  const layer: Json = {};
  for (const [name, [keyPath, convert]] of Object.entries(ENV_OVERRIDES)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    let node = layer;
    for (const key of keyPath.slice(0, -1)) node = (node[key] ??= {}) as Json;
    node[keyPath.at(-1)!] = convert(raw);
  }
  return layer;
}

export interface LoadOptions {
  /** folder holding default.yaml and the optional local.yaml */
  configDir: string;
  /** the local override file; default <configDir>/local.yaml (HUB_LOCAL_CONFIG in main.ts) */
  localFile?: string;
  env?: NodeJS.ProcessEnv;
  /** last layer, for tests */
  overrides?: Json;
}

/** default.yaml ← local.yaml ← HUB_* environment ← overrides, validated strictly. */
export function loadConfig({ configDir, localFile, env = process.env, overrides = {} }: LoadOptions): HubConfig {
  const merged = [
    readYaml(path.join(configDir, 'default.yaml'), true),
    localFile ? readYaml(localFile, true) : readYaml(path.join(configDir, 'local.yaml'), false),
    envLayer(env),
    overrides,
  ].reduce(merge, {});
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return result.data;
}
