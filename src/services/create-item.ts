/**
 * One transaction for everything creating an item means: the row, its ChangeLog entry (for /undo),
 * the inbound update marked handled (src/inbox/settle-receipt.ts) and, when the service was given
 * a planner, the item's notification row. A crash at any point leaves all of it or none of it.
 */
import type { Db } from '../db/database.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { settleInboundReceipt } from '../inbox/settle-receipt.ts';
import type { NewTodoPlan } from './item-planning.ts';

type Tx = Prisma.TransactionClient;

/** Longest a creation waits for the connection / may run, under a burst. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

/** How to create one item (see file comment). */
export interface ItemCreation<R> {
  /** The INSERT, on the client given (the database for a batch, or the open transaction). */
  insert(tx: Tx): Prisma.PrismaPromise<R>;
  /** The ChangeLog row of the creation. */
  log(tx: Tx): Prisma.PrismaPromise<number>;
  /** Plans the item's reminder in the same (interactive) transaction; absent when nothing needs planning. */
  plan?: (id: number, tx: Tx, result: R) => Promise<void>;
  /** Or: the reminder's row as one more statement of the batch, planned before the insert. */
  planned?: NewTodoPlan | null;
  /** The created item's id, from the insert's result. */
  idOf(result: R): number;
}

/** Runs a creation as one batch (nothing to plan, or planned ahead) or one interactive transaction (planning inside). */
export async function createItem<R>(db: Db, now: Date, c: ItemCreation<R>): Promise<R> {
  const plan = c.plan;
  if (!plan) {
    const settle = settleInboundReceipt(db, now);
    // The planned row's statement reads the new id from sqlite_sequence: it must follow the insert.
    const batch: Prisma.PrismaPromise<unknown>[] = [c.insert(db), ...(c.planned ? [c.planned.statement(db)] : []), c.log(db), ...(settle ? [settle] : [])];
    const [result] = await db.$transaction(batch);
    c.planned?.committed();
    return result as R;
  }
  return db.$transaction(async (tx) => {
    const result = await c.insert(tx);
    await c.log(tx);
    await settleInboundReceipt(tx, now);
    await plan(c.idOf(result), tx, result);
    return result;
  }, TX_OPTIONS);
}
