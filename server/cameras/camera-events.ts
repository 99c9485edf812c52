// What the camera registry announces while the hub runs. Every module that cares about cameras (media sessions,
// recorder, snapshots, realtime, the live push) subscribes to these in main.ts; nothing reaches them through
// closures in the HTTP layer.
import type { EventEmitter } from 'node:events';
import type { CameraDto } from '../contracts.ts';

export interface CameraChange {
  /** the camera as every watcher may see it (no secrets, no publish URL) */
  camera: CameraDto;
  /** where the video comes from changed (URL, password, stream key, a pushed stream started): sessions restart */
  sourceChanged: boolean;
  recordingChanged: boolean;
}

export interface CameraEventMap {
  added: [camera: CameraDto];
  changed: [change: CameraChange];
  removed: [cameraId: string];
}

export type CameraEvents = EventEmitter<CameraEventMap>;
