import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

const store = new AsyncLocalStorage<string>();

/** A short random id for one message (12 hex characters: unique enough to grep logs by). */
export function newCorrelationId(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Runs `fn` with `id` as the correlation id of everything it does, however deep (tools, services,
 * Prisma errors, model calls): the logger adds it to every line as `cid`. An id already in force
 * (set by an adapter around its own work) is kept, so one message has one id end to end.
 */
export function withCorrelation<T>(id: string | undefined, fn: () => T): T {
  const current = store.getStore();
  return current ? fn() : store.run(id || newCorrelationId(), fn);
}

/** The correlation id in force here, if any (the logger's mixin reads it). */
export function currentCorrelationId(): string | undefined {
  return store.getStore();
}
