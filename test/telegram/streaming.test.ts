/**
 * Streamed model answers through the real Telegram channel: a 10,000-character answer (typing
 * first, then one message edited at most once a second and continued past 4,096 characters, ending
 * with exactly the model's text), a 429 in the middle, the group pace, the Stop button (which does
 * not wait behind the answer it stops), drafts in private chats, and a shutdown during a stream.
 * Cadence and splitting are read from the fake Bot API's log of calls. The app, the bot and both
 * fakes share one FakeClock: the model's pauses and the edit pacing cost no real time, and every
 * gap asserted is fake time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clockSleep } from '../fakes/clock-driver.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai.ts';
import type { TgCall } from '../fakes/fake-telegram.ts';
import { alice, bob, buttons, GROUP, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

/** A 10,000-character answer in lines, streamed as 100 chunks. */
function longAnswer(length = 10_000): { text: string; chunks: string[] } {
  let text = '';
  for (let i = 1; text.length < length; i++) text += `Line ${String(i).padStart(3, '0')}: the quick brown fox & the <lazy> dog take turns.\n`;
  text = text.slice(0, length - 1) + '.';
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 100) chunks.push(text.slice(i, i + 100));
  return { text, chunks };
}

/** Edits of one message, in order. */
const editsOf = (h: TelegramHarness, chatId: number, messageId: number): TgCall[] =>
  h.tg.callsOf('editMessageText').filter((c) => Number(c.params.chat_id) === chatId && c.params.message_id === messageId);

/** Smallest gap between successive successful edits of each message. */
function minEditGap(h: TelegramHarness, chatId: number): number {
  let min = Infinity;
  for (const send of h.sent(chatId)) {
    const edits = editsOf(h, chatId, messageIdOf(send)).filter((c) => !c.error);
    const times = [send.at, ...edits.map((c) => c.at)];
    for (let i = 1; i < times.length; i++) min = Math.min(min, times[i]! - times[i - 1]!);
  }
  return min;
}

/** What the chat shows now, message after message, as a person reads it. */
const shown = (h: TelegramHarness, chatId: number) => h.tg.messagesIn(chatId).map((m) => plain(m.text));

