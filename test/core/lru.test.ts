import { describe, expect, it } from 'vitest';
import { deleteWhere, lruCache } from '../../src/core/lru.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

describe('the one bounded cache (lru-cache on the injected clock)', () => {
  it('drops the least recently used entry past its size cap', () => {
    const cache = lruCache<string, number>({ max: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });

  it('expires entries by the fake clock, with no real timer involved', async () => {
    const clock = new FakeClock();
    const cache = lruCache<string, string>({ max: 10, ttlMs: 1_000, clock });
    cache.set('k', 'v');
    await clock.advance(1_000);
    expect(cache.get('k')).toBe('v'); // still inside its TTL at exactly 1 s
    await clock.advance(1);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0); // a stale read forgets it
  });

  it('gives single entries their own lifetime, counted from a given start', async () => {
    const clock = new FakeClock();
    const cache = lruCache<string, string>({ max: 10, clock });
    const askedAt = clock.now().getTime();
    await clock.advance(300);
    cache.set('short', 's', { ttl: 500, start: askedAt });
    cache.set('forever', 'f');
    await clock.advance(201);
    expect(cache.get('short')).toBeUndefined();
    await clock.advance(10 * 365 * 86_400_000);
    expect(cache.get('forever')).toBe('f');
  });

  it('forgets the entries a predicate picks', () => {
    const cache = lruCache<string, number>({ max: 10 });
    for (const [k, v] of [['1:a', 1], ['1:b', 2], ['2:a', 3]] as const) cache.set(k, v);
    deleteWhere(cache, (key) => key.startsWith('1:'));
    expect([...cache.keys()]).toEqual(['2:a']);
  });
});
