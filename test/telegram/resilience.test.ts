/**
 * The adapter under Telegram's failures and load: 429 with retry_after, 5xx and dropped
 * connections (answers retried; direct messages only where that cannot send one twice), a user who blocked the bot,
 * chats handled concurrently with each chat kept in order, connections kept open and reused, and a
 * graceful stop that finishes the reply in progress and confirms the polling offset. The app, the
 * bot and the fake Bot API share one FakeClock: retry_after, backoff and slow answers cost no real
 * time, and every duration asserted is fake time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/core/errors.ts';
import type { MessageHandler } from '../../src/orchestrator/index.ts';
import { clockSleep } from '../fakes/clock-driver.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { realIdle } from '../helpers/real-idle.ts';
import { alice, bob, buttons, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

/** Delays the core's answer to one chat by `ms` of the clock, to see what waits for it and what does not. */
const slowFor = (clock: FakeClock, chatId: number, ms: number) => (inner: MessageHandler): MessageHandler => ({
  async handle(message, outlet) {
    if (message.conversation.chatId === String(chatId)) await clockSleep(clock, ms);
    return inner.handle(message, outlet);
  },
});

/** The harness on a fresh FakeClock. */
async function start(opts: Omit<NonNullable<Parameters<typeof startTelegramHarness>[0]>, 'clock'> & { wrapOn?: (clock: FakeClock) => (inner: MessageHandler) => MessageHandler } = {}) {
  const clock = new FakeClock();
  const { wrapOn, ...rest } = opts;
  const h = await startTelegramHarness({ ...rest, clock, ...(wrapOn && { wrap: wrapOn(clock) }) });
  return { h, clock };
}

/** How long Alice's slow answers take (fake ms): long enough that nothing else is mistaken for waiting behind them. */
const SLOW_MS = 5_000;

