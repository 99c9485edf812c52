// Camera alert rules with an injectable clock: a wanted camera offline for `offlineAlertMs` raises an offline
// alert; when it is online again the alert is closed and a back-online alert raised. A camera that goes idle
// (nobody watches or records it any more) is no longer wanted: its pending timer is dropped.
import type { StreamStatus } from '../contracts.ts';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What the rules raise (AlertService). */
export interface CameraAlertSink {
  cameraOffline(cameraId: string, since: number, reason: string | null): unknown;
  cameraOnline(cameraId: string, at: number): unknown;
}

interface Pending {
  since: number;
  reason: string | null;
  timer: unknown;
}

export class AlertRules {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly sink: CameraAlertSink,
    private readonly o: { offlineAlertMs: number },
    private readonly clock: Clock = systemClock,
  ) {}

  /** The camera's aggregate status changed (or its reason did). */
  onStatus(cameraId: string, status: StreamStatus, reason: string | null, at = this.clock.now()): void {
    if (status === 'offline') {
      const p = this.pending.get(cameraId);
      if (p) {
        p.reason = reason ?? p.reason;
        return;
      }
      const next: Pending = { since: at, reason, timer: null };
      const wait = Math.max(0, this.o.offlineAlertMs - (this.clock.now() - at));
      next.timer = this.clock.setTimeout(() => {
        if (this.pending.get(cameraId) !== next) return;
        this.pending.delete(cameraId);
        this.sink.cameraOffline(cameraId, next.since, next.reason);
      }, wait);
      this.pending.set(cameraId, next);
      return;
    }
    if (status === 'online') {
      this.cancel(cameraId);
      this.sink.cameraOnline(cameraId, at);
      return;
    }
    // idle: not wanted any more; connecting: a fresh start (an outage continues as offline, not connecting)
    if (status === 'idle') this.cancel(cameraId);
  }

  cameraRemoved(cameraId: string): void {
    this.cancel(cameraId);
  }

  /** cameras waiting for their offline alert (tests, diagnostics) */
  waiting(): string[] {
    return [...this.pending.keys()];
  }

  close(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }

  private cancel(cameraId: string) {
    const p = this.pending.get(cameraId);
    if (!p) return;
    this.clock.clearTimeout(p.timer);
    this.pending.delete(cameraId);
  }
}
