/**
 * Groups end to end: privacy-mode addressing (commands, mentions, replies to the bot; chatter
 * ignored), the shared list with two members and the delete permission rule (creator or chat
 * admin, read from getChatAdministrators), personal items kept out, forum topics, and a group
 * upgraded to a supergroup keeping its list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, carol, GROUP, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

describe('Telegram groups', () => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness();
    h.tg.addChat({ id: GROUP, type: 'supergroup', title: 'Family' });
    h.tg.setAdmins(GROUP, [carol], carol.id);
  });
  afterAll(async () => { await h?.close(); });

  it('answers commands, mentions and replies to its messages; ignores chatter and other bots', async () => {
    h.say(alice, 'hello everyone, dinner at 8?', { chatId: GROUP });
    h.say(bob, '/todos@some_other_bot', { chatId: GROUP });
    h.say(alice, '/todo buy cake', { chatId: GROUP });
    const added = await h.nextReply(GROUP);
    expect(plain(added.params.text)).toContain('buy cake');
    expect(h.sent(GROUP)).toHaveLength(1); // the chatter and the other bot's command got nothing
    expect(added.params.reply_parameters).toMatchObject({ allow_sending_without_reply: true });

    h.say(bob, '@claw_test_bot add todo: bring plates', { chatId: GROUP });
    expect(plain((await h.nextReply(GROUP)).params.text)).toContain('bring plates');

    h.say(bob, 'add todo: napkins', { chatId: GROUP, replyTo: messageIdOf(added) });
    expect(plain((await h.nextReply(GROUP)).params.text)).toContain('napkins');
    h.say(bob, '/todos@claw_test_bot', { chatId: GROUP });
    const list = plain((await h.nextReply(GROUP)).params.text);
    expect(list).toMatch(/buy cake.*Alice/);
    expect(list).toMatch(/bring plates.*Bob/);
  });

  it('shares one list: any member adds, lists and completes; personal items stay out', async () => {
    h.say(alice, '/todo secret birthday gift for bob');
    await h.nextReply(alice.id);
    h.say(bob, '/done cake', { chatId: GROUP });
    expect(plain((await h.nextReply(GROUP)).params.text)).toContain('buy cake');
    h.say(alice, '/todos all', { chatId: GROUP });
    const all = plain((await h.nextReply(GROUP)).params.text);
    expect(all).toContain('buy cake');
    expect(all).toMatch(/Bob/);
    expect(all).not.toContain('secret birthday gift');
    h.say(alice, '/todos');
    expect(plain((await h.nextReply(alice.id)).params.text)).not.toContain('plates');
  });

  it('deleting someone else\'s item needs its creator or a chat admin', async () => {
    h.say(alice, '/todo order chairs', { chatId: GROUP });
    await h.nextReply(GROUP);
    h.say(bob, '/delete chairs', { chatId: GROUP });
    expect(plain((await h.nextReply(GROUP)).params.text)).toMatch(/Only the person who added it/);
    expect(await h.app.db.todo.count({ where: { title: 'order chairs' } })).toBe(1);
    h.say(carol, '/delete chairs', { chatId: GROUP });
    expect(plain((await h.nextReply(GROUP)).params.text)).toContain('order chairs');
    expect(await h.app.db.todo.count({ where: { title: 'order chairs' } })).toBe(0);
    expect(h.tg.callsOf('getChatAdministrators').length).toBe(1); // cached
  });

  it('keeps answers in their forum topic', async () => {
    h.say(bob, '/todo topic item', { chatId: GROUP, threadId: 77 });
    const reply = await h.nextReply(GROUP);
    expect(reply.params.message_thread_id).toBe(77);
    expect(plain(reply.params.text)).toContain('topic item');
  });

  it('a group upgraded to a supergroup keeps its list', async () => {
    const small = -4_000_001;
    h.tg.addChat({ id: small, type: 'group', title: 'Cousins' });
    h.say(alice, '/todo plan trip', { chatId: small, title: 'Cousins' });
    await h.nextReply(small);
    h.tg.migrateGroup(small, -1_009_999_999);
    await expect.poll(() => h.events.migrations).toEqual([[String(small), '-1009999999']]);
    h.say(bob, '/todos', { chatId: -1_009_999_999 });
    expect(plain((await h.nextReply(-1_009_999_999)).params.text)).toContain('plan trip');
  });
});
