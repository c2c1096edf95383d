/**
 * The one bounded cache: lru-cache (isaacs), least recently used dropped past `max`, entries that
 * go stale after a TTL where the data expires. Every in-memory map that must not grow with the
 * number of users, chats or queries (identities, spaces, prepared statements, duplicate ids, open
 * questions, limiter windows, group admins, memoized time-zone maths) is one of these, so there is
 * one eviction rule to reason about instead of a hand-written one per file.
 *
 * Time comes from the injected Clock: lru-cache reads "now" through its `perf` option, and
 * `ttlResolution: 0` stops it from caching that reading behind a real `setTimeout` (which would
 * ignore a test's fake clock). `ttlAutopurge` stays off for the same reason: stale entries are
 * dropped when read or when the size cap needs room, never by a background timer.
 */
import { LRUCache } from 'lru-cache';
import type { Clock } from './clock.ts';

/** A bounded cache as built by `lruCache` (lru-cache's own class, so its full API is available). */
export type LruCache<K extends {}, V extends {}> = LRUCache<K, V>;

/**
 * Size cap, and TTL on the injected clock. Without `ttlMs` entries never expire by age, but a
 * `clock` still lets `set(key, value, { ttl })` give single entries a lifetime.
 */
export type LruOptions =
  | { max: number; ttlMs?: undefined; clock?: Pick<Clock, 'now'> }
  | { max: number; ttlMs: number; clock: Pick<Clock, 'now'> };

/** A new bounded cache (see file comment). */
export function lruCache<K extends {}, V extends {}>(options: LruOptions): LruCache<K, V> {
  const { clock } = options;
  if (!clock) return new LRUCache<K, V>({ max: options.max });
  return new LRUCache<K, V>({
    max: options.max,
    ...(options.ttlMs !== undefined && { ttl: options.ttlMs }),
    ttlResolution: 0,
    perf: { now: () => clock.now().getTime() },
  });
}

/**
 * Forgets every entry `pick` chooses. Walks the whole cache, so only for rare operations (account
 * linking moving identities, a space losing its members).
 */
export function deleteWhere<K extends {}, V extends {}>(cache: LruCache<K, V>, pick: (key: K, value: V) => boolean): void {
  const doomed: K[] = [];
  for (const [key, value] of cache.entries()) if (pick(key, value)) doomed.push(key);
  for (const key of doomed) cache.delete(key);
}
