/**
 * The durable outbox (Notification rows) seen from the scheduler. Every state change is one SQL
 * statement guarded by the row's current status and owner, so two ClawChat processes on one database
 * never both send a row: SQLite runs each UPDATE under its write lock, and `claimDue` takes a row only
 * while it is still pending (or its claim has expired), returning exactly the rows this worker won.
 *
 * Life of a row: pending → claimed → sent | pending (retry) | failed | summarized | skipped;
 * pending → cancelled when its item changes or goes away (and back to pending if re-planned).
 */
import type { Db } from '../db/database.ts';
import type { NotificationKind } from './notification-payload.ts';

/** A Notification row as the scheduler reads it. */
export interface NotificationRow {
  id: number;
  kind: string;
  userId: number;
  target: string | null;
  sourceType: string | null;
  sourceId: number | null;
  payload: string;
  dueAt: Date;
  status: string;
  attempts: number;
  claimedAt: Date | null;
  claimedBy: string | null;
  sentAt: Date | null;
  lastError: string | null;
  dedupeKey: string;
}

/** What the planner wants in the outbox for one occurrence of one item. */
export interface PlannedNotification {
  kind: NotificationKind;
  userId: number;
  sourceType: string;
  sourceId: number;
  dueAt: Date;
  /** Stable per occurrence (`reminder:<id>:<dueIso>`), so planning twice never makes two rows. */
  dedupeKey: string;
  payload: Record<string, unknown>;
}

/** Terminal states a claimed row can be retired to. */
export type RetiredStatus = 'failed' | 'skipped' | 'summarized';

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  return new Date(String(v));
}

function toRow(r: Record<string, unknown>): NotificationRow {
  return {
    id: Number(r.id), kind: String(r.kind), userId: Number(r.userId),
    target: (r.target as string | null) ?? null,
    sourceType: (r.sourceType as string | null) ?? null,
    sourceId: r.sourceId === null || r.sourceId === undefined ? null : Number(r.sourceId),
    payload: String(r.payload ?? '{}'), dueAt: toDate(r.dueAt)!, status: String(r.status),
    attempts: Number(r.attempts), claimedAt: toDate(r.claimedAt), claimedBy: (r.claimedBy as string | null) ?? null,
    sentAt: toDate(r.sentAt), lastError: (r.lastError as string | null) ?? null, dedupeKey: String(r.dedupeKey),
  };
}

/** Error text kept short so a huge platform message never bloats the table. */
function clip(error: string): string {
  return error.length > 500 ? `${error.slice(0, 497)}...` : error;
}

/**
 * Outbox operations over Prisma. Raw SQL where a single atomic statement is needed (claiming,
 * conditional upsert); the clock's `now` is always passed in, never read here.
 */
export class NotificationStore {
  constructor(private readonly db: Db) {}

  /**
   * Inserts the row for one occurrence, or refreshes it if it is still pending or was cancelled
   * (an edit undone brings it back). A row already claimed, sent or retired is left alone, so
   * re-planning after delivery never sends twice.
   */
  async upsertForSource(n: PlannedNotification, now: Date): Promise<void> {
    await this.db.$executeRawUnsafe(
      `INSERT INTO "Notification" ("kind","userId","sourceType","sourceId","payload","dueAt","status","attempts","dedupeKey","createdAt","updatedAt")
       VALUES (?,?,?,?,?,?,'pending',0,?,?,?)
       ON CONFLICT("dedupeKey") DO UPDATE SET "kind"=excluded."kind","userId"=excluded."userId","payload"=excluded."payload",
         "dueAt"=excluded."dueAt","status"='pending',"attempts"=0,"lastError"=NULL,"updatedAt"=excluded."updatedAt"
       WHERE "Notification"."status" IN ('pending','cancelled')`,
      n.kind, n.userId, n.sourceType, n.sourceId, JSON.stringify(n.payload), n.dueAt, n.dedupeKey, now, now,
    );
  }

