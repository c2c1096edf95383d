/**
 * Proves FakeTelegramServer works with the real grammY client: long polling, replies, edits,
 * Telegram-shaped errors (400 not modified, 429 retry_after, 403 blocked, migration), multipart
 * uploads, and a prompt bot.stop().
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { checkParseMode } from '../fakes/telegram-markup.ts';

/** Resolves with the GrammyError a call rejects with; fails the test if it succeeds. */
async function grammyError(p: Promise<unknown>): Promise<GrammyError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof GrammyError) return err;
    throw err;
  }
  throw new Error('expected the call to fail with GrammyError');
}

const alice = { id: 1001, first_name: 'Alice', username: 'alice', language_code: 'en' };

describe('FakeTelegramServer with grammY', () => {
  let tg: FakeTelegramServer;
  let bot: Bot;
  let running: Promise<void> | undefined;

  beforeEach(async () => {
    tg = new FakeTelegramServer();
    bot = new Bot('123:TEST', { client: { apiRoot: await tg.start() } });
  });

  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
    await running;
    await tg.stop();
  });

  const startPolling = async (): Promise<void> => {
    bot.catch((err) => { throw err.error; });
    running = bot.start({ drop_pending_updates: false });
    await tg.waitFor((c) => c.method === 'getUpdates' && c.params.timeout !== undefined);
  };

  it('long-polls, replies, edits, and reports "message is not modified"', async () => {
    const edits: unknown[] = [];
    bot.command('start', async (ctx) => {
      const sent = await ctx.reply('Hello *there*', { reply_markup: new InlineKeyboard().text('Go', 'go:1') });
      await ctx.api.editMessageText(ctx.chat.id, sent.message_id, 'Hello again');
      try {
        await ctx.api.editMessageText(ctx.chat.id, sent.message_id, 'Hello again');
      } catch (err) {
        edits.push(err);
      }
    });
    await startPolling();
    const started = Date.now();
    const update = tg.sendText({ chatId: alice.id, from: alice, text: '/start' });
    expect((update.message as { entities?: unknown[] }).entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    await tg.waitForCall('editMessageText', () => true, 2);
    expect(Date.now() - started).toBeLessThan(1_000); // held poll was woken, not timed out
    const [msg] = tg.messagesIn(alice.id);
    expect(msg?.text).toBe('Hello again');
    expect(msg?.history).toEqual(['Hello *there*']);
    expect(msg?.reply_markup).toBeUndefined(); // an edit without reply_markup removes the keyboard, as on Telegram
    await expect.poll(() => edits.length).toBe(1);
    const err = edits[0] as GrammyError;
    expect(err).toBeInstanceOf(GrammyError);
    expect(err.error_code).toBe(400);
    expect(err.description).toMatch(/^Bad Request: message is not modified/);
    const stopAt = Date.now();
    await bot.stop();
    expect(Date.now() - stopAt).toBeLessThan(1_000);
    expect(tg.pendingUpdates).toHaveLength(0); // stop() confirmed the offset
  });

  it('surfaces 429 retry_after, 403 blocked, migration and parse errors as GrammyError', async () => {
    await bot.init();
    tg.failNext('sendMessage', { code: 429, retryAfter: 7 });
    const e429 = await grammyError(bot.api.sendMessage(alice.id, 'hi'));
    expect(e429).toBeInstanceOf(GrammyError);
    expect(e429.error_code).toBe(429);
    expect(e429.parameters.retry_after).toBe(7);
    expect(e429.description).toBe('Too Many Requests: retry after 7');

    tg.blockUser(alice.id);
    const e403 = await grammyError(bot.api.sendMessage(alice.id, 'hi'));
    expect(e403.error_code).toBe(403);
    expect(e403.description).toBe('Forbidden: bot was blocked by the user');

    tg.migrateGroup(-100, -1001234);
    const eMig = await grammyError(bot.api.sendMessage(-100, 'hi'));
    expect(eMig.error_code).toBe(400);
    expect(eMig.parameters.migrate_to_chat_id).toBe(-1001234);
    await bot.api.sendMessage(-1001234, 'moved');

    const eParse = await grammyError(bot.api.sendMessage(-1001234, 'Price: 3.50!', { parse_mode: 'MarkdownV2' }));
    expect(eParse.description).toMatch(/can't parse entities: Character '\.' is reserved/);
    const eHtml = await grammyError(bot.api.sendMessage(-1001234, 'a<br>b', { parse_mode: 'HTML' }));
    expect(eHtml.description).toMatch(/Unsupported start tag "br"/);

    tg.failNext('getMe', { drop: true });
    await expect(bot.api.getMe()).rejects.toThrow();
  });

  it('records commands per language, documents (multipart), callback queries, admins and drafts', async () => {
    await bot.api.setMyCommands([{ command: 'help', description: 'Help' }]);
    await bot.api.setMyCommands([{ command: 'hilfe', description: 'Hilfe' }], { language_code: 'de' });
    expect(await bot.api.getMyCommands({ language_code: 'de' })).toEqual([{ command: 'hilfe', description: 'Hilfe' }]);
    expect(tg.commands.get('default|')).toEqual([{ command: 'help', description: 'Help' }]);

    const doc = await bot.api.sendDocument(alice.id, new InputFile(Buffer.from('hello world'), 'notes.txt'), { caption: 'your notes' });
    expect(doc.document?.file_name).toBe('notes.txt');
    const call = tg.callsOf('sendDocument')[0];
    expect(call?.files).toEqual([expect.objectContaining({ filename: 'notes.txt', size: 11 })]);
    expect(call?.params.chat_id).toBe(alice.id);

    const q = tg.pressButton({ chatId: alice.id, from: alice, messageId: doc.message_id, data: 'x' });
    await bot.api.answerCallbackQuery(q.callback_query.id, { text: 'ok' });
    await expect(bot.api.answerCallbackQuery(q.callback_query.id)).rejects.toThrow(/query is too old/);

    tg.setAdmins(-200, [alice], alice.id);
    tg.sendText({ chatId: -200, chatType: 'group', from: alice, text: 'hey @claw_test_bot' });
    expect((await bot.api.getChatMember(-200, alice.id)).status).toBe('creator');
    expect(await bot.api.getChatAdministrators(-200)).toHaveLength(1);
    await bot.api.raw.sendMessageDraft({ chat_id: alice.id, draft_id: 1, text: 'typing…' });
    expect(tg.callsOf('sendMessageDraft')[0]?.params.text).toBe('typing…');
  });

  it('getUpdates honours timeout when nothing arrives, offset and allowed_updates', async () => {
    const t0 = Date.now();
    expect(await bot.api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    const u1 = tg.sendText({ chatId: alice.id, from: alice, text: 'one' });
    tg.pressButton({ chatId: alice.id, from: alice, messageId: 1, data: 'd' });
    expect((await bot.api.getUpdates({ allowed_updates: ['message'] })).map((u) => u.update_id)).toEqual([u1.update_id]);
    expect(await bot.api.getUpdates({ offset: u1.update_id + 1 })).toEqual([]);
  });

  it('flood limits per chat, forum threads, replies, and token / strict-chat checks', async () => {
    tg.setFloodLimit(-300, { max: 2, windowMs: 60_000, retryAfter: 3 });
    tg.sendText({ chatId: -300, chatType: 'supergroup', from: alice, text: 'in a topic', messageThreadId: 77 });
    const first = await bot.api.sendMessage(-300, 'one', { message_thread_id: 77, reply_parameters: { message_id: 1 } });
    expect(first.message_thread_id).toBe(77);
    expect(first.reply_to_message?.message_id).toBe(1);
    await bot.api.sendMessage(-300, 'two');
    expect((await grammyError(bot.api.sendMessage(-300, 'three'))).parameters.retry_after).toBe(3);
    expect((await grammyError(bot.api.sendMessage(alice.id, 'x', { reply_parameters: { message_id: 999 } }))).description).toBe('Bad Request: message to be replied not found');
    expect(tg.messagesIn(-300).map((m) => m.text)).toEqual(['one', 'two']);
    expect(tg.messagesIn(-300, { includeUser: true })).toHaveLength(3);

    const strict = new FakeTelegramServer({ token: '123:TEST', strictChats: true });
    const strictBot = new Bot('999:WRONG', { client: { apiRoot: await strict.start() } });
    expect((await grammyError(strictBot.api.getMe())).error_code).toBe(401);
    const good = new Bot('123:TEST', { client: { apiRoot: strict.url } });
    expect((await grammyError(good.api.sendMessage(5, 'hi'))).description).toBe('Bad Request: chat not found');
    await strict.stop();
  });

  it('parse-mode checker accepts valid text', () => {
    expect(checkParseMode('*bold* _it_ __u__ ~s~ ||sp|| `co.de` [link](https://x.y/a_(b\\)) 3\\.5\\!', 'MarkdownV2')).toBeNull();
    expect(checkParseMode('<b>x</b> <a href="https://a.b">l</a> &lt; <pre><code class="language-js">1</code></pre>', 'HTML')).toBeNull();
    expect(checkParseMode('*unclosed', 'MarkdownV2')).toMatch(/Can't find end of Bold entity/);
    expect(checkParseMode('<b><i>x</b></i>', 'HTML')).toMatch(/Unmatched end tag/);
  });
});
