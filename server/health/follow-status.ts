// Follows the media service's stream statuses and the registry's removals (subscribed in main.ts): each change of
// a camera's aggregate status goes into the history and through the alert rules.
import type { CameraEvents } from '../cameras/camera-events.ts';
import type { StreamStatus } from '../contracts.ts';
import type { StreamStatusEvent } from '../media/types.ts';
import type { AlertRules } from './alert-rules.ts';
import type { StatusHistory } from './status-history.ts';

export interface StatusSource {
  on(event: 'status', listener: (e: StreamStatusEvent) => void): unknown;
  off(event: 'status', listener: (e: StreamStatusEvent) => void): unknown;
}

/** The camera's status over its streams now (camera-service.ts aggregateStatus). */
export type CameraStatusOf = (cameraId: string) => { status: StreamStatus; lastError: string | null };

/** Returns the function that stops following. */
export function followCameraHealth(
  media: StatusSource, cameras: CameraEvents, statusOf: CameraStatusOf, history: StatusHistory, rules: AlertRules,
  now: () => number = Date.now,
): () => void {
  const last = new Map<string, { status: StreamStatus; lastError: string | null }>();
  const onStatus = (e: StreamStatusEvent) => {
    const agg = statusOf(e.cameraId);
    const prev = last.get(e.cameraId);
    if (prev && prev.status === agg.status && prev.lastError === agg.lastError) return;
    last.set(e.cameraId, { status: agg.status, lastError: agg.lastError });
    const at = Number.isFinite(Date.parse(e.at)) ? Date.parse(e.at) : now();
    history.record(e.cameraId, agg.status, agg.lastError, at);
    rules.onStatus(e.cameraId, agg.status, agg.lastError, at);
  };
  const onRemoved = (cameraId: string) => {
    last.delete(cameraId);
    rules.cameraRemoved(cameraId);
    history.record(cameraId, 'idle', null, now());
  };
  media.on('status', onStatus);
  cameras.on('removed', onRemoved);
  return () => {
    media.off('status', onStatus);
    cameras.off('removed', onRemoved);
  };
}
