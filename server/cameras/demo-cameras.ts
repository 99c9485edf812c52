import type { CamerasRepo } from '../db/cameras-repo.ts';

/** Demo cameras are ffmpeg test sources (nothing to install but ffmpeg), clearly named and flagged as demo. */
const DEMO = [
  { id: 'demo-1', name: 'Cổng trường THCS (demo)', pattern: 'testsrc2' },
  { id: 'demo-2', name: 'Ngõ 12, tổ dân phố 3 (demo)', pattern: 'smptehdbars' },
  { id: 'demo-3', name: 'Ngã tư chợ xã (demo)', pattern: 'rgbtestsrc' },
  { id: 'demo-4', name: 'Cửa hàng tạp hóa Minh An (demo)', pattern: 'testsrc2' },
];

/**
 * on: demo cameras exist; off: they are removed; auto: they exist only while no real camera is registered.
 * Applied at start-up. Returns whether demo cameras are present afterwards.
 */
export function syncDemoCameras(repo: CamerasRepo, mode: 'on' | 'off' | 'auto'): boolean {
  const wanted = mode === 'on' || (mode === 'auto' && repo.countReal() === 0);
  if (!wanted) {
    repo.deleteDemo();
    return false;
  }
  for (const d of DEMO) {
    if (repo.get(d.id)) continue;
    repo.insert({
      id: d.id, name: d.name, sourceKind: 'demo', mainUrl: null, mainPasswordEnc: null, subUrl: null,
      subPasswordEnc: null, demoPattern: d.pattern, isDemo: true,
    });
  }
  return true;
}
