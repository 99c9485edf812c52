#!/usr/bin/env node
// Brings a fresh Debian 12 + Node 20 machine to what `npm start` (mode "start") or `npm test` / `npm run bench`
// (mode "test") need: npm packages, Debian packages, the web build. Installs what it can; where that needs root and
// we are not root, it stops at once and prints the exact command to run. Plain Node, no dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] === 'test' ? 'test' : 'start';
const say = (msg) => console.log(`[setup] ${msg}`);

function fail(msg) {
  console.error(`\n[setup] ${msg}\n`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) fail(`"${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal}).`);
}

function has(cmd, args = ['-version']) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

// 1. Node
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old: Node 20.19 or newer is needed.`);

// 2. Debian packages
const wanted = [];
if (!has('ffmpeg') || !has('ffprobe')) wanted.push('ffmpeg');
if (!has('openssl', ['version'])) wanted.push('openssl'); // the self-signed HTTPS certificate (server.tls)
if (mode === 'test') {
  const gst = spawnSync('/usr/bin/python3', ['-c',
    "import gi; gi.require_version('GstRtspServer','1.0'); from gi.repository import GstRtspServer; "
    + "gi.require_version('Gst','1.0'); from gi.repository import Gst; Gst.init(None); "
    + "import sys; sys.exit(0 if all(Gst.ElementFactory.find(e) for e in ['x264enc','rtph264pay','videotestsrc']) else 1)"],
  { stdio: 'ignore' });
  if (gst.status !== 0) {
    wanted.push('python3-gi', 'gir1.2-gst-rtsp-server-1.0', 'gstreamer1.0-plugins-base', 'gstreamer1.0-plugins-good',
      'gstreamer1.0-plugins-ugly', 'gstreamer1.0-x');
  }
  // the H.265 test camera (x265enc, rtph265pay): gstreamer1.0-plugins-bad
  const hevc = spawnSync('/usr/bin/python3', ['-c',
    "import gi; gi.require_version('Gst','1.0'); from gi.repository import Gst; Gst.init(None); "
    + "import sys; sys.exit(0 if all(Gst.ElementFactory.find(e) for e in ['x265enc','rtph265pay']) else 1)"],
  { stdio: 'ignore' });
  if (hevc.status !== 0) wanted.push('gstreamer1.0-plugins-bad');
  if (!fs.existsSync('/usr/bin/chromium')) wanted.push('chromium');
}
if (wanted.length) {
  const cmd = `apt-get update && apt-get install -y ${wanted.join(' ')}`;
  if (process.getuid?.() !== 0) fail(`Missing system packages. Run this as root, then try again:\n\n  sudo sh -c '${cmd}'`);
  say(`installing ${wanted.join(', ')} …`);
  run('sh', ['-c', cmd], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// 3. npm packages (npm 11 runs only the install scripts package.json approves: better-sqlite3, esbuild)
const lock = path.join(root, 'package-lock.json');
const stamp = path.join(root, 'node_modules', '.package-lock.json');
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);
let sqliteOk = false;
try {
  execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'ignore' });
  sqliteOk = true;
} catch { /* not installed or not built */ }
if (!fs.existsSync(stamp) || mtime(lock) > mtime(stamp) || !sqliteOk) {
  say('installing npm packages (better-sqlite3 builds from source: about a minute) …');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// 4. the web app
const webSrc = path.join(root, 'web');
const built = path.join(root, 'dist', 'web', 'index.html');
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
if (fs.existsSync(webSrc) && (!fs.existsSync(built) || newest(webSrc) > mtime(built) || [['server', 'contracts.ts'], ['server', 'live-push', 'wire.ts']].some((f) => mtime(path.join(root, ...f)) > mtime(built))
  || newest(path.join(root, 'server', 'contracts')) > mtime(built))) {
  // the web app imports server/contracts.ts and server/contracts/ (types) and server/live-push/wire.ts (the push protocol)
  say('building the web app …');
  run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}
