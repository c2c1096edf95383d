/**
 * The delivery side of the outbox: claiming due rows under a short lease, recording the intent to
 * send before each send, and the outcome after it. Every change is one SQL statement guarded by the
 * row's status and owner, so several ClawChat processes on one database never both send a row.
 *
 * Life of a row here: pending → claimed (leased to one worker) → sending (intent committed, the
 * platform is being called) → sent | pending (retry) | failed. A worker renews its leases while it
 * lives; a lease left to expire means the worker died. An expired `claimed` row was never sent and
 * is simply taken over; an expired `sending` row has an unknown outcome, so it is taken over with
 * `uncertainSends` raised and the loop decides whether to send again (see delivery-loop.ts).
 *
 * A worker only claims rows it can deliver: rows whose recipient (recipient.ts) is on one of its
 * platforms, or whose user has no reachable identity at all (any worker may retire those).
 */
import type { Platform } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';
import { toRow, type NotificationRow } from './notification-store.ts';
import { deliverableBy } from './recipient.ts';

/** Error text kept short so a huge platform message never bloats the table. */
function clip(error: string): string {
  return error.length > 500 ? `${error.slice(0, 497)}...` : error;
}

/** Rows per statement when many ids go into one UPDATE. */
const CHUNK = 300;

/** Terminal states a claimed row can be retired to without sending. */
export type RetiredStatus = 'failed' | 'skipped' | 'summarized';

/** Outbox claims of one worker over Prisma; the clock's `now` is always passed in, never read here. */
export class OutboxClaims {
  constructor(private readonly db: Db, private readonly platforms: ReadonlySet<Platform>) {}

  /**
   * When the loop next has something to do: the earliest pending row it could deliver, or the
   * moment the oldest lease it could take over expires. Null when idle.
   */
  async nextWakeAt(leaseMs: number): Promise<Date | null> {
    const p = deliverableBy(this.platforms, 'n');
    const [pending] = await this.db.$queryRawUnsafe<Array<{ at: unknown }>>(
      `SELECT n."dueAt" AS at FROM "Notification" n WHERE n."status"='pending' AND ${p.sql} ORDER BY n."dueAt" LIMIT 1`, ...p.params,
    );
    const [leased] = await this.db.$queryRawUnsafe<Array<{ at: unknown }>>(
      `SELECT n."claimedAt" AS at FROM "Notification" n WHERE n."status" IN ('claimed','sending') AND n."claimedAt" IS NOT NULL AND ${p.sql} ORDER BY n."claimedAt" LIMIT 1`, ...p.params,
    );
    const leasedAt = toMs(leased?.at);
    const times = [toMs(pending?.at), leasedAt === undefined ? undefined : leasedAt + leaseMs].filter((t): t is number => t !== undefined && Number.isFinite(t));
    return times.length ? new Date(Math.min(...times)) : null;
  }

