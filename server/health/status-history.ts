// Stores every change of a camera's aggregate status (online > connecting > offline > idle over its streams), with
// the reason, folding short blips; and fixes the history after a hub restart. See README.md.
import type { StreamStatus } from '../contracts.ts';
import type { HealthRepo } from '../db/health-repo.ts';

export interface StatusHistoryOptions {
  /** a status that lasted less than this between two equal ones is dropped (the blip never happened) */
  flapMs: number;
}

export type RecordResult = 'added' | 'same' | 'blip-removed';

export class StatusHistory {
  constructor(
    private readonly repo: HealthRepo,
    private readonly o: StatusHistoryOptions,
  ) {}

  /**
   * A camera's aggregate status changed. The same status again is ignored (a new reason is not a new outage);
   * A → B → A with B shorter than flapMs removes B instead of adding A.
   */
  record(cameraId: string, status: StreamStatus, reason: string | null, at: number): RecordResult {
    const [last, previous] = this.repo.lastTwo(cameraId);
    if (last?.status === status) return 'same';
    if (last && previous && previous.status === status && at - last.at < this.o.flapMs) {
      this.repo.deleteStatus(last.id);
      return 'blip-removed';
    }
    // a status never lasts "before" the previous one: clocks moving back are clamped
    this.repo.addStatus(cameraId, status, status === 'offline' ? reason : null, Math.max(at, last?.at ?? at));
    return 'added';
  }

  /**
   * At start-up: a camera whose newest row is not idle was wanted when the hub stopped (a crash, or a kill);
   * it is idle from now on. The time between the stop and now keeps the last status (see README: crash).
   */
  startup(at: number): number {
    const open = this.repo.camerasNotIdle();
    for (const r of open) this.repo.addStatus(r.cameraId, 'idle', null, Math.max(at, r.at));
    return open.length;
  }

  /** Rows older than `days` go, each camera keeping the one row that gives its status at the cut. */
  purge(now: number, days: number): number {
    return this.repo.purgeStatus(now - days * 86_400_000);
  }
}
