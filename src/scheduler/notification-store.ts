/**
 * The durable outbox (Notification rows) seen from the planning side: rows planned, refreshed,
 * cancelled, folded into summaries. Claiming and recording sends live in outbox-claims.ts.
 *
 * Life of a row: pending → claimed → sending → sent | pending (retry) | failed | summarized | skipped;
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
  /** The platform the row belongs on (task results), else null: wherever the user is reachable. */
  platform: string | null;
  payload: string;
  dueAt: Date;
  status: string;
  attempts: number;
  claimedAt: Date | null;
  claimedBy: string | null;
  sentAt: Date | null;
  lastError: string | null;
  /** When the first send started (null: never sent). */
  firstSendAt: Date | null;
  /** Sends whose outcome is unknown so far (see outbox-claims.ts). */
  uncertainSends: number;
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
  /** A group reminder's chat (group-target.ts); absent for a direct message to `userId`. */
  target?: string | null;
}

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  return new Date(String(v));
}

/** A raw Notification row (from RETURNING * or Prisma) as the scheduler reads it. */
export function toRow(r: Record<string, unknown>): NotificationRow {
  return {
    id: Number(r.id), kind: String(r.kind), userId: Number(r.userId),
    target: (r.target as string | null) ?? null,
    sourceType: (r.sourceType as string | null) ?? null,
    sourceId: r.sourceId === null || r.sourceId === undefined ? null : Number(r.sourceId),
    platform: (r.platform as string | null | undefined) ?? null,
    payload: String(r.payload ?? '{}'), dueAt: toDate(r.dueAt)!, status: String(r.status),
    attempts: Number(r.attempts), claimedAt: toDate(r.claimedAt), claimedBy: (r.claimedBy as string | null) ?? null,
    sentAt: toDate(r.sentAt), lastError: (r.lastError as string | null) ?? null, dedupeKey: String(r.dedupeKey),
    firstSendAt: toDate(r.firstSendAt), uncertainSends: Number(r.uncertainSends ?? 0),
  };
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
      `INSERT INTO "Notification" ("kind","userId","target","sourceType","sourceId","payload","dueAt","status","attempts","dedupeKey","createdAt","updatedAt")
       VALUES (?,?,?,?,?,?,?,'pending',0,?,?,?)
       ON CONFLICT("dedupeKey") DO UPDATE SET "kind"=excluded."kind","userId"=excluded."userId","target"=excluded."target","payload"=excluded."payload",
         "dueAt"=excluded."dueAt","status"='pending',"attempts"=0,"lastError"=NULL,"updatedAt"=excluded."updatedAt"
       WHERE "Notification"."status" IN ('pending','cancelled')`,
      n.kind, n.userId, n.target ?? null, n.sourceType, n.sourceId, JSON.stringify(n.payload), n.dueAt, n.dedupeKey, now, now,
    );
  }

  /**
   * Cancels the rows of an item not yet being sent (deleted, completed, or moved): pending ones, and
   * claimed ones still waiting in a rate limiter (the loop then finds its claim gone and sends
   * nothing). With `keyPrefix` only rows whose dedupeKey starts with it are touched (so re-planning
   * a reminder leaves its snoozes alone); `keepKey` spares the row just planned; `unlessAt` spares
   * rows about that very time (payload `at`: snoozes of the occurrence that is still current).
   */
  async cancelForSource(sourceType: string, sourceId: number, now: Date, opts: { keyPrefix?: string; keepKey?: string; unlessAt?: string } = {}): Promise<number> {
    const params: unknown[] = [now, sourceType, sourceId];
    let extra = '';
    if (opts.keyPrefix !== undefined) { extra += ` AND substr("dedupeKey",1,?) = ?`; params.push(opts.keyPrefix.length, opts.keyPrefix); }
    if (opts.keepKey !== undefined) { extra += ` AND "dedupeKey" <> ?`; params.push(opts.keepKey); }
    if (opts.unlessAt !== undefined) { extra += ` AND COALESCE(json_extract("payload",'$.at'),'') <> ?`; params.push(opts.unlessAt); }
    return this.db.$executeRawUnsafe(
      `UPDATE "Notification" SET "status"='cancelled',"claimedAt"=NULL,"claimedBy"=NULL,"updatedAt"=? WHERE "sourceType"=? AND "sourceId"=? AND "status" IN ('pending','claimed')${extra}`,
      ...params,
    );
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
      `INSERT INTO "Notification" ("kind","userId","target","sourceType","sourceId","payload","dueAt","status","attempts","dedupeKey","createdAt","updatedAt")
       VALUES (?,?,?,?,?,?,?,'pending',0,?,?,?) ON CONFLICT("dedupeKey") DO NOTHING`,
      n.kind, n.userId, n.target ?? null, n.sourceType, n.sourceId, JSON.stringify(n.payload), n.dueAt, n.dedupeKey, now, now,
    );
  }
}
