/**
 * The adapter under Telegram's failures and load: 429 with retry_after, 5xx and dropped
 * connections (answers retried; direct messages only where that cannot send one twice), a user who blocked the bot,
 * chats handled concurrently with each chat kept in order, connections kept open and reused, and a
 * graceful stop that finishes the reply in progress and confirms the polling offset.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/core/errors.ts';
import type { MessageHandler } from '../../src/orchestrator/index.ts';
import { alice, bob, buttons, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Delays the core's answer to one chat, to see what waits for it and what does not. */
const slowFor = (chatId: number, ms: number) => (inner: MessageHandler): MessageHandler => ({
  async handle(message, outlet) {
    if (message.conversation.chatId === String(chatId)) await sleep(ms);
    return inner.handle(message, outlet);
  },
});

describe('Telegram adapter resilience', () => {
  let h: TelegramHarness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  it('waits out a 429 retry_after and sends the reply once', async () => {
    h = await startTelegramHarness();
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
    h = await startTelegramHarness({ settings: { maxRetryAfterS: 2 } });
    h.tg.failNext('sendMessage', { code: 429, retryAfter: 60 });
    const started = Date.now();
    const error = await h.bot.channel.sendDirect({ platform: 'telegram', userId: String(alice.id) }, { text: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 429, permanent: false, retryAfterMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('re-sends an answer whose connection broke, never a direct message; retries edits and polling', async () => {
    h = await startTelegramHarness({ settings: { networkBackoffMs: 50 } });
    h.tg.failNext('sendMessage', { drop: true });
    h.say(alice, '/help');
    await h.nextReply(alice.id); // repeated: a possible duplicate beats a person never answered
    expect(h.tg.callsOf('sendMessage')).toHaveLength(2);
    expect(h.tg.messagesIn(alice.id)).toHaveLength(1);
    h.tg.failNext('sendMessage', { drop: true });
    const direct = await h.bot.channel.sendDirect({ platform: 'telegram', userId: String(alice.id) }, { text: 'Reminder' }).catch((e: unknown) => e);
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
    h = await startTelegramHarness({ onFatal: (error) => { fatal = error; } });
    h.tg.failNext('getUpdates', { code: 401 });
    h.say(alice, '/help'); // wakes the held poll; the next one is refused
    await expect.poll(() => fatal, { timeout: 8_000 }).toMatchObject({ error_code: 401 });
  });

  it('marks a user who blocked the bot unreachable, and reachable again when they write', async () => {
    h = await startTelegramHarness();
    h.say(bob, '/start');
    await h.nextReply(bob.id);
    h.tg.blockUser(bob.id);
    const error = await h.bot.channel.sendDirect({ platform: 'telegram', userId: String(bob.id) }, { text: 'Reminder: call mom' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 403, permanent: true });
    expect(h.events.unreachable).toEqual([String(bob.id)]);
    const identity = () => h!.app.db.identity.findFirstOrThrow({ where: { platform: 'telegram', externalId: String(bob.id) } });
    expect((await identity()).unreachable).toBe(true);
    h.say(bob, '/help'); // the answer bounces too: not retried
    await h.tg.waitForCall('sendMessage', (c) => c.error?.error_code === 403, 2);
    await sleep(300);
    expect(h.tg.callsOf('sendMessage').filter((c) => c.error?.error_code === 403)).toHaveLength(2);

    h.tg.blockUser(bob.id, false);
    h.say(bob, '/help');
    await h.nextReply(bob.id);
    expect((await identity()).unreachable).toBe(false);

    // Telegram's own notice of a block (my_chat_member "kicked") marks them too.
    h.tg.pushUpdate({ my_chat_member: { chat: { id: bob.id, type: 'private', first_name: 'Bob' }, from: { ...bob, is_bot: false }, date: 1, old_chat_member: { status: 'member', user: h.tg.botUser }, new_chat_member: { status: 'kicked', user: h.tg.botUser, until_date: 0 } } });
    await expect.poll(() => h!.events.unreachable.length).toBe(3);
  });

  it('handles chats concurrently while keeping each chat in order', async () => {
    h = await startTelegramHarness({ wrap: slowFor(alice.id, 600) });
    const started = Date.now();
    for (const n of [1, 2, 3]) h.say(alice, `/todo errand ${n}`);
    h.say(bob, '/help');
    await h.nextReply(bob.id);
    expect(Date.now() - started).toBeLessThan(600); // Bob did not wait behind Alice
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push(plain((await h.nextReply(alice.id)).params.text));
    expect(texts.map((t) => /errand (\d)/.exec(t)?.[1])).toEqual(['1', '2', '3']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_700); // one after another
  });

  it('keeps its connections to the Bot API open and reuses them, also across a lull', async () => {
    h = await startTelegramHarness();
    const before = h.tg.connectionsAccepted;
    const burst = async (from: number, count: number) => {
      const sent = h!.tg.callsOf('sendMessage').length;
      for (let i = 0; i < count; i++) h!.tg.sendText({ chatId: from + i, from: { id: from + i, first_name: `User ${i}` }, text: '/help' });
      await expect.poll(() => h!.tg.callsOf('sendMessage').length - sent, { timeout: 10_000 }).toBe(count);
    };
    await burst(70_000, 300);
    await sleep(1_500);
    await burst(80_000, 100);
    // At most one connection per concurrent request (the agent allows 64) plus the long poll: not
    // one per reply, which over HTTPS would be a TLS handshake each.
    expect(h.tg.connectionsAccepted - before).toBeLessThanOrEqual(66);
  });

  it('stops gracefully: finishes the reply in progress and confirms the offset', async () => {
    h = await startTelegramHarness({ wrap: slowFor(alice.id, 800) });
    h.say(alice, '/todo finish me');
    await expect.poll(() => h!.inbound.length).toBe(1);
    await h.bot.stop();
    expect(h.sent(alice.id)).toHaveLength(1);
    expect(plain(h.sent(alice.id)[0]!.params.text)).toContain('finish me');
    const last = h.tg.callsOf('getUpdates').at(-1)!;
    expect(last.params).toMatchObject({ timeout: 0 });
    expect(h.tg.pendingUpdates).toHaveLength(0);
  });
});
