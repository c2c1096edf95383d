import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock.ts';
import { PLATFORM_LIMITS, RateLimiter } from '../../src/scheduler/rate-limiter.ts';

const T0 = new Date('2026-11-21T08:00:00Z');

describe('RateLimiter', () => {
  it('queues a 10,000-message burst at Telegram\'s 30/s instead of dropping it', async () => {
    const clock = new FakeClock(T0);
    const limiter = new RateLimiter(clock, PLATFORM_LIMITS.telegram);
    const startedAt: number[] = [];
    const all = Array.from({ length: 10_000 }, (_, i) => limiter.schedule(`chat-${i}`, async () => { startedAt.push(clock.now().getTime() - T0.getTime()); return i; }));
    await clock.advance(0);
    expect(startedAt).toHaveLength(30); // the burst allowance
    expect(limiter.queued).toBe(9_970);
    await clock.advance(1_000);
    expect(startedAt.length).toBeGreaterThanOrEqual(59);
    expect(startedAt.length).toBeLessThanOrEqual(61);
    await clock.advance(400_000, 100_000);
    expect((await Promise.all(all)).length).toBe(10_000);
    // No one-second window ever holds more than burst + rate.
    let j = 0;
    for (let i = 0; i < startedAt.length; i++) {
      while (startedAt[i]! - startedAt[j]! >= 1_000) j++;
      expect(i - j + 1).toBeLessThanOrEqual(60);
    }
    const last = startedAt[startedAt.length - 1]!;
    expect(last).toBeGreaterThan(330_000);
    expect(last).toBeLessThan(335_000);
  });

  it('keeps one chat to one message per second without holding up other chats', async () => {
    const clock = new FakeClock(T0);
    const limiter = new RateLimiter(clock, PLATFORM_LIMITS.telegram);
    const log: string[] = [];
    const jobs = [
      ...[1, 2, 3].map((n) => limiter.schedule('A', async () => { log.push(`A${n}@${clock.now().getTime() - T0.getTime()}`); })),
      limiter.schedule('B', async () => { log.push(`B1@${clock.now().getTime() - T0.getTime()}`); }),
    ];
    await clock.advance(5_000);
    await Promise.all(jobs);
    expect(log).toEqual(['A1@0', 'B1@0', 'A2@1000', 'A3@2000']);
  });

  it('backs the whole queue off when the platform says retry-after', async () => {
    const clock = new FakeClock(T0);
    const limiter = new RateLimiter(clock, { ratePerSecond: 10, perChatIntervalMs: 0 });
    limiter.pauseFor(3_000);
    const at: number[] = [];
    const p = limiter.schedule('x', async () => { at.push(clock.now().getTime() - T0.getTime()); });
    await clock.advance(2_999);
    expect(at).toEqual([]);
    await clock.advance(1);
    await p;
    expect(at).toEqual([3_000]);
  });

  it('passes the send\'s result or error through, and withdrawn jobs reject without running', async () => {
    const clock = new FakeClock(T0);
    const limiter = new RateLimiter(clock, { ratePerSecond: 1, burst: 1, perChatIntervalMs: 0 });
    await expect(limiter.schedule('a', async () => 42)).resolves.toBe(42);
    const failing = limiter.schedule('b', async () => { throw new Error('boom'); }).catch((e: Error) => e.message);
    const ac = new AbortController();
    let ran = false;
    const withdrawn = limiter.schedule('c', async () => { ran = true; }, ac.signal).catch((e: Error) => e.message);
    ac.abort(new Error('stopped'));
    await clock.advance(5_000);
    expect(await failing).toBe('boom');
    expect(await withdrawn).toBe('stopped');
    expect(ran).toBe(false);
    expect(limiter.queued).toBe(0);
  });

  it('holds at most maxConcurrent sends in flight and starts the next one as soon as one settles', async () => {
    const clock = new FakeClock(T0);
    const limiter = new RateLimiter(clock, { ratePerSecond: Infinity, perChatIntervalMs: 0, maxConcurrent: 2 });
    const release: (() => void)[] = [];
    const started: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((chat) => limiter.schedule(chat, () => new Promise<void>((resolve) => { started.push(chat); release.push(resolve); })));
    await clock.advance(0);
    expect([started, limiter.inFlight, limiter.queued]).toEqual([['a', 'b'], 2, 2]);
    release.shift()!();
    await clock.advance(0);
    expect([started, limiter.inFlight, limiter.queued]).toEqual([['a', 'b', 'c'], 2, 1]);
    while (release.length) { release.shift()!(); await clock.advance(0); }
    await Promise.all(jobs);
    expect([started, limiter.inFlight, limiter.queued]).toEqual([['a', 'b', 'c', 'd'], 0, 0]);
  });

  it('never lets more than the burst go in any window of burst / rate seconds', async () => {
    const clock = new FakeClock(T0);
    const limiter = new RateLimiter(clock, { ratePerSecond: 10, burst: 5, perChatIntervalMs: 0 });
    const at: number[] = [];
    const all = Array.from({ length: 23 }, (_, i) => limiter.schedule(`c${i}`, async () => { at.push(clock.now().getTime() - T0.getTime()); }));
    await clock.advance(5_000);
    await Promise.all(all);
    expect(at).toEqual([...Array(5).fill(0), ...Array(5).fill(500), ...Array(5).fill(1_000), ...Array(5).fill(1_500), ...Array(3).fill(2_000)]);
  });
});
