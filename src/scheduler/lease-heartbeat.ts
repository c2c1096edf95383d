/**
 * Keeps a worker's outbox leases alive while it holds any: every `everyMs` it renews them, so rows
 * waiting in a rate limiter stay this worker's, while a killed worker's rows expire within a lease
 * and are taken over by another process. Runs on the injected Clock; idle workers write nothing.
 */
import type { CancelTimer, Clock } from '../core/clock.ts';

/** Starts and stops renewals as a worker's claims come and go. */
export class LeaseHeartbeat {
  private timer: CancelTimer | null = null;
  private holding = false;

  constructor(
    private readonly clock: Clock,
    private readonly everyMs: number,
    private readonly renew: (now: Date) => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** The worker holds claims (true) or none any more (false). */
  set(holding: boolean): void {
    this.holding = holding;
    if (holding && !this.timer) this.schedule();
    if (!holding) this.stop();
  }

  /** Stops renewing (the worker is stopping or holds nothing). */
  stop(): void {
    this.timer?.();
    this.timer = null;
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (!this.holding) return;
      this.schedule();
      this.renew(this.clock.now()).catch(this.onError);
    }, this.everyMs);
  }
}
