/**
 * The daily prune: tables that only grow (the outbox, the undo log, token usage, link codes, which
 * message created which item) lose
 * rows nobody can use any more. Deletes go in small batches, one short statement each, so the
 * database's write lock is never held for long and the bot keeps answering while it runs; every
 * batch re-checks its condition, so two processes pruning the same database at once only share the
 * work (a row already gone is simply not deleted twice).
 */
import type { CancelTimer, Clock } from '../core/clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { nextOccurrence } from '../recurrence/next-run.ts';

/** Outbox statuses that are final: nothing reads such a row again once it is old. */
export const FINISHED_NOTIFICATION_STATUSES = ['sent', 'failed', 'skipped', 'summarized', 'cancelled'] as const;

/** How long each kind of row is kept, and how the prune runs. */
export interface HousekeepingOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Finished notifications older than this many days (by last update) go; default 30. */
  notificationDays?: number;
  /** Undo entries older than this go (the undo window is 10 minutes); default 1 day. */
  changeLogMs?: number;
  /** Token-usage rows not updated for this many days go (budgets only read today's); default 90. */
  usageDays?: number;
  /** Link codes expired this long ago go; default 1 day. */
  linkCodeGraceMs?: number;
  /** Which-message-created-which-item rows older than this go (edits follow recent messages); default 48 hours. */
  messageItemsMs?: number;
  /** Rows per delete statement; default 1,000. */
  batchSize?: number;
  /** When the daily run happens (a rule for next-run.ts, read in `timeZone`); default 03:17. */
  rule?: string;
  timeZone?: string;
}

/** Rows removed by one prune, per table, and the number of delete statements it took. */
export interface PruneResult {
  notifications: number;
  changeLog: number;
  llmUsage: number;
  linkCodes: number;
  messageItems: number;
  statements: number;
}

const DAY_MS = 86_400_000;

/**
 * Runs the prune once a day on the injected clock (the time comes from croner's next-run maths,
 * the waiting from `clock.setTimeout`, so tests move a fake clock instead of sleeping).
 */
export class Housekeeping {
  readonly #o: Required<Omit<HousekeepingOptions, 'logger'>> & { logger: Logger };
  #cancel: CancelTimer | null = null;
  #running: Promise<unknown> | null = null;

  constructor(options: HousekeepingOptions) {
    this.#o = {
      notificationDays: 30, changeLogMs: DAY_MS, usageDays: 90, linkCodeGraceMs: DAY_MS, messageItemsMs: 2 * DAY_MS, batchSize: 1_000,
      rule: 'daily@03:17', timeZone: 'UTC', ...options, logger: options.logger.child({ area: 'housekeeping' }),
    };
  }

  /** Arms the daily run (idempotent). */
  start(): void {
    if (this.#cancel) return;
    this.#arm();
  }

  /** Disarms the daily run and waits for a prune in progress. */
  async stop(): Promise<void> {
    this.#cancel?.();
    this.#cancel = null;
    await this.#running;
  }

  #arm(): void {
    const now = this.#o.clock.now();
    const next = nextOccurrence(this.#o.rule, this.#o.timeZone, now) ?? new Date(now.getTime() + DAY_MS);
    this.#cancel = this.#o.clock.setTimeout(() => {
      this.#running = this.prune()
        .then((result) => this.#o.logger.info({ ...result }, 'housekeeping pruned old rows'))
        .catch((err: unknown) => this.#o.logger.warn({ err }, 'housekeeping failed; will try again tomorrow'))
        .finally(() => { this.#running = null; if (this.#cancel) this.#arm(); });
    }, next.getTime() - now.getTime());
  }

  /** Deletes every kind of old row now, batch by batch; returns what went. */
  async prune(): Promise<PruneResult> {
    const { db, clock } = this.#o;
    const now = clock.now().getTime();
    const result: PruneResult = { notifications: 0, changeLog: 0, llmUsage: 0, linkCodes: 0, messageItems: 0, statements: 0 };
    const notificationWhere = { status: { in: [...FINISHED_NOTIFICATION_STATUSES] }, updatedAt: { lt: new Date(now - this.#o.notificationDays * DAY_MS) } };
    result.notifications = await this.#inBatches(result,
      () => db.notification.findMany({ where: notificationWhere, select: { id: true }, orderBy: { id: 'asc' }, take: this.#o.batchSize }),
      (ids) => db.notification.deleteMany({ where: { id: { in: ids }, ...notificationWhere } }));
    const changeWhere = { createdAt: { lt: new Date(now - this.#o.changeLogMs) } };
    result.changeLog = await this.#inBatches(result,
      () => db.changeLog.findMany({ where: changeWhere, select: { id: true }, orderBy: { id: 'asc' }, take: this.#o.batchSize }),
      (ids) => db.changeLog.deleteMany({ where: { id: { in: ids }, ...changeWhere } }));
    const usageWhere = { updatedAt: { lt: new Date(now - this.#o.usageDays * DAY_MS) } };
    result.llmUsage = await this.#inBatches(result,
      () => db.llmUsage.findMany({ where: usageWhere, select: { id: true }, orderBy: { id: 'asc' }, take: this.#o.batchSize }),
      (ids) => db.llmUsage.deleteMany({ where: { id: { in: ids }, ...usageWhere } }));
    const codeWhere = { expiresAt: { lt: new Date(now - this.#o.linkCodeGraceMs) } };
    result.linkCodes = await this.#inBatches(result,
      () => db.linkCode.findMany({ where: codeWhere, select: { id: true }, orderBy: { id: 'asc' }, take: this.#o.batchSize }),
      (ids) => db.linkCode.deleteMany({ where: { id: { in: ids }, ...codeWhere } }));
    const messageItemWhere = { createdAt: { lt: new Date(now - this.#o.messageItemsMs) } };
    result.messageItems = await this.#inBatches(result,
      () => db.messageItem.findMany({ where: messageItemWhere, select: { id: true }, orderBy: { id: 'asc' }, take: this.#o.batchSize }),
      (ids) => db.messageItem.deleteMany({ where: { id: { in: ids }, ...messageItemWhere } }));
    return result;
  }

  /**
   * Picks up to one batch of ids, deletes them (re-checking the condition), and repeats until a
   * batch comes back short. Each step is its own statement: no long transaction, no long lock.
   */
  async #inBatches(result: PruneResult, pick: () => Promise<{ id: number }[]>, remove: (ids: number[]) => Promise<{ count: number }>): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = (await pick()).map((r) => r.id);
      if (ids.length === 0) return total;
      total += (await remove(ids)).count;
      result.statements++;
      if (ids.length < this.#o.batchSize) return total;
    }
  }
}
