/**
 * Marks the inbound update being handled as handled inside the transaction that writes its item
 * (see src/core/inbound-receipt.ts), so "the item exists" and "the update will not be replayed"
 * commit together. Idempotent: a message that writes two items settles once and then matches nothing.
 */
import { currentInboundReceipt } from '../core/inbound-receipt.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** The statement that settles the current receipt, for a batch or interactive transaction; null outside an inbound update. */
export function settleInboundReceipt(tx: Prisma.TransactionClient, now: Date): Prisma.PrismaPromise<number> | null {
  const receipt = currentInboundReceipt();
  if (!receipt) return null;
  return tx.$executeRawUnsafe(
    `UPDATE "InboundUpdate" SET "status" = 'handled', "handledAt" = ? WHERE "source" = ? AND "updateId" = ? AND "status" <> 'handled'`,
    now, receipt.source, receipt.updateId,
  );
}
