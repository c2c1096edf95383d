/** Proves FakeClock orders timers, runs timers scheduled by timers and async code, cancels, and jumps. */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock.ts';

describe('FakeClock', () => {
  it('fires due timers in time order with now() at each due time, including nested and async ones', async () => {
    const clock = new FakeClock('2025-01-01T00:00:00Z');
    const log: string[] = [];
    const at = (): string => clock.now().toISOString().slice(11, 19);
    clock.setTimeout(() => log.push(`b@${at()}`), 2_000);
    clock.setTimeout(() => {
      log.push(`a@${at()}`);
      clock.setTimeout(() => log.push(`nested@${at()}`), 500);
      void Promise.resolve().then(async () => {
        await Promise.resolve();
        clock.setTimeout(() => log.push(`async@${at()}`), 100);
      });
    }, 1_000);
    clock.setTimeout(() => log.push(`tie@${at()}`), 2_000);
    const cancel = clock.setTimeout(() => log.push('cancelled'), 1_500);
    cancel();
    clock.setTimeout(() => log.push('later'), 10_000);
    await clock.advance(3_000);
    expect(log).toEqual(['a@00:00:01', 'async@00:00:01', 'nested@00:00:01', 'b@00:00:02', 'tie@00:00:02']);
    expect(log.indexOf('async@00:00:01')).toBeLessThan(log.indexOf('nested@00:00:01'));
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:03.000Z');
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextTimerAt()?.toISOString()).toBe('2025-01-01T00:00:10.000Z');
  });

  it('set() jumps wall time keeping remaining delays; runAll drains; runaway loops throw', async () => {
    const clock = new FakeClock(0);
    let fired = 0;
    clock.setTimeout(() => fired++, 1_000);
    clock.set('2030-06-01T00:00:00Z');
    await clock.advance(999);
    expect(fired).toBe(0);
    await clock.advance(1);
    expect(fired).toBe(1);
    clock.setTimeout(() => clock.setTimeout(() => fired++, 5), 5);
    await clock.runAll();
    expect(fired).toBe(2);
    const loop = (): void => void clock.setTimeout(loop, 0);
    loop();
    await expect(clock.advance(1, 50)).rejects.toThrow(/more than 50 timers/);
  });

  it('a throwing timer rejects advance()', async () => {
    const clock = new FakeClock();
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 10);
    await expect(clock.advance(20)).rejects.toThrow('boom');
  });
});
