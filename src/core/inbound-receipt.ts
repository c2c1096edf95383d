/**
 * The stored inbound update a message came from, carried through the core in async context (like
 * the correlation id). A service that writes an item marks the update handled inside the same
 * transaction (src/inbox/settle-receipt.ts), so after a crash the update is either replayed with
 * nothing written, or not replayed because its item exists: never lost, never applied twice.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Which stored update is being handled, and by which claim owner. */
export interface InboundReceipt {
  /** The receiving bot, e.g. "telegram:123456". */
  source: string;
  updateId: number;
  /** The process's claim owner; settling only succeeds while this claim holds. */
  owner: string;
}

const store = new AsyncLocalStorage<InboundReceipt>();

/** Runs `fn` (the handling of one stored update) with `receipt` in force for everything it does. */
export function withInboundReceipt<T>(receipt: InboundReceipt, fn: () => T): T {
  return store.run(receipt, fn);
}

/** The receipt of the update being handled here, if it came from the inbox. */
export function currentInboundReceipt(): InboundReceipt | undefined {
  return store.getStore();
}

/** One update as an adapter hands it to the inbox. */
export interface InboxItem {
  updateId: number;
  /** Updates of one chat are handled in order; recovery returns them by update id. */
  chatKey: string | null;
  /** The platform's update as JSON text. */
  payload: string;
}

/**
 * The durable inbox as adapters see it (implemented by src/inbox/update-inbox.ts): store before
 * acknowledging, claim what is unfinished, mark handled, keep claims alive, prune.
 */
export interface DurableInbox {
  /** This process's claim owner. */
  readonly owner: string;
  /** How long a claim holds without renewal. */
  readonly leaseMs: number;
  /** Stores a batch claimed by this process; returns the update ids that were new. */
  store(source: string, items: readonly InboxItem[]): Promise<Set<number>>;
  /** Claims unfinished rows (never started, or of a dead or expired owner), oldest first. */
  claimUnfinished(source: string, limit?: number): Promise<InboxItem[]>;
  /** Marks updates handled, in one statement. */
  markHandled(source: string, updateIds: readonly number[]): Promise<void>;
  renewClaims(): Promise<number>;
  /** Deletes old handled rows; returns how many. */
  prune(): Promise<number>;
}
