/**
 * "Did you mean…?" on Telegram, end to end (real grammY against the fake Bot API, real app and
 * database): an unsure message gets the question with one inline button per reading plus "None";
 * nothing is written until a button (callback_query) or a typed number picks a reading, which
 * then edits the question in place. "None", moving on, a stale, forged or someone else's press
 * change nothing, and every callback query is answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TgCall, TgUserInput } from '../fakes/fake-telegram.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { todoOrReminder, unsureAbout } from '../helpers/unsure-classifier.ts';
import { alice, bob, buttons, carol, GROUP, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

// The app's clock: 10:00 in Karachi; the reminder readings are for 17:00 there.
const AT = '2026-11-21T12:00:00.000Z';
const classifier = unsureAbout({
  milk: todoOrReminder('buy milk', AT),
  eggs: todoOrReminder('buy eggs', AT),
  bread: todoOrReminder('buy bread', AT),
  juice: todoOrReminder('buy juice', AT),
  rice: todoOrReminder('buy rice', AT),
  cake: todoOrReminder('buy cake', AT),
});

describe('Telegram: the Did you mean…? question', () => {
  let h: TelegramHarness;
  const pressed: string[] = [];
  beforeAll(async () => {
    h = await startTelegramHarness({ appClock: new FakeClock('2026-11-21T05:00:00Z'), app: { classifier } });
    h.tg.addChat({ id: GROUP, type: 'supergroup', title: 'Family' });
    h.tg.setAdmins(GROUP, [carol], carol.id);
  });
  afterAll(async () => { await h?.close(); });

  const press = async (from: TgUserInput, message: TgCall, data: string): Promise<TgCall> => {
    const update = h.tg.pressButton({ chatId: Number(message.params.chat_id), from, messageId: messageIdOf(message), data });
    pressed.push(update.callback_query.id);
    return h.tg.waitForCall('answerCallbackQuery', (c) => c.params.callback_query_id === update.callback_query.id && !c.error);
  };
  const stored = (message: TgCall) => h.tg.messagesIn(Number(message.params.chat_id)).find((m) => m.message_id === messageIdOf(message))!;
  const labels = (call: TgCall) => ((call.params.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard).flat().map((b) => b.text);
  const pick = (call: TgCall, n: number) => buttons(call).find((d) => d.endsWith(`:${n}`))!;
  const todos = (title: string) => h.app.db.todo.count({ where: { title } });
  const reminders = (text: string) => h.app.db.reminder.count({ where: { text } });
  const ask = async (from: TgUserInput, text: string, chatId = from.id): Promise<TgCall> => {
    h.say(from, text, { chatId });
    return h.nextReply(chatId);
  };

  it('asks with a button per reading and "None", and writes nothing', async () => {
    const q = await ask(alice, 'milk');
    expect(plain(q.params.text)).toBe('Did you mean…\n1. Add todo: buy milk\n2. Remind me at 17:00: buy milk\n3. Just chatting\n4. None of these\nTap one, or reply with its number.');
    expect(labels(q)).toEqual(['Add todo: buy milk', 'Remind me at 17:00: buy milk', 'Just chatting', 'None of these']);
    expect(buttons(q).every((d) => /^pick:[A-Za-z0-9_-]{8}:[0-3]$/.test(d) && Buffer.byteLength(d) <= 64)).toBe(true);
    expect(await todos('buy milk')).toBe(0);
    expect(await reminders('buy milk')).toBe(0);
  });

  it('pressing a reading runs it and edits the question in place, with Undo', async () => {
    const q = await ask(alice, 'eggs');
    const answered = await press(alice, q, pick(q, 2));
    expect(answered.params.text).toBeUndefined();
    expect(await reminders('buy eggs')).toBe(1);
    expect(await todos('buy eggs')).toBe(0);
    const after = stored(q);
    expect(after.edits).toBe(1);
    expect(plain(after.text)).toMatch(/buy eggs/);
    expect(buttons(after)).toEqual(['undo']);
    expect(h.sent(alice.id).filter((c) => c !== q).every((c) => !plain(c.params.text).includes('buy eggs'))).toBe(true);
  });

  it('a typed number picks while the question is open', async () => {
    const q = await ask(alice, 'rice');
    h.say(alice, '1');
    expect(plain((await h.nextReply(alice.id)).params.text)).toMatch(/^Added todo: buy rice/);
    expect(await todos('buy rice')).toBe(1);
    expect(stored(q).edits).toBe(0);
  });

  it('"None" changes nothing', async () => {
    const q = await ask(alice, 'bread');
    await press(alice, q, pick(q, 0));
    expect(plain(stored(q).text)).toBe('OK, nothing changed.');
    expect(buttons(stored(q))).toEqual([]);
    expect(await todos('buy bread')).toBe(0);
    expect(await reminders('buy bread')).toBe(0);
  });

  it('writing something else drops the question and handles the new message; its buttons then do nothing', async () => {
    const q = await ask(alice, 'juice');
    h.say(alice, '/todo water the plants');
    expect(plain((await h.nextReply(alice.id)).params.text)).toMatch(/^Added todo: water the plants/);
    const stale = await press(alice, q, pick(q, 1));
    expect(String(stale.params.text)).toMatch(/question has expired/);
    expect(stored(q).edits).toBe(0);
    expect(await todos('buy juice')).toBe(0);
    expect(await reminders('buy juice')).toBe(0);
  });

  it('a forged or someone else\'s press changes nothing; the asker\'s own press still works', async () => {
    const q = await ask(alice, '@claw_test_bot cake', GROUP);
    expect(labels(q)[0]).toBe('Add todo: buy cake');
    const bobs = await press(bob, q, pick(q, 1));
    expect(String(bobs.params.text)).toMatch(/question has expired/);
    const forged = await press(alice, q, pick(q, 1).replace(/pick:[^:]+/, 'pick:AAAAAAAA'));
    expect(String(forged.params.text)).toMatch(/question has expired/);
    const junk = await press(alice, q, 'pick:AAAAAAAA:9x');
    expect(String(junk.params.text)).toMatch(/no longer valid/);
    expect(stored(q).edits).toBe(0);
    expect(await todos('buy cake')).toBe(0);
    await press(alice, q, pick(q, 1));
    expect(await todos('buy cake')).toBe(1);
    expect(plain(stored(q).text)).toMatch(/buy cake/);
  });

  it('answered every callback query exactly once', () => {
    const answers = h.tg.callsOf('answerCallbackQuery');
    for (const id of pressed) expect(answers.filter((c) => c.params.callback_query_id === id && !c.error)).toHaveLength(1);
  });
});
