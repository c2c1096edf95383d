/**
 * Inline buttons end to end: Done edits the card to show it done, Delete, Undo, Snooze, Next and
 * Previous on a long list, forged callbacks (someone else's item, junk data, a member deleting an
 * item they did not add) that change nothing and say so — and every callback query answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TgCall, TgUserInput } from '../fakes/fake-telegram.ts';
import { alice, bob, buttons, carol, GROUP, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

describe('Telegram buttons', () => {
  let h: TelegramHarness;
  const pressed: string[] = [];
  beforeAll(async () => {
    h = await startTelegramHarness();
    h.tg.addChat({ id: GROUP, type: 'supergroup', title: 'Family' });
    h.tg.setAdmins(GROUP, [carol], carol.id);
  });
  afterAll(async () => { await h?.close(); });

  /** Presses a button under `message` as `from` and resolves with the answerCallbackQuery call. */
  const press = async (from: TgUserInput, message: TgCall, data: string): Promise<TgCall> => {
    const update = h.tg.pressButton({ chatId: Number(message.params.chat_id), from, messageId: messageIdOf(message), data });
    pressed.push(update.callback_query.id);
    return h.tg.waitForCall('answerCallbackQuery', (c) => c.params.callback_query_id === update.callback_query.id && !c.error);
  };
  const stored = (message: TgCall) => h.tg.messagesIn(Number(message.params.chat_id)).find((m) => m.message_id === messageIdOf(message))!;

  it('Done edits the card to show the item done', async () => {
    h.say(alice, '/todo water the plants');
    const card = await h.nextReply(alice.id);
    const done = buttons(card).find((d) => d.startsWith('done:todo:'))!;
    const answered = await press(alice, card, done);
    expect(answered.params.text).toBeUndefined();
    const after = stored(card);
    expect(after.edits).toBe(1);
    expect(after.text).toContain('✅ <s>water the plants</s>');
    expect(JSON.stringify(after.reply_markup)).not.toContain('done:todo');
    expect(await h.app.db.todo.findFirst({ where: { title: 'water the plants' } })).toMatchObject({ status: 'done' });
    expect(h.sent(alice.id)).toHaveLength(1); // edited in place, nothing new sent
  });

  it('Delete removes the item and Undo brings it back', async () => {
    h.say(alice, '/todo throw away');
    const card = await h.nextReply(alice.id);
    await press(alice, card, buttons(card).find((d) => d.startsWith('del:todo:'))!);
    expect(plain(stored(card).text)).toMatch(/throw away/);
    expect(await h.app.db.todo.count({ where: { title: 'throw away' } })).toBe(0);
    const undo = buttons(stored(card)).find((d) => d === 'undo');
    expect(undo).toBe('undo');
    await press(alice, card, undo!);
    expect(await h.app.db.todo.count({ where: { title: 'throw away' } })).toBe(1);
  });

  it('pages a long list with Next and Previous, 64-byte callback data throughout', async () => {
    for (let i = 1; i <= 12; i++) {
      h.say(bob, `/todo chore ${String(i).padStart(2, '0')}`);
      await h.nextReply(bob.id);
    }
    h.say(bob, '/todos');
    const list = await h.nextReply(bob.id);
    expect(plain(list.params.text)).toContain('(1/2)');
    const next = buttons(list).find((d) => d.startsWith('page:'))!;
    await press(bob, list, next);
    expect(plain(stored(list).text)).toContain('(2/2)');
    expect(plain(stored(list).text)).toContain('chore 11');
    const prev = buttons(stored(list)).find((d) => d.startsWith('page:'))!;
    await press(bob, list, prev);
    expect(plain(stored(list).text)).toContain('(1/2)');
    for (const call of h.tg.callsOf('sendMessage')) for (const d of buttons(call)) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);
  });

  it('passes Snooze to the core and answers it', async () => {
    const sent = await h.bot.channel.sendDirect({ platform: 'telegram', userId: String(alice.id) }, {
      text: 'Reminder: stretch', actions: [{ label: 'Done', data: 'done:todo:1' }, { label: '+10 min', data: 'snooze:1:10' }],
    });
    const card = h.tg.callsOf('sendMessage').find((c) => !c.error && String(messageIdOf(c)) === sent.messageId && Number(c.params.chat_id) === alice.id)!;
    expect(buttons(card)).toEqual(['done:todo:1', 'snooze:1:10']);
    await press(alice, card, 'snooze:1:10');
    expect(h.inbound.at(-1)).toMatchObject({ type: 'button', data: 'snooze:1:10', actor: { userId: String(alice.id) }, conversation: { kind: 'dm', chatId: String(alice.id) } });
  });

  it('a forged or unauthorized press changes nothing and says so', async () => {
    h.say(alice, '/todo alice only');
    const aliceCard = await h.nextReply(alice.id);
    const done = buttons(aliceCard).find((d) => d.startsWith('done:todo:'))!;
    h.say(bob, '/help');
    const bobMessage = await h.nextReply(bob.id);
    const editsBefore = h.tg.callsOf('editMessageText').length;

    const forged = await press(bob, bobMessage, done); // Alice's todo id, pressed in Bob's chat
    expect(String(forged.params.text)).toMatch(/couldn't find/i);
    const junk = await press(bob, bobMessage, 'done:todo:abc');
    expect(String(junk.params.text)).toMatch(/.+/);
    expect(h.tg.callsOf('editMessageText').length).toBe(editsBefore);
    expect(await h.app.db.todo.findFirst({ where: { title: 'alice only' } })).toMatchObject({ status: 'open' });

    h.say(alice, '/todo group cake', { chatId: GROUP });
    const groupCard = await h.nextReply(GROUP);
    const del = buttons(groupCard).find((d) => d.startsWith('del:todo:'))!;
    const denied = await press(bob, groupCard, del);
    expect(String(denied.params.text)).toMatch(/Only the person who added it/);
    expect(stored(groupCard).edits).toBe(0);
    await press(carol, groupCard, del); // the chat's creator may
    expect(await h.app.db.todo.count({ where: { title: 'group cake' } })).toBe(0);
  });

  it('answered every callback query exactly once', () => {
    const answers = h.tg.callsOf('answerCallbackQuery');
    for (const id of pressed) expect(answers.filter((c) => c.params.callback_query_id === id && !c.error)).toHaveLength(1);
    expect(answers.filter((c) => c.error)).toEqual([]);
  });
});
