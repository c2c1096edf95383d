import { describe, expect, it } from 'vitest';
import { backoffDelay, withBackoff, type BackoffPolicy } from '../../src/core/backoff.ts';
import { PlatformError } from '../../src/core/errors.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

const policy: BackoffPolicy = { maxRetries: 4, deadlineMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };
const transient = () => new PlatformError('500', 'test', 500, false);

/** A call that fails with `errors` in order, then answers 'ok'; records when each attempt started. */
function failing(clock: FakeClock, errors: Error[]) {
  const at: number[] = [];
  const op = async () => {
    at.push(clock.now().getTime());
    const e = errors.shift();
    if (e) throw e;
    return 'ok';
  };
  return { op, at };
}

describe('withBackoff', () => {
  it('backs off exponentially with jitter on transient failures, on the injected clock', async () => {
    const clock = new FakeClock();
    const { op, at } = failing(clock, [transient(), transient(), transient()]);
    const result = withBackoff(op, { clock, policy, random: () => 0.5 });
    await clock.advance(60_000);
    await expect(result).resolves.toBe('ok');
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([750, 1_500, 3_000]);
  });

  it('waits out a retry_after the platform named, even past 15 s', async () => {
    const clock = new FakeClock();
    const { op, at } = failing(clock, [new PlatformError('429', 'test', 429, false, 20_000)]);
    const result = withBackoff(op, { clock, policy });
    await clock.advance(19_999);
    expect(at).toHaveLength(1);
    await clock.advance(1);
    await expect(result).resolves.toBe('ok');
    expect(at[1]! - at[0]!).toBe(20_000);
  });

  it('gives up on permanent errors, on a retry_after above its limit, and before the deadline would pass', async () => {
    const clock = new FakeClock();
    const permanent = new PlatformError('403', 'test', 403, true);
    await expect(withBackoff(failing(clock, [permanent]).op, { clock, policy })).rejects.toBe(permanent);
    const long = new PlatformError('429', 'test', 429, false, 31_000);
    await expect(withBackoff(failing(clock, [long]).op, { clock, policy })).rejects.toBe(long);
    const short = { ...policy, deadlineMs: 2_000 };
    const { op, at } = failing(clock, [transient(), transient(), transient()]);
    const result = withBackoff(op, { clock, policy: short, random: () => 0.99 }).catch((e: unknown) => e);
    await clock.advance(10_000);
    expect(await result).toBeInstanceOf(PlatformError);
    expect(at).toHaveLength(2); // the second backoff (~2 s) would have ended past the deadline
  });

  it('stops after maxRetries and when aborted', async () => {
    const clock = new FakeClock();
    const { op, at } = failing(clock, Array.from({ length: 10 }, transient));
    const result = withBackoff(op, { clock, policy: { ...policy, deadlineMs: 600_000 } }).catch((e: unknown) => e);
    await clock.advance(600_000);
    expect(await result).toBeInstanceOf(PlatformError);
    expect(at).toHaveLength(5);
    const abort = new AbortController();
    const second = failing(clock, [transient(), transient()]);
    const aborted = withBackoff(second.op, { clock, policy, signal: abort.signal }).catch((e: unknown) => e);
    await clock.advance(1);
    abort.abort();
    expect(await aborted).toBeInstanceOf(PlatformError);
    expect(second.at).toHaveLength(1);
  });

  it('caps a single backoff at maxDelayMs', () => {
    expect(backoffDelay(policy, 10, () => 0)).toBe(4_000);
    expect(backoffDelay(policy, 10, () => 0.999_999)).toBe(8_000);
  });
});