  /**
   * Cancels the pending rows of an item (deleted, completed, or moved). With `keyPrefix` only rows
   * whose dedupeKey starts with it are touched (so re-planning a reminder leaves its snoozes alone);
   * `keepKey` spares the row just planned.
   */
  async cancelForSource(sourceType: string, sourceId: number, now: Date, opts: { keyPrefix?: string; keepKey?: string } = {}): Promise<number> {
    const params: unknown[] = [now, sourceType, sourceId];
    let extra = '';
    if (opts.keyPrefix !== undefined) { extra += ` AND substr("dedupeKey",1,?) = ?`; params.push(opts.keyPrefix.length, opts.keyPrefix); }
    if (opts.keepKey !== undefined) { extra += ` AND "dedupeKey" <> ?`; params.push(opts.keepKey); }
    return this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"='cancelled',"updatedAt"=? WHERE "sourceType"=? AND "sourceId"=? AND "status"='pending'${extra}`,
      ...params,
    );
  }

  /**
   * When the loop next has something to do: the earliest pending due time, or the moment the
   * oldest claim expires (a crashed worker's row becomes claimable again). Null when idle.
   */
  async nextWakeAt(claimTimeoutMs: number): Promise<Date | null> {
    const [pending, claimed] = await Promise.all([
      this.db.notification.findFirst({ where: { status: 'pending' }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } }),
      this.db.notification.findFirst({ where: { status: 'claimed' }, orderBy: { claimedAt: 'asc' }, select: { claimedAt: true } }),
    ]);
    const times = [pending?.dueAt?.getTime(), claimed?.claimedAt ? claimed.claimedAt.getTime() + claimTimeoutMs : undefined]
      .filter((t): t is number => t !== undefined);
    return times.length ? new Date(Math.min(...times)) : null;
  }

  /**
   * Atomically claims up to `limit` rows that are due, plus rows whose claim is older than
   * `claimTimeoutMs` (their worker died between claim and mark: they are sent at most once more).
   * Each claim counts as an attempt. Only the rows returned belong to `workerId`.
   */
  async claimDue(now: Date, workerId: string, limit: number, claimTimeoutMs: number): Promise<NotificationRow[]> {
    const stale = new Date(now.getTime() - claimTimeoutMs);
    const reclaimed = await this.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `UPDATE "Notification" SET "claimedAt"=?,"claimedBy"=?,"attempts"="attempts"+1,"updatedAt"=?
       WHERE "id" IN (SELECT "id" FROM "Notification" WHERE "status"='claimed' AND "claimedAt"<=? ORDER BY "claimedAt" LIMIT ?)
         AND "status"='claimed' AND "claimedAt"<=?
       RETURNING *`,
      now, workerId, now, stale, limit, stale,
    );
    const room = limit - reclaimed.length;
    const fresh = room <= 0 ? [] : await this.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `UPDATE "Notification" SET "status"='claimed',"claimedAt"=?,"claimedBy"=?,"attempts"="attempts"+1,"updatedAt"=?
       WHERE "id" IN (SELECT "id" FROM "Notification" WHERE "status"='pending' AND "dueAt"<=? ORDER BY "dueAt" LIMIT ?)
         AND "status"='pending'
       RETURNING *`,
      now, workerId, now, now, room,
    );
    return [...reclaimed, ...fresh].map(toRow).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  }

  /**
   * Extends this worker's claim before a send that waited long in the rate limiter. False means
   * another worker took the row over (our claim expired), so this worker must not send it.
   */
  async renewClaim(id: number, workerId: string, now: Date): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "claimedAt"=?,"updatedAt"=? WHERE "id"=? AND "status"='claimed' AND "claimedBy"=?`,
      now, now, id, workerId,
    );
    return n === 1;
  }

  /** Records a successful hand-off to the platform. False if the claim was no longer ours. */
  async markSent(id: number, workerId: string, now: Date, target: string | null, payload?: string): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"='sent',"sentAt"=?,"target"=?,"lastError"=NULL,"updatedAt"=?${payload === undefined ? '' : ',"payload"=?'}
       WHERE "id"=? AND "status"='claimed' AND "claimedBy"=?`,
      ...(payload === undefined ? [now, target, now, id, workerId] : [now, target, now, payload, id, workerId]),
    );
    return n === 1;
  }

  /**
   * `markSent` for many rows in one statement (the loop batches hand-offs that finish together).
   * Returns the ids that were still this worker's claim.
   */
  async markSentMany(items: ReadonlyArray<{ id: number; target: string | null; payload?: string }>, workerId: string, now: Date): Promise<Set<number>> {
    const done = new Set<number>();
    for (let i = 0; i < items.length; i += 300) {
      const chunk = items.slice(i, i + 300);
      const values = chunk.map(() => '(?,?,?)').join(',');
      const params = chunk.flatMap((c) => [c.id, c.target, c.payload ?? null]);
      const rows = await this.db.$queryRawUnsafe<Array<{ id: number | bigint }>>(
        `WITH v("id","target","payload") AS (VALUES ${values})
         UPDATE "Notification" SET "status"='sent',"sentAt"=?,"lastError"=NULL,"updatedAt"=?,
           "target"=(SELECT v."target" FROM v WHERE v."id"="Notification"."id"),
           "payload"=COALESCE((SELECT v."payload" FROM v WHERE v."id"="Notification"."id"),"payload")
         WHERE "id" IN (SELECT "id" FROM v) AND "status"='claimed' AND "claimedBy"=?
         RETURNING "id"`,
        ...params, now, now, workerId,
      );
      for (const r of rows) done.add(Number(r.id));
    }
    return done;
  }

  /** Gives a claimed, unsent row back (the process is stopping); the attempt is not counted. */
  async release(id: number, workerId: string, now: Date): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"='pending',"claimedAt"=NULL,"claimedBy"=NULL,"attempts"=MAX(0,"attempts"-1),"updatedAt"=?
       WHERE "id"=? AND "status"='claimed' AND "claimedBy"=?`,
      now, id, workerId,
    );
    return n === 1;
  }

  /** Puts a claimed row back to pending for another try at `nextAt` after a transient failure. */
  async markRetry(id: number, workerId: string, nextAt: Date, error: string, now: Date): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"='pending',"dueAt"=?,"claimedAt"=NULL,"claimedBy"=NULL,"lastError"=?,"updatedAt"=?
       WHERE "id"=? AND "status"='claimed' AND "claimedBy"=?`,
      nextAt, clip(error), now, id, workerId,
    );
    return n === 1;
  }

  /** Ends a claimed row without sending it (permanent error, too many attempts, stale, folded into a summary). */
  async retire(id: number, workerId: string, error: string, now: Date, status: RetiredStatus = 'failed'): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"=?,"lastError"=?,"updatedAt"=? WHERE "id"=? AND "status"='claimed' AND "claimedBy"=?`,
      status, clip(error), now, id, workerId,
    );
    return n === 1;
  }

  /**
   * Folds claimed, long-missed one-shot rows of one user into a single summary row due now, in one
   * transaction: the summary exists if and only if the originals are marked summarized.
   */
  async summarize(userId: number, rows: readonly NotificationRow[], payload: Record<string, unknown>, workerId: string, now: Date): Promise<void> {
    const key = `summary:${userId}:${now.toISOString()}:${rows[0]?.id ?? 0}`;
    await this.db.$transaction(async (tx) => {
      const s = await tx.notification.create({
        data: { kind: 'summary', userId, sourceType: 'summary', sourceId: null, payload: JSON.stringify(payload), dueAt: now, dedupeKey: key },
      });
      for (const r of rows) {
        await tx.$executeRawUnsafe(
          `UPDATE "Notification" SET "status"='summarized',"lastError"=?,"updatedAt"=? WHERE "id"=? AND "status"='claimed' AND "claimedBy"=?`,
          `in summary ${s.id}`, now, r.id, workerId,
        );
      }
    });
  }

  /** One row by id (for button handlers: Done / Snooze). */
  async findById(id: number): Promise<NotificationRow | null> {
    const r = await this.db.notification.findUnique({ where: { id } });
    return r ? toRow(r as unknown as Record<string, unknown>) : null;
  }

  /** Inserts a one-off row (a snoozed copy). Idempotent on its dedupeKey. */
  async insertOnce(n: Omit<PlannedNotification, 'sourceType' | 'sourceId'> & { sourceType: string | null; sourceId: number | null }, now: Date): Promise<void> {
    await this.db.$executeRawUnsafe(
      `INSERT INTO "Notification" ("kind","userId","sourceType","sourceId","payload","dueAt","status","attempts","dedupeKey","createdAt","updatedAt")
       VALUES (?,?,?,?,?,?,'pending',0,?,?,?) ON CONFLICT("dedupeKey") DO NOTHING`,
      n.kind, n.userId, n.sourceType, n.sourceId, JSON.stringify(n.payload), n.dueAt, n.dedupeKey, now, now,
    );
  }
}
