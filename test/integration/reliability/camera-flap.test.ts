// A camera that dies and comes back, again and again (50 times by default, FLAP_CYCLES to change), while it is
// recorded: every outage is seen (offline) and recovered (online, footage growing again), no ffmpeg is left
// behind, and the hub's open file descriptors stay flat. Real hub, real GStreamer camera killed with SIGKILL.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, eventually } from '../sources/source-helpers.ts';

const CYCLES = Number(process.env.FLAP_CYCLES ?? 50);

let hub: TestHub;
let camera: RtspCamera;
let api: ReturnType<typeof apiClient>;

/** processes whose parent is the hub, by name */
function children(pid: number): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const m = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
      if (m && Number(m[2]) === pid) out.push(m[1]!);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const openFds = (pid: number) => fs.readdirSync(`/proc/${pid}/fd`).length;

function recordedBytes(cameraId: string): number {
  const dir = path.join(hub.dataDir, 'recordings', cameraId);
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const day of fs.readdirSync(dir)) for (const f of fs.readdirSync(path.join(dir, day))) total += fs.statSync(path.join(dir, day, f)).size;
  return total;
}

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/main:320x180@15:15'] });
  hub = await startTestHub({ config: { recording: { defaultMode: 'continuous', segmentSec: 5 }, media: { connectTimeoutSec: 2 } } });
  api = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
}, 30_000);
afterAll(async () => {
  await hub?.close();
  await camera?.kill();
});

describe('a camera that keeps dying', () => {
  it(`recovers from ${CYCLES} outages with no zombie ffmpeg and flat file descriptors`, async () => {
    const r = await api('POST', '/api/cameras', { name: 'Ngõ 12, nhà bà Hoa', source: { kind: 'rtsp', url: camera.url() } });
    expect(r.status, r.text).toBe(201);
    const id: string = r.json.camera.id;
    const status = async () => (await api('GET', `/api/cameras/${id}`)).json.camera.status as string;
    await eventually(async () => ((await status()) === 'online' ? true : undefined), 20_000, 'first online');
    await eventually(() => (recordedBytes(id) > 0 ? true : undefined), 10_000, 'first footage');
    const pid = hub.process.pid!;
    const fdsBefore = openFds(pid);
    const recoveries: number[] = [];

    for (let i = 0; i < CYCLES; i++) {
      await camera.kill();
      await eventually(async () => ((await status()) === 'offline' ? true : undefined), 20_000, `outage ${i + 1} seen`);
      await camera.restart();
      const back = Date.now();
      await eventually(async () => ((await status()) === 'online' ? true : undefined), 30_000, `recovery ${i + 1}`);
      const bytes = recordedBytes(id);
      await eventually(() => (recordedBytes(id) > bytes ? true : undefined), 10_000, `footage after recovery ${i + 1}`);
      recoveries.push(Date.now() - back);
    }

    const ffmpegs = children(pid).filter((n) => n === 'ffmpeg').length;
    const fdsAfter = openFds(pid);
    recoveries.sort((a, b) => a - b);
    console.log(`camera flap: ${CYCLES} outages recovered; camera back → hub online + footage p50 ${recoveries[Math.floor(CYCLES / 2)]} ms, `
      + `max ${recoveries.at(-1)} ms; ffmpeg children ${ffmpegs}; hub fds ${fdsBefore} → ${fdsAfter}`);
    expect(recoveries).toHaveLength(CYCLES);
    expect(ffmpegs).toBe(1); // the one session of the recorded camera, nothing left over from the 50 drops
    expect(fdsAfter).toBeLessThanOrEqual(fdsBefore + 8); // a leak of one descriptor per outage would show 50
  }, 20 * 60_000);
});
