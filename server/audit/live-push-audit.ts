// Exact live views over the push socket (/ws/live): a subscription is a `live-view-start`, its end (unsubscribe,
// tile scrolled away, socket closed, permission withdrawn, camera deleted, logout) a `live-view-end` carrying how
// long it lasted. Ready for LivePushServer to call; see README.md ("Live push") for the hook it needs.
import type { StreamName } from '../contracts.ts';
import type { AuditActor, AuditService } from './audit-service.ts';

export interface LiveViewStart {
  user: AuditActor;
  cameraId: string;
  /** the stream actually sent (after sub → main fallback) */
  stream: StreamName;
  /** the client address of the socket's upgrade request (see clientAddress in audit-http.ts) */
  ip: string | null;
}

/**
 * Returns the callback LivePushServer calls when a subscription starts; the function it returns is called once
 * when that subscription ends (a second call does nothing). A subscription that moves to another stream of the
 * same camera (a sub-stream added or removed) should not be reported as an end and a new start.
 */
export function livePushViewAudit(audit: AuditService, now: () => number = Date.now) {
  return (v: LiveViewStart): (() => void) => {
    const started = now();
    audit.record({ user: v.user, action: 'live-view-start', cameraId: v.cameraId, detail: `push ${v.stream}`, ip: v.ip });
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const seconds = Math.round((now() - started) / 1000);
      audit.record({ user: v.user, action: 'live-view-end', cameraId: v.cameraId, detail: `push ${v.stream} ${seconds}s`, ip: v.ip });
    };
  };
}
