import { fileURLToPath } from 'node:url';
import { waitForLine, type Child, type Children } from './children.ts';

const SCRIPT = fileURLToPath(new URL('../sources/stamp-camera.py', import.meta.url));
/** Debian's python with python3-gi; the python3 first on PATH may lack it */
const PYTHON = '/usr/bin/python3';

export interface StampCameraOptions {
  /** extra mounts /cam0 … /cam<n-1>, all on the one shared media (one encoder) */
  mounts?: number;
  width?: number;
  height?: number;
  fps?: number;
  /** key-int-max in frames (fps = GOP of 1 s) */
  gop?: number;
  bitrateKbps?: number;
}

export interface StampCamera {
  readonly child: Child;
  readonly port: number;
  /** rtsp://127.0.0.1:port/<mount>; `stamp` is always there, `cam<i>` when `mounts` > i */
  url(mount?: string): string;
}

/** Starts bench/sources/stamp-camera.py and waits until it listens. */
export async function startStampCamera(children: Children, options: StampCameraOptions = {}): Promise<StampCamera> {
  const args = [SCRIPT, '--port', '0'];
  if (options.mounts) args.push('--mounts', String(options.mounts));
  if (options.width) args.push('--width', String(options.width));
  if (options.height) args.push('--height', String(options.height));
  if (options.fps) args.push('--fps', String(options.fps));
  if (options.gop) args.push('--gop', String(options.gop));
  if (options.bitrateKbps) args.push('--bitrate', String(options.bitrateKbps));
  const child = children.spawn('stamp-camera', PYTHON, args);
  const m = await waitForLine(child, /^READY (\d+)/, 15_000);
  const port = Number(m[1]);
  return { child, port, url: (mount = 'stamp') => `rtsp://127.0.0.1:${port}/${mount}` };
}
