/**
 * Discord's 3-second deadline with a slow core (commands and presses are deferred in time and then
 * answered), direct messages from the scheduler's side (sendDirect), rate limits, and a user whose
 * DMs are closed (50007: marked unreachable, error permanent, not retried). The app, the bot and the
 * fake Discord share one FakeClock: the slow core and the deadline are fake time, asserted in fake ms.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/core/errors.ts';
import type { MessageHandler } from '../../src/orchestrator/index.ts';
import { clockSleep } from '../fakes/clock-driver.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { alice, bob, mona, startHarness, type DiscordHarness, type HarnessOptions } from './discord-harness.ts';

/** Delays every answer of the core by `ms` of the clock. */
const slow = (clock: FakeClock, ms: number) => (inner: MessageHandler): MessageHandler => ({
  async handle(message, outlet) {
    await clockSleep(clock, ms);
    return inner.handle(message, outlet);
  },
});

/** The harness on a fresh FakeClock. */
function start(opts: Omit<HarnessOptions, 'clock' | 'wrap'> & { wrapOn?: (clock: FakeClock) => HarnessOptions['wrap'] } = {}): Promise<DiscordHarness> {
  const clock = new FakeClock();
  const { wrapOn, ...rest } = opts;
  return startHarness({ ...rest, clock, ...(wrapOn && { wrap: wrapOn(clock) }) });
}

describe('Discord deadline', () => {
  let h: DiscordHarness;
  afterEach(async () => { await h?.close(); });

  it('defers a command whose handler takes longer than 3 seconds, then edits the answer in', async () => {
    h = await start({ wrapOn: (clock) => slow(clock, 3_300), fake: { interactionDeadlineMs: 3_000 } });
    const rec = h.command(alice, 'todo', { sub: 'add', options: { text: 'slow thing' } });
    const seen = await h.answer(rec, 6_000);
    expect(rec.callbacks.map((c) => c.type)).toEqual([5]);
    expect(rec.callbacks[0]!.at - rec.dispatchedAt).toBeLessThan(3_000);
    expect(seen[0]!.content).toBe('Added todo: slow thing');
    expect(h.dc.callsTo(/\/messages\/@original$/, 'PATCH').every((c) => c.status === 200)).toBe(true);

    const press = h.press(alice, seen[0]!.customIds[0]!, seen[0]!.id);
    const pressed = await h.answer(press, 6_000);
    expect(press.callbacks.map((c) => c.type)).toEqual([6]);
    expect(press.callbacks[0]!.at - press.dispatchedAt).toBeLessThan(3_000);
    expect(pressed[0]!.content).toBe('Done: slow thing ✔');

    // A slow error stays private although "thinking…" was public: the placeholder goes, the apology follows ephemerally.
    const bad = h.command(alice, 'todo', { sub: 'done', options: { item: '#999999' } });
    const err = await h.answer(bad, 6_000);
    expect(err[0]!.content).toBe('I couldn\'t find that todo.');
    expect(err[0]!.ephemeral).toBe(true);
  });
});

describe('Discord direct messages', () => {
  let h: DiscordHarness;
  afterEach(async () => { await h?.close(); });

  it('sends a direct message, waiting out a short 429', async () => {
    h = await start();
    h.dc.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });
    // A 429 this short is waited out inside discord.js, on its own (real) timers: nothing waits on
    // the clock, so the send is awaited as is (moving fake time would only race discord.js's pause).
    const handle = await h.bot.channel.sendDirect({ platform: 'discord', userId: bob.id }, { text: 'Reminder: call mom', actions: [{ label: 'Snooze 10 min', data: 'snooze:1:10' }] });
    const dm = h.dc.dmChannelId(bob);
    const sent = h.dc.messagesIn(dm).find((m) => m.id === handle.messageId)!;
    expect(sent.content).toBe('Reminder: call mom');
    expect(h.dc.callsTo(new RegExp(`^/channels/${dm}/messages$`), 'POST').map((c) => c.status)).toEqual([429, 200]);
    await h.bot.channel.edit(handle, { text: 'Reminder: call mom (snoozed)' });
    expect(h.dc.messagesIn(dm).find((m) => m.id === handle.messageId)!.content).toBe('Reminder: call mom (snoozed)');
  });

  it('surfaces a long rate limit as a retryable PlatformError with its wait', async () => {
    h = await start();
    h.dc.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 30 });
    const error = await h.drive(h.bot.channel.sendDirect({ platform: 'discord', userId: bob.id }, { text: 'hello' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).permanent).toBe(false);
    expect((error as PlatformError).retryAfterMs).toBeGreaterThanOrEqual(29_000);
  });

  it('marks a user whose DMs are closed unreachable and fails permanently, once', async () => {
    h = await start();
    await h.answer(h.command(mona, 'help', { dm: true }));
    h.dc.closeDms(mona.id);
    const error = await h.drive(h.bot.channel.sendDirect({ platform: 'discord', userId: mona.id }, { text: 'Your briefing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).permanent).toBe(true);
    expect((error as PlatformError).code).toBe(50007);
    expect(h.unreachable).toEqual([`discord:${mona.id}`]);
    const identity = await h.app.db.identity.findFirst({ where: { platform: 'discord', externalId: mona.id } });
    expect(identity?.unreachable).toBe(true);
    expect(h.dc.callsTo(/\/messages$/, 'POST').filter((c) => c.status === 403)).toHaveLength(1);
  });
});
