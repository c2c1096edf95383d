/**
 * The durable inbox of platform updates (table InboundUpdate). An adapter stores each update here
 * before it tells the platform the update arrived (the next getUpdates offset, a webhook's 200),
 * handles it from here and marks it handled. Rows are claimed by one process at a time with a
 * short lease that the owner renews while it runs, so two processes on one database never handle
 * the same update, and the updates of a process that died are taken over: at once when it ran on
 * this host and its pid is gone, else when its lease runs out. Handled rows are pruned after a day.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Clock } from '../core/clock.ts';
import type { DurableInbox, InboxItem } from '../core/inbound-receipt.ts';
import type { Db } from '../db/database.ts';

/** Tuning; the defaults suit production. */
export interface UpdateInboxOptions {
  /** How long a claim holds without renewal. */
  leaseMs?: number;
  /** Handled rows older than this are pruned. */
  keepHandledMs?: number;
  /** A row that was claimed this many times without being handled is set aside as 'failed'. */
  maxAttempts?: number;
}

const DEFAULTS = { leaseMs: 30_000, keepHandledMs: 24 * 3_600_000, maxAttempts: 3 } satisfies Required<UpdateInboxOptions>;
/** Rows deleted per prune statement, so a prune never holds the write lock for long. */
const PRUNE_BATCH = 5_000;

/** This process's claim owner: host and pid, so a successor on the same host can tell it died. */
function ownerId(): string {
  return `${os.hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

/** True when `owner` names a process on this host that no longer exists. */
function ownerIsDead(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The inbox of one process (see file comment). */
export class UpdateInbox implements DurableInbox {
  /** This process's claim owner (also carried in InboundReceipt). */
  readonly owner = ownerId();
  readonly #opts: Required<UpdateInboxOptions>;

  constructor(private readonly db: Db, private readonly clock: Clock, options: UpdateInboxOptions = {}) {
    this.#opts = { ...DEFAULTS, ...options };
  }

  /** The lease length; the owner renews about three times per lease. */
  get leaseMs(): number {
    return this.#opts.leaseMs;
  }

  #leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + this.#opts.leaseMs);
  }

  /**
   * Stores a batch in one statement, claimed by this process. Returns the update ids that were new;
   * ids already stored (a platform delivering again what it was not told arrived) are left alone.
   */
  async store(source: string, items: readonly InboxItem[]): Promise<Set<number>> {
    if (items.length === 0) return new Set();
    const now = this.clock.now();
    const until = this.#leaseEnd();
    // One JSON parameter instead of nine per row: Prisma's per-parameter cost dominated a 100-row insert.
    const rows = await this.db.$queryRawUnsafe<{ updateId: number | bigint }[]>(
      `INSERT INTO "InboundUpdate" ("source", "updateId", "chatKey", "payload", "status", "attempts", "claimedBy", "claimedUntil", "receivedAt")
       SELECT ?, j.value ->> 'updateId', j.value ->> 'chatKey', j.value ->> 'payload', 'processing', 1, ?, ?, ? FROM json_each(?) AS j WHERE true
       ON CONFLICT ("source", "updateId") DO NOTHING RETURNING "updateId"`,
      source, this.owner, until, now, JSON.stringify(items),
    );
    return new Set(rows.map((r) => Number(r.updateId)));
  }

  /**
   * Claims the source's unfinished rows (never started, or claimed by a process that died or let
   * its lease run out), oldest first, up to `limit`. Rows claimed too often without being handled
   * are set aside as 'failed' instead, so one update that crashes the process cannot do it forever.
   */
  async claimUnfinished(source: string, limit = 500): Promise<InboxItem[]> {
    const now = this.clock.now();
    const held = await this.db.$queryRawUnsafe<{ claimedBy: string }[]>(
      `SELECT DISTINCT "claimedBy" FROM "InboundUpdate" WHERE "source" = ? AND "status" = 'processing' AND "claimedUntil" >= ? AND "claimedBy" <> ?`,
      source, now, this.owner,
    );
    const dead = held.map((h) => h.claimedBy).filter(ownerIsDead);
    const claimable = `"source" = ? AND ("status" = 'pending' OR ("status" = 'processing' AND ("claimedUntil" < ? OR "claimedBy" IN (${dead.map(() => '?').join(', ') || 'NULL'}))))`;
    await this.db.$executeRawUnsafe(
      `UPDATE "InboundUpdate" SET "status" = 'failed', "handledAt" = ? WHERE ${claimable} AND "attempts" >= ?`,
      now, source, now, ...dead, this.#opts.maxAttempts,
    );
    const rows = await this.db.$queryRawUnsafe<{ updateId: number | bigint; chatKey: string | null; payload: string }[]>(
      `UPDATE "InboundUpdate" SET "status" = 'processing', "attempts" = "attempts" + 1, "claimedBy" = ?, "claimedUntil" = ?
       WHERE "id" IN (SELECT "id" FROM "InboundUpdate" WHERE ${claimable} ORDER BY "updateId" LIMIT ?)
       RETURNING "updateId", "chatKey", "payload"`,
      this.owner, this.#leaseEnd(), source, now, ...dead, limit,
    );
    return rows.map((r) => ({ updateId: Number(r.updateId), chatKey: r.chatKey, payload: r.payload })).sort((a, b) => a.updateId - b.updateId);
  }

  /** Marks updates handled in one statement (a no-op for those a service already settled in its transaction). */
  async markHandled(source: string, updateIds: readonly number[]): Promise<void> {
    if (updateIds.length === 0) return;
    await this.db.$executeRawUnsafe(
      `UPDATE "InboundUpdate" SET "status" = 'handled', "handledAt" = ?
       WHERE "source" = ? AND "updateId" IN (${updateIds.map(() => '?').join(', ')}) AND "status" <> 'handled'`,
      this.clock.now(), source, ...updateIds,
    );
  }

  /** Extends this process's claims; run about three times per lease while the process lives. */
  async renewClaims(): Promise<number> {
    return this.db.$executeRawUnsafe(
      `UPDATE "InboundUpdate" SET "claimedUntil" = ? WHERE "claimedBy" = ? AND "status" = 'processing'`,
      this.#leaseEnd(), this.owner,
    );
  }

  /** Deletes handled (and set-aside) rows older than the keep period, in bounded steps; returns how many. */
  async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.#opts.keepHandledMs);
    let total = 0;
    for (;;) {
      const n = await this.db.$executeRawUnsafe(
        `DELETE FROM "InboundUpdate" WHERE "id" IN (SELECT "id" FROM "InboundUpdate" WHERE "status" IN ('handled', 'failed') AND "handledAt" < ? LIMIT ?)`,
        before, PRUNE_BATCH,
      );
      total += n;
      if (n < PRUNE_BATCH) return total;
    }
  }
}
