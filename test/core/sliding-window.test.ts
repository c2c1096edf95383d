import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/core/sliding-window.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

describe('SlidingWindowLimiter', () => {
  it('books extra events into the first slot the window allows, and refuses past maxWaiting', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(clock, { limit: 3, windowMs: 60_000 });
    const turns = Array.from({ length: 3 }, () => limiter.reserve('u', 2));
    expect(turns).toEqual([{ waitMs: 0 }, { waitMs: 0 }, { waitMs: 0 }]);
    await clock.advance(10_000);
    expect(limiter.reserve('u', 2)).toEqual({ waitMs: 50_000 }); // when the first event leaves the window
    expect(limiter.reserve('u', 2)).toEqual({ waitMs: 50_000 });
    expect(limiter.reserve('u', 2)).toBe('full'); // two already wait
    expect(limiter.reserve('other', 2)).toEqual({ waitMs: 0 }); // keys are independent
    await clock.advance(50_000);
    expect(limiter.reserve('u', 2)).toEqual({ waitMs: 0 }); // the third original event left at exactly 60 s
    expect(limiter.reserve('u', 2)).toEqual({ waitMs: 60_000 }); // the two booked at 60 s hold the window now
  });

  it('answers how long until one more event fits, without booking it', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(clock, { limit: 2, windowMs: 15 * 60_000 });
    limiter.record('k');
    expect(limiter.waitMs('k')).toBe(0);
    await clock.advance(60_000);
    limiter.record('k');
    expect(limiter.waitMs('k')).toBe(14 * 60_000);
    expect(limiter.waitMs('k')).toBe(14 * 60_000); // asking books nothing
    await clock.advance(14 * 60_000);
    expect(limiter.waitMs('k')).toBe(0);
    limiter.record('k');
    limiter.reset('k');
    expect(limiter.waitMs('k')).toBe(0);
  });

  it('keeps one event per interval for a limit of one (a chat\'s minimum interval)', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(clock, { limit: 1, windowMs: 1_000 });
    limiter.record('chat');
    expect(limiter.waitMs('chat')).toBe(1_000);
    await clock.advance(999);
    expect(limiter.waitMs('chat')).toBe(1);
    await clock.advance(1);
    expect(limiter.waitMs('chat')).toBe(0);
  });

  it('is no limit at all with an infinite limit or an empty window', () => {
    const clock = new FakeClock();
    for (const options of [{ limit: Infinity, windowMs: 1_000 }, { limit: 1, windowMs: 0 }]) {
      const limiter = new SlidingWindowLimiter(clock, options);
      for (let i = 0; i < 100; i++) limiter.record('k');
      expect(limiter.waitMs('k')).toBe(0);
      expect(limiter.reserve('k', 0)).toEqual({ waitMs: 0 });
    }
  });

  it('remembers at most maxKeys keys, least recently used forgotten first', () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(clock, { limit: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.record('a');
    limiter.record('b');
    limiter.waitMs('a'); // a is used again
    limiter.record('c'); // b goes
    expect([limiter.waitMs('a') > 0, limiter.waitMs('b') > 0, limiter.waitMs('c') > 0]).toEqual([true, false, true]);
  });
});