  /**
   * Atomically claims up to `limit` rows this worker can deliver: rows whose lease expired first
   * (their worker died), then due pending rows. Each claim counts as an attempt; a taken-over
   * `sending` row also counts one uncertain send. Only the rows returned belong to `workerId`.
   */
  async claimDue(now: Date, workerId: string, limit: number, leaseMs: number): Promise<NotificationRow[]> {
    const p = deliverableBy(this.platforms, 'n');
    const stale = new Date(now.getTime() - leaseMs);
    const reclaimed = await this.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `UPDATE "Notification" SET "uncertainSends"="uncertainSends"+("status"='sending'),"status"='claimed',
         "claimedAt"=?,"claimedBy"=?,"attempts"="attempts"+1,"updatedAt"=?
       WHERE "id" IN (SELECT n."id" FROM "Notification" n WHERE n."status" IN ('claimed','sending') AND n."claimedAt"<=? AND ${p.sql} ORDER BY n."claimedAt" LIMIT ?)
         AND "status" IN ('claimed','sending') AND "claimedAt"<=?
       RETURNING *`,
      now, workerId, now, stale, ...p.params, limit, stale,
    );
    const room = limit - reclaimed.length;
    const fresh = room <= 0 ? [] : await this.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `UPDATE "Notification" SET "status"='claimed',"claimedAt"=?,"claimedBy"=?,"attempts"="attempts"+1,"updatedAt"=?
       WHERE "id" IN (SELECT n."id" FROM "Notification" n WHERE n."status"='pending' AND n."dueAt"<=? AND ${p.sql} ORDER BY n."dueAt" LIMIT ?)
         AND "status"='pending'
       RETURNING *`,
      now, workerId, now, now, ...p.params, room,
    );
    return [...reclaimed, ...fresh].map(toRow).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  }

  /** The heartbeat: extends every lease this worker holds. Returns how many rows it holds. */
  async renewLeases(workerId: string, now: Date): Promise<number> {
    return this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "claimedAt"=? WHERE "claimedBy"=? AND "status" IN ('claimed','sending')`, now, workerId,
    );
  }

  /**
   * Records the intent to send, committed before the platform is called: claimed → sending for the
   * rows still leased to `workerId` (returned). A crash after this leaves the row `sending`, so the
   * worker taking it over knows a message may already be out.
   */
  async markSendingMany(ids: readonly number[], workerId: string, now: Date): Promise<Set<number>> {
    const won = new Set<number>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = await this.db.$queryRawUnsafe<Array<{ id: number | bigint }>>(
        `UPDATE "Notification" SET "status"='sending',"claimedAt"=?,"firstSendAt"=COALESCE("firstSendAt",?),"updatedAt"=?
         WHERE "id" IN (${chunk.map(() => '?').join(',')}) AND "status"='claimed' AND "claimedBy"=?
         RETURNING "id"`,
        now, now, now, ...chunk, workerId,
      );
      for (const r of rows) won.add(Number(r.id));
    }
    return won;
  }

  /**
   * Records accepted sends (sending → sent) in one statement per chunk, with where each went and,
   * when given, the payload as sent. Returns the ids that were still this worker's.
   */
  async markSentMany(items: ReadonlyArray<{ id: number; target: string | null; payload?: string; note?: string }>, workerId: string, now: Date): Promise<Set<number>> {
    const done = new Set<number>();
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      const values = chunk.map(() => '(?,?,?,?)').join(',');
      const params = chunk.flatMap((c) => [c.id, c.target, c.payload ?? null, c.note ?? null]);
      const rows = await this.db.$queryRawUnsafe<Array<{ id: number | bigint }>>(
        `WITH v("id","target","payload","note") AS (VALUES ${values})
         UPDATE "Notification" SET "status"='sent',"sentAt"=?,"updatedAt"=?,
           "target"=(SELECT v."target" FROM v WHERE v."id"="Notification"."id"),
           "lastError"=(SELECT v."note" FROM v WHERE v."id"="Notification"."id"),
           "payload"=COALESCE((SELECT v."payload" FROM v WHERE v."id"="Notification"."id"),"payload")
         WHERE "id" IN (SELECT "id" FROM v) AND "status"='sending' AND "claimedBy"=?
         RETURNING "id"`,
        ...params, now, now, workerId,
      );
      for (const r of rows) done.add(Number(r.id));
    }
    return done;
  }

  /** Gives a leased, unsent row back (stopping, or not deliverable here); the attempt is not counted. */
  async release(id: number, workerId: string, now: Date): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"='pending',"claimedAt"=NULL,"claimedBy"=NULL,"attempts"=MAX(0,"attempts"-1),"updatedAt"=?
       WHERE "id"=? AND "status"='claimed' AND "claimedBy"=?`,
      now, id, workerId,
    );
    return n === 1;
  }

  /**
   * Puts a leased row back to pending for another try at `nextAt` after a failed send; `uncertain`
   * counts a send whose outcome is unknown (the message may be out).
   */
  async markRetry(id: number, workerId: string, nextAt: Date, error: string, now: Date, uncertain = false): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"='pending',"dueAt"=?,"claimedAt"=NULL,"claimedBy"=NULL,"lastError"=?,"updatedAt"=?,"uncertainSends"="uncertainSends"+?
       WHERE "id"=? AND "status" IN ('claimed','sending') AND "claimedBy"=?`,
      nextAt, clip(error), now, uncertain ? 1 : 0, id, workerId,
    );
    return n === 1;
  }

  /** Ends a leased row without sending it (permanent error, too many attempts, stale, nobody reachable). */
  async retire(id: number, workerId: string, error: string, now: Date, status: RetiredStatus = 'failed'): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"=?,"lastError"=?,"updatedAt"=? WHERE "id"=? AND "status" IN ('claimed','sending') AND "claimedBy"=?`,
      status, clip(error), now, id, workerId,
    );
    return n === 1;
  }

  /**
   * Closes a row whose sends all ended unknown and that may not be repeated again: counted as sent
   * (it most likely arrived, and its next occurrence is planned), with the doubt in `lastError`.
   */
  async closeUnconfirmed(id: number, workerId: string, note: string, now: Date): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"='sent',"sentAt"=?,"lastError"=?,"updatedAt"=? WHERE "id"=? AND "status" IN ('claimed','sending') AND "claimedBy"=?`,
      now, clip(note), now, id, workerId,
    );
    return n === 1;
  }
}

function toMs(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
  const s = String(v);
  return /^\d+$/.test(s) ? Number(s) : Date.parse(s);
}
