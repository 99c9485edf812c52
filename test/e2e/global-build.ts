// Makes sure dist/web holds a build of the current web/ sources: the hub serves it, the e2e test drives it.
// Builds once when dist/web is missing or older than any file under web/ (or the lock file).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(target: string): number {
  const st = fs.statSync(target, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function webBuildIsStale(): boolean {
  const built = fs.statSync(path.join(ROOT, 'dist', 'web', 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'web')),
    newestMtime(path.join(ROOT, 'server', 'contracts.ts')),
    newestMtime(path.join(ROOT, 'server', 'contracts')),
    newestMtime(path.join(ROOT, 'server', 'live-push', 'wire.ts')),
    newestMtime(path.join(ROOT, 'package-lock.json')),
  );
  return sources > built.mtimeMs;
}

export async function ensureWebBuilt(): Promise<void> {
  if (!webBuildIsStale()) return;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  let output = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`web build failed (exit ${code}):\n${output}`);
}
