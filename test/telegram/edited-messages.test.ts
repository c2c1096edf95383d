/**
 * Issue 14, edited messages on Telegram (the real grammY adapter against the fake Bot API, the app on
 * a fake clock): editing the message that created an item changes the item (title, time) with a
 * short note; a reminder moved by an edit fires at the new time only; an edit to nonsense leaves the
 * item and says so; an edit of a message that created nothing, or a forged edit of someone else's
 * message, changes nothing and says nothing; Urdu in, Urdu out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { createLogger } from '../../src/logger.ts';
import { Housekeeping } from '../../src/scheduler/housekeeping.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { waitUntil } from '../helpers/wait-until.ts';
import { alice, bob, carol, GROUP, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

const MIN = 60_000;
let tg: TelegramHarness | undefined;
afterEach(async () => {
  await tg?.close();
  tg = undefined;
});

const idOf = (update: Update): number => update.message!.message_id;

/** The next reply's text in `chatId`. */
async function replyIn(chatId: number): Promise<string> {
  return plain((await tg!.nextReply(chatId)).params.text);
}

describe('edited messages on Telegram', () => {
  it('a todo follows an edit of its title; the note offers undo, and /undo puts the old title back', async () => {
    tg = await startTelegramHarness({ appClock: new FakeClock('2026-12-04T05:00:00Z') });
    const said = tg.say(alice, 'add buy milk tomorrow');
    expect(await replyIn(alice.id)).toContain('buy milk');
    tg.tg.editText({ chatId: alice.id, messageId: idOf(said), text: 'add buy oat milk tomorrow' });
    const note = await tg.nextReply(alice.id);
    expect(plain(note.params.text)).toContain('✏️ Updated from your edit: buy oat milk');
    const todos = await tg.app.db.todo.findMany();
    expect(todos.map((t) => t.title)).toEqual(['buy oat milk']); // changed, not a second todo
    expect(tg.inbound.at(-1)).toMatchObject({ type: 'text', edit: true, messageId: String(idOf(said)) });

    tg.say(alice, '/undo');
    await tg.nextReply(alice.id);
    expect((await tg.app.db.todo.findMany()).map((t) => t.title)).toEqual(['buy milk']);
  }, 30_000);

  it('a reminder moved by an edit fires at the new time only', async () => {
    const clock = new FakeClock('2026-12-04T05:00:00Z'); // 10:00 in Karachi
    tg = await startTelegramHarness({ appClock: clock });
    await tg.app.startScheduler(new Map([['telegram', tg.bot.channel]]));
    const advance = async (ms: number) => { await clock.advance(ms); await tg!.app.scheduler.idle(); };
    const fired = () => tg!.sent(alice.id).filter((c) => plain(c.params.text).includes('⏰'));

    const said = tg.say(alice, 'remind me to call mom at 11am');
    expect(await replyIn(alice.id)).toContain('call mom');
    tg.tg.editText({ chatId: alice.id, messageId: idOf(said), text: 'remind me to call mom at 12pm' });
    expect(await replyIn(alice.id)).toMatch(/✏️ Updated from your edit: call mom — .*12:00/);
    expect(await tg.app.db.reminder.count()).toBe(1);

    await advance(61 * MIN); // 11:01: the old time passes in silence
    expect(fired()).toEqual([]);
    await advance(60 * MIN); // 12:01
    await waitUntil(() => fired().length === 1, 'the moved reminder');
    await advance(120 * MIN);
    expect(fired().map((c) => plain(c.params.text))).toEqual(['⏰ Reminder: call mom']);
  }, 30_000);

  it('an event follows an edit of its time (a command edited)', async () => {
    tg = await startTelegramHarness({ appClock: new FakeClock('2026-12-04T05:00:00Z') });
    const said = tg.say(alice, '/event dentist tomorrow 4pm');
    expect(await replyIn(alice.id)).toContain('dentist');
    tg.tg.editText({ chatId: alice.id, messageId: idOf(said), text: '/event dentist tomorrow 5:30pm' });
    expect(await replyIn(alice.id)).toMatch(/✏️ Updated from your edit: dentist — .*17:30/);
    const events = await tg.app.db.event.findMany();
    expect(events.map((e) => [e.title, e.startAt.toISOString()])).toEqual([['dentist', '2026-12-05T12:30:00.000Z']]);
  }, 30_000);

  it('an edit to nonsense leaves the item and says so; an edit that changes nothing says nothing', async () => {
    tg = await startTelegramHarness({ appClock: new FakeClock('2026-12-04T05:00:00Z') });
    const said = tg.say(alice, 'add buy milk tomorrow');
    await replyIn(alice.id);
    tg.tg.editText({ chatId: alice.id, messageId: idOf(said), text: 'asdf qwer zxcv' });
    expect(await replyIn(alice.id)).toBe('✏️ I couldn\'t read your edited message as that todo any more, so I left "buy milk" as it was.');
    tg.tg.editText({ chatId: alice.id, messageId: idOf(said), text: 'what reminders do I have' });
    expect(await replyIn(alice.id)).toContain('left "buy milk" as it was');
    tg.tg.editText({ chatId: alice.id, messageId: idOf(said), text: 'add buy milk  tomorrow' }); // same todo again
    tg.say(alice, '/todos');
    expect(await replyIn(alice.id)).toContain('buy milk'); // the next reply is the list: the edit said nothing
    const todos = await tg.app.db.todo.findMany();
    expect(todos.map((t) => [t.title, t.dueAt?.toISOString()])).toEqual([['buy milk', '2026-12-05T04:00:00.000Z']]);
  }, 30_000);

  it('an edit of a message that created nothing does nothing', async () => {
    tg = await startTelegramHarness({ appClock: new FakeClock('2026-12-04T05:00:00Z') });
    const said = tg.say(alice, 'hello');
    await replyIn(alice.id);
    tg.tg.editText({ chatId: alice.id, messageId: idOf(said), text: 'add buy milk tomorrow' });
    tg.say(alice, '/todos');
    expect(await replyIn(alice.id)).not.toContain('buy milk');
    expect(await tg.app.db.todo.count()).toBe(0);
  }, 30_000);

  it('a forged edit of another person\'s message (their message id, someone else as sender) cannot touch their item', async () => {
    tg = await startTelegramHarness({ appClock: new FakeClock('2026-12-04T05:00:00Z') });
    tg.tg.addChat({ id: GROUP, type: 'supergroup', title: 'Office' });
    const said = tg.say(alice, '@claw_test_bot add order paper', { chatId: GROUP, title: 'Office' });
    expect(await replyIn(GROUP)).toContain('order paper');
    tg.tg.editText({ chatId: GROUP, messageId: idOf(said), from: bob, text: '@claw_test_bot add order nothing' });
    tg.say(bob, '@claw_test_bot /todos', { chatId: GROUP, title: 'Office' });
    expect(await replyIn(GROUP)).toContain('order paper'); // the list, not a note about an edit
    expect((await tg.app.db.todo.findMany()).map((t) => t.title)).toEqual(['order paper']);

    tg.tg.editText({ chatId: GROUP, messageId: idOf(said), text: '@claw_test_bot add order more paper' }); // Alice herself
    expect(await replyIn(GROUP)).toContain('✏️ Updated from your edit: order more paper');
  }, 30_000);

  it('an edit in Roman Urdu or Urdu gets its note in Urdu', async () => {
    tg = await startTelegramHarness({ appClock: new FakeClock('2026-12-04T05:00:00Z') });
    const reminder = tg.say(carol, 'mujhe kal 5 baje ammi ko call karna yaad dilana');
    await replyIn(carol.id);
    tg.tg.editText({ chatId: carol.id, messageId: idOf(reminder), text: 'mujhe kal 6 baje ammi ko call karna yaad dilana' });
    expect(await replyIn(carol.id)).toContain('✏️ آپ کی ترمیم کے مطابق بدل دیا: ammi ko call karna');
    expect((await tg.app.db.reminder.findFirstOrThrow()).at.toISOString()).toBe('2026-12-05T13:00:00.000Z');

    const todo = tg.say(carol, 'کل دودھ لینا ہے');
    await replyIn(carol.id);
    tg.tg.editText({ chatId: carol.id, messageId: idOf(todo), text: 'شکریہ' });
    expect(await replyIn(carol.id)).toBe('✏️ آپ کا بدلا ہوا پیغام اب کام کے طور پر سمجھ نہیں آیا، اس لیے "دودھ لینا" کو ویسا ہی رہنے دیا۔');
  }, 30_000);

  it('a message older than two days is forgotten by housekeeping: its edit no longer follows', async () => {
    const clock = new FakeClock('2026-12-04T05:00:00Z');
    tg = await startTelegramHarness({ appClock: clock });
    const said = tg.say(alice, 'add buy milk tomorrow');
    await replyIn(alice.id);
    expect(await tg.app.db.messageItem.count()).toBe(1);
    await clock.advance(49 * 60 * MIN);
    expect((await new Housekeeping({ db: tg.app.db, clock, logger: createLogger('silent') }).prune()).messageItems).toBe(1);
    tg.tg.editText({ chatId: alice.id, messageId: idOf(said), text: 'add buy oat milk tomorrow' });
    tg.say(alice, '/todos');
    expect(await replyIn(alice.id)).toContain('buy milk');
    expect((await tg.app.db.todo.findMany()).map((t) => t.title)).toEqual(['buy milk']);
  }, 30_000);
});