describe('Telegram streamed answers', () => {
  let h: TelegramHarness | undefined;
  let ai: FakeOpenAIServer | undefined;
  afterEach(async () => {
    await h?.close();
    await ai?.stop();
    h = undefined;
    ai = undefined;
  });

  const start = async (settings: Parameters<typeof startTelegramHarness>[0] = {}) => {
    const clock = new FakeClock();
    ai = new FakeOpenAIServer({ clock });
    const url = await ai.start();
    h = await startTelegramHarness({ ...settings, clock, env: { OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: 'test', OPENAI_MODEL: 'gpt-fake', OPENAI_TIMEOUT_MS: '10000', ...settings.env } });
    return { h, ai, clock };
  };

  it('streams 10,000 characters: typing, edits at most once a second, split at 4,096, exact final text', async () => {
    const { h, ai } = await start();
    const answer = longAnswer();
    ai.enqueue({ content: answer.chunks, delayFirstMs: 700, chunkDelayMs: 45 });
    h.say(alice, 'tell me a long story about a fox');
    const typing = await h.tg.waitForCall('sendChatAction', () => true, 1, 3_000);
    expect(typing.params.action).toBe('typing');
    const first = await h.nextReply(alice.id, 5_000);
    // The first words show as soon as they arrive, long before the answer is complete (~5 s of chunks).
    expect(typing.at).toBeLessThan(first.at);
    expect(first.at - ai.requests[0]!.at).toBeLessThan(2_500);
    expect(buttons(first)).toEqual(['stop']);
    await h.nextReply(alice.id, 15_000);
    await h.nextReply(alice.id, 15_000);
    await h.until(() => shown(h, alice.id).join('') === answer.text, { timeoutMs: 15_000 });
    expect(shown(h, alice.id).join('')).toBe(answer.text);

    const messages = h.tg.messagesIn(alice.id);
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(plain(m.text).length).toBeLessThanOrEqual(4_096);
      expect(m.reply_markup).toBeUndefined(); // the Stop button is gone at the end
    }
    expect(minEditGap(h, alice.id)).toBeGreaterThanOrEqual(950);
    expect(h.tg.callsOf('editMessageText').filter((c) => c.error)).toEqual([]);
    expect(h.tg.callsOf('sendMessage').filter((c) => Number(c.params.chat_id) === alice.id)).toHaveLength(3);
  });

  it('rides out a 429 in the middle of a stream without losing or repeating text', async () => {
    const { h, ai } = await start();
    const answer = longAnswer(6_000);
    ai.enqueue({ content: answer.chunks, chunkDelayMs: 50 });
    h.say(alice, 'tell me a poem about the rain');
    await h.nextReply(alice.id, 5_000);
    h.tg.failNext('editMessageText', { code: 429, retryAfter: 1 });
    await h.until(() => shown(h, alice.id).join('') === answer.text, { timeoutMs: 15_000 });
    expect(shown(h, alice.id).join('')).toBe(answer.text);
    const edits = h.tg.callsOf('editMessageText');
    const limited = edits.findIndex((c) => c.error?.error_code === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    expect(edits[limited + 1]!.at - edits[limited]!.at).toBeGreaterThanOrEqual(950);
    expect(h.tg.messagesIn(alice.id)).toHaveLength(2);
    expect(h.tg.callsOf('editMessageText').filter((c) => c.error && c.error.error_code !== 429)).toEqual([]);
  });

  it('paces a group stream to one edit per three seconds', async () => {
    const { h, ai } = await start();
    h.tg.addChat({ id: GROUP, type: 'supergroup', title: 'Family' });
    const answer = longAnswer(3_000);
    ai.enqueue({ content: answer.chunks, chunkDelayMs: 120 });
    h.say(bob, '@claw_test_bot tell the family a story', { chatId: GROUP });
    await h.until(() => shown(h, GROUP).join('') === answer.text, { timeoutMs: 20_000 });
    expect(shown(h, GROUP).join('')).toBe(answer.text);
    expect(editsOf(h, GROUP, messageIdOf(h.sent(GROUP)[0]!)).length).toBeGreaterThanOrEqual(1);
    expect(minEditGap(h, GROUP)).toBeGreaterThanOrEqual(2_950);
  });

  it('Stop ends the answer at once, keeps what was said, and removes the button', async () => {
    const { h, ai, clock } = await start();
    ai.enqueue({ content: Array.from({ length: 200 }, (_, i) => `word${i} `), chunkDelayMs: 50 });
    h.say(alice, 'count slowly for me');
    const first = await h.nextReply(alice.id, 5_000);
    await h.drive(clockSleep(clock, 1_200));
    const update = h.tg.pressButton({ chatId: alice.id, from: alice, messageId: messageIdOf(first), data: 'stop' });
    const pressedAt = clock.now().getTime();
    const answered = await h.tg.waitForCall('answerCallbackQuery', (c) => c.params.callback_query_id === update.callback_query.id, 1, 3_000);
    expect(answered.at - pressedAt).toBeLessThan(1_000); // not queued behind the answer it stops
    await h.until(() => /stopped/.test(plain(h.tg.messagesIn(alice.id)[0]!.text)), { timeoutMs: 5_000 });
    const final = h.tg.messagesIn(alice.id)[0]!;
    expect(final.reply_markup).toBeUndefined();
    expect(plain(final.text)).toMatch(/^word0 word1 /);
    expect(plain(final.text)).not.toContain('word199');
    await h.until(() => ai.requests[0]?.aborted);
    expect(ai.requests[0]?.aborted).toBe(true);
  });

  it('streams as drafts in a private chat when enabled, then saves one message', async () => {
    const { h, ai } = await start({ settings: { useDrafts: true } });
    const answer = longAnswer(2_500);
    ai.enqueue({ content: answer.chunks, chunkDelayMs: 60 });
    h.say(alice, 'explain drafts to me');
    const saved = await h.nextReply(alice.id, 15_000);
    expect(plain(saved.params.text)).toBe(answer.text);
    const drafts = h.tg.callsOf('sendMessageDraft');
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(drafts.map((d) => d.params.draft_id)).size).toBe(1);
    expect(plain(drafts.at(-1)!.params.text)).toBe(answer.text);
    expect(h.tg.callsOf('editMessageText')).toHaveLength(0);
    expect(h.sent(alice.id)).toHaveLength(1);
  });

  it('falls back to editing a message when the server has no drafts', async () => {
    const { h, ai } = await start({ settings: { useDrafts: true } });
    h.tg.failNext('sendMessageDraft', { code: 404, description: 'Not Found: method not found' });
    const answer = longAnswer(1_500);
    ai.enqueue({ content: answer.chunks, chunkDelayMs: 60 });
    h.say(alice, 'explain fallbacks to me');
    await h.until(() => shown(h, alice.id).join('') === answer.text, { timeoutMs: 10_000 });
    expect(shown(h, alice.id).join('')).toBe(answer.text);
    expect(h.tg.callsOf('sendMessageDraft')).toHaveLength(1);
    expect(h.sent(alice.id)).toHaveLength(1);
  });

  it('a shutdown during a stream ends it with what was said so far', async () => {
    const { h, ai } = await start({ settings: { shutdownGraceMs: 800 } });
    ai.enqueue({ content: Array.from({ length: 300 }, (_, i) => `tick${i} `), chunkDelayMs: 50 });
    h.say(alice, 'keep talking');
    await h.nextReply(alice.id, 5_000);
    await h.drive(h.bot.stop());
    const final = h.tg.messagesIn(alice.id)[0]!;
    expect(plain(final.text)).toMatch(/^tick0 tick1 .*stopped/s);
    expect(final.reply_markup).toBeUndefined();
  });
});