describe('Telegram adapter resilience', () => {
  let h: TelegramHarness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  it('waits out a 429 retry_after and sends the reply once', async () => {
    ({ h } = await start());
    h.tg.failNext('sendMessage', { code: 429, retryAfter: 1 });
    h.say(alice, '/help');
    const reply = await h.nextReply(alice.id);
    const attempts = h.tg.callsOf('sendMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.error?.error_code).toBe(429);
    expect(reply.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(h.tg.messagesIn(alice.id)).toHaveLength(1);
  });

  it('reports a 429 longer than a direct message waits as PlatformError.retryAfterMs (its queue waits instead)', async () => {
    const { h: harness, clock } = await start({ settings: { maxRetryAfterS: 2 } });
    h = harness;
    h.tg.failNext('sendMessage', { code: 429, retryAfter: 60 });
    const started = clock.now().getTime();
    const error = await h.drive(h.bot.channel.sendDirect({ platform: 'telegram', userId: String(alice.id) }, { text: 'hi' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 429, permanent: false, retryAfterMs: 60_000 });
    expect(clock.now().getTime() - started).toBeLessThan(1_000);
  });

  it('re-sends an answer whose connection broke, never a direct message; retries edits and polling', async () => {
    ({ h } = await start({ settings: { networkBackoffMs: 50 } }));
    h.tg.failNext('sendMessage', { drop: true });
    h.say(alice, '/help');
    await h.nextReply(alice.id); // repeated: a possible duplicate beats a person never answered
    expect(h.tg.callsOf('sendMessage')).toHaveLength(2);
    expect(h.tg.messagesIn(alice.id)).toHaveLength(1);
    h.tg.failNext('sendMessage', { drop: true });
    const direct = await h.drive(h.bot.channel.sendDirect({ platform: 'telegram', userId: String(alice.id) }, { text: 'Reminder' })).catch((e: unknown) => e);
    expect(direct).toMatchObject({ permanent: false }); // left to the reminder queue, which records the unknown outcome
    expect(h.tg.callsOf('sendMessage')).toHaveLength(3);

    h.tg.failNext('getUpdates', { code: 502 });
    h.say(alice, '/todo survive the outage');
    const card = await h.nextReply(alice.id);
    h.tg.failNext('editMessageText', { drop: true });
    h.tg.failNext('editMessageText', { code: 500 });
    const done = buttons(card).find((d) => d.startsWith('done:'))!;
    h.tg.pressButton({ chatId: alice.id, from: alice, messageId: messageIdOf(card), data: done });
    await h.tg.waitForCall('answerCallbackQuery', (c) => !c.error, 1, 10_000);
    const edits = h.tg.callsOf('editMessageText');
    expect(edits.map((c) => c.error?.error_code ?? 'ok')).toEqual([0, 500, 'ok']);
    expect(edits[2]!.at - edits[1]!.at).toBeGreaterThanOrEqual(400); // backed off after the 5xx (2nd retry: 0.5–1 s)
    expect(h.tg.messagesIn(alice.id).at(-1)!.text).toContain('✅');
  });

  it('reports polling refused for good (revoked token) so the process can stop', async () => {
    let fatal: unknown;
    ({ h } = await start({ onFatal: (error) => { fatal = error; } }));
    h.tg.failNext('getUpdates', { code: 401 });
    h.say(alice, '/help'); // wakes the held poll; the next one is refused
    await h.until(() => fatal, { timeoutMs: 8_000 });
    expect(fatal).toMatchObject({ error_code: 401 });
  });

  it('marks a user who blocked the bot unreachable, and reachable again when they write', async () => {
    ({ h } = await start());
    h.say(bob, '/start');
    await h.nextReply(bob.id);
    h.tg.blockUser(bob.id);
    const error = await h.drive(h.bot.channel.sendDirect({ platform: 'telegram', userId: String(bob.id) }, { text: 'Reminder: call mom' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 403, permanent: true });
    expect(h.events.unreachable).toEqual([String(bob.id)]);
    const identity = () => h!.app.db.identity.findFirstOrThrow({ where: { platform: 'telegram', externalId: String(bob.id) } });
    expect((await identity()).unreachable).toBe(true);
    h.say(bob, '/help'); // the answer bounces too: not retried
    await h.tg.waitForCall('sendMessage', (c) => c.error?.error_code === 403, 2);
    await h.drive(clockSleep(h.clock!, 300));
    expect(h.tg.callsOf('sendMessage').filter((c) => c.error?.error_code === 403)).toHaveLength(2);

    h.tg.blockUser(bob.id, false);
    h.say(bob, '/help');
    await h.nextReply(bob.id);
    expect((await identity()).unreachable).toBe(false);

    // Telegram's own notice of a block (my_chat_member "kicked") marks them too.
    h.tg.pushUpdate({ my_chat_member: { chat: { id: bob.id, type: 'private', first_name: 'Bob' }, from: { ...bob, is_bot: false }, date: 1, old_chat_member: { status: 'member', user: h.tg.botUser }, new_chat_member: { status: 'kicked', user: h.tg.botUser, until_date: 0 } } });
    await h.until(() => h!.events.unreachable.length === 3);
    expect(h.events.unreachable).toHaveLength(3);
  });

  it('handles chats concurrently while keeping each chat in order', async () => {
    const { h: harness, clock } = await start({ wrapOn: (c) => slowFor(c, alice.id, SLOW_MS) });
    h = harness;
    const started = clock.now().getTime();
    for (const n of [1, 2, 3]) h.say(alice, `/todo errand ${n}`);
    h.say(bob, '/help');
    const bobs = await h.nextReply(bob.id);
    expect(bobs.at - started).toBeLessThan(SLOW_MS); // Bob did not wait behind Alice
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await h.nextReply(alice.id, 4 * SLOW_MS));
    expect(replies.map((r) => /errand (\d)/.exec(plain(r.params.text))?.[1])).toEqual(['1', '2', '3']);
    expect(replies[2]!.at - started).toBeGreaterThanOrEqual(3 * SLOW_MS); // one after another
  });

  it('keeps its connections to the Bot API open and reuses them, also across a lull', async () => {
    ({ h } = await start());
    const before = h.tg.connectionsAccepted;
    const burst = async (from: number, count: number) => {
      const sent = h!.tg.callsOf('sendMessage').length;
      for (let i = 0; i < count; i++) h!.tg.sendText({ chatId: from + i, from: { id: from + i, first_name: `User ${i}` }, text: '/help' });
      await h!.until(() => h!.tg.callsOf('sendMessage').length - sent >= count, { timeoutMs: 10_000 });
      expect(h!.tg.callsOf('sendMessage').length - sent).toBe(count);
    };
    await burst(70_000, 300);
    await realIdle(1_500); // the lull is the sockets' (real) idle time; no fake clock reaches the network stack
    await burst(80_000, 100);
    // At most one connection per concurrent request (the agent allows 64) plus the long poll: not
    // one per reply, which over HTTPS would be a TLS handshake each.
    expect(h.tg.connectionsAccepted - before).toBeLessThanOrEqual(66);
  });

  it('stops gracefully: finishes the reply in progress and confirms the offset', async () => {
    ({ h } = await start({ wrapOn: (c) => slowFor(c, alice.id, 800) }));
    h.say(alice, '/todo finish me');
    await h.until(() => h!.inbound.length === 1);
    expect(h.inbound).toHaveLength(1);
    await h.drive(h.bot.stop());
    expect(h.sent(alice.id)).toHaveLength(1);
    expect(plain(h.sent(alice.id)[0]!.params.text)).toContain('finish me');
    const last = h.tg.callsOf('getUpdates').at(-1)!;
    expect(last.params).toMatchObject({ timeout: 0 });
    expect(h.tg.pendingUpdates).toHaveLength(0);
  });
});
