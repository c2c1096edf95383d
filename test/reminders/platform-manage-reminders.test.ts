/**
 * Issue 14 on the platform fakes (real grammY / discord.js adapters against the local fake servers),
 * with the app on a fake clock: a group reminder is posted in the group at its moved time only, a
 * member's press on another's Cancel button changes nothing, a cancelled reminder never fires, and
 * "snooze that" after a DM reminder brings it back ten minutes later; the typed commands (/reminders,
 * /skip, /snooze, /unremind) on Telegram and the /reminder and /memo edit picker forms on Discord.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock.ts';
import { waitUntil } from '../helpers/wait-until.ts';
import { alice as dcAlice, bob as dcBob, CHANNEL, startHarness as startDiscord, text, type DiscordHarness } from '../discord/discord-harness.ts';
import { alice, bob, buttons, GROUP, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
let tg: TelegramHarness | undefined;
let dc: DiscordHarness | undefined;
afterEach(async () => {
  await tg?.close();
  await dc?.close();
  tg = undefined;
  dc = undefined;
});

/** Waits until `check` holds: the adapters talk to the fakes over real HTTP (only the app's clock is fake). */
const until = (check: () => boolean | Promise<boolean>, what: string) => waitUntil(check, what);

describe('managing reminders on Telegram', () => {
  it('group: posted in the group at the moved time only; another member\'s Cancel press is refused; DM: cancel and snooze that', async () => {
    const clock = new FakeClock('2026-12-04T05:00:00Z'); // 10:00 in Karachi
    tg = await startTelegramHarness({ appClock: clock });
    await tg.app.startScheduler(new Map([['telegram', tg.bot.channel]]));
    tg.tg.addChat({ id: GROUP, type: 'supergroup', title: 'Office' });
    const advance = async (ms: number) => { await clock.advance(ms); await tg!.app.scheduler.idle(); };
    const reminders = (chatId: number) => tg!.sent(chatId).filter((c) => plain(c.params.text).includes('⏰'));

    tg.say(alice, '@claw_test_bot remind us at 11am to submit the report', { chatId: GROUP, title: 'Office' });
    expect(plain((await tg.nextReply(GROUP)).params.text)).toContain('I will remind this group: submit the report');
    tg.say(bob, '@claw_test_bot what reminders do I have', { chatId: GROUP, title: 'Office' });
    const list = await tg.nextReply(GROUP);
    expect(plain(list.params.text)).toMatch(/1\. submit the report/);
    const cancel = buttons(list).find((b) => b.startsWith('del:reminder:'))!;
    tg.tg.pressButton({ chatId: GROUP, from: bob, messageId: messageIdOf(list), data: cancel });
    await tg.tg.waitForCall('answerCallbackQuery', undefined, 1, 5_000);
    const report = await tg.app.db.reminder.findFirstOrThrow({ where: { text: 'submit the report' } });
    expect(report.status).toBe('pending');

    tg.say(alice, '@claw_test_bot move the report reminder to 11:30am', { chatId: GROUP, title: 'Office' });
    await until(async () => (await tg!.app.db.reminder.findUniqueOrThrow({ where: { id: report.id } })).at.toISOString() === '2026-12-04T06:30:00.000Z', 'the move');
    await advance(61 * MIN); // 11:01: the old time passes in silence
    expect(reminders(GROUP)).toEqual([]);
    await advance(30 * MIN); // 11:31
    await until(() => reminders(GROUP).length === 1, 'the group reminder');
    expect(plain(reminders(GROUP)[0]!.params.text)).toContain('⏰ Reminder: submit the report');
    expect(reminders(alice.id)).toEqual([]);

    tg.say(alice, 'remind me to call the bank at 1pm');
    await tg.nextReply(alice.id);
    tg.say(alice, 'cancel the bank reminder');
    expect(plain((await tg.nextReply(alice.id)).params.text)).toContain('Reminder cancelled: call the bank');
    tg.say(alice, 'remind me to stretch in 5 minutes');
    await tg.nextReply(alice.id);
    await advance(6 * MIN);
    await until(() => reminders(alice.id).length === 1, 'the stretch reminder');
    tg.say(alice, 'snooze that for 10 minutes');
    await tg.tg.waitForCall('sendMessage', (c) => Number(c.params.chat_id) === alice.id && plain(c.params.text).includes('Snoozed until'), 1, 5_000);
    await advance(11 * MIN);
    await until(() => reminders(alice.id).length === 2, 'the snoozed reminder');
    await advance(120 * MIN); // 1pm passes: the cancelled reminder never fires
    expect(reminders(alice.id).map((c) => plain(c.params.text))).toEqual(['⏰ Reminder: stretch', '⏰ Reminder: stretch']);
  }, 30_000);

  it('DM commands: /reminders, /skip by list number (that 11:00 passes in silence), /unremind; Urdu /snooze', async () => {
    const clock = new FakeClock('2026-12-04T05:00:00Z'); // 10:00 in Karachi
    tg = await startTelegramHarness({ appClock: clock });
    await tg.app.startScheduler(new Map([['telegram', tg.bot.channel]]));
    const advance = async (ms: number) => { await clock.advance(ms); await tg!.app.scheduler.idle(); };
    const reminders = () => tg!.sent(alice.id).filter((c) => plain(c.params.text).includes('⏰'));
    const ask = async (words: string) => { tg!.say(alice, words); return plain((await tg!.nextReply(alice.id)).params.text); };

    expect(await ask('/remind every day at 11am drink water')).toContain('drink water');
    expect(await ask('/reminders')).toMatch(/1\. drink water/);
    expect(await ask('/skip 1')).toMatch(/^Skipped .*Next time:/);
    await advance(61 * MIN); // 11:01: the skipped one
    expect(reminders()).toEqual([]);
    await advance(24 * HOUR); // the next day's fires
    await until(() => reminders().length === 1, 'the next day\'s reminder');
    expect(plain((await tg.nextReply(alice.id)).params.text)).toBe('⏰ Reminder: drink water');

    expect(await ask('/language ur')).toMatch(/[\u0600-\u06FF]/);
    expect(await ask('/snooze 15m')).toContain('تک مؤخر');
    await advance(16 * MIN);
    await until(() => reminders().length === 2, 'the snoozed reminder');
    expect(plain((await tg.nextReply(alice.id)).params.text)).toContain('drink water');
    expect(await ask('/reminders')).toMatch(/1\. drink water/);
    expect(await ask('/unremind 1')).toContain('یاد دہانی منسوخ: drink water');
    await advance(48 * HOUR);
    expect(reminders()).toHaveLength(2);
  }, 30_000);
});

describe('managing reminders on Discord', () => {
  it('server: "remind us" posts in the channel; members cannot cancel another\'s; DM: list, pause and resume a repeating one', async () => {
    const clock = new FakeClock('2026-12-04T05:00:00Z');
    dc = await startDiscord({ appClock: clock });
    await dc.app.startScheduler(new Map([['discord', dc.bot.channel]]));
    const advance = async (ms: number) => { await clock.advance(ms); await dc!.app.scheduler.idle(); };
    const say = async (user: typeof dcAlice, words: string, dm = false) => text(await dc!.answer(dc!.command(user, 'ask', { dm, options: { question: words } })));
    const posted = () => dc!.dc.messagesIn(CHANNEL).filter((m) => !m.interactionId && String(m.content ?? '').includes('⏰'));

    expect(await say(dcAlice, 'remind us at 11am to book the room')).toContain('I will remind this group: book the room');
    expect(await say(dcBob, 'cancel the room reminder')).toContain('Only the person who added it');
    const room = await dc.app.db.reminder.findFirstOrThrow({ where: { text: 'book the room' } });
    expect(await say(dcBob, `cancel reminder #${room.id}`, true)).toContain("couldn't find");
    await advance(61 * MIN);
    await until(() => posted().length === 1, 'the channel reminder');
    expect(String(posted()[0]!.content)).toContain('⏰ Reminder: book the room');

    expect(await say(dcAlice, 'remind me to drink water every day at 2pm', true)).toContain('drink water');
    expect(await say(dcAlice, 'show my reminders', true)).toMatch(/drink water/);
    expect(await say(dcAlice, 'pause the water reminder', true)).toContain('Paused: drink water');
    const water = await dc.app.db.reminder.findFirstOrThrow({ where: { text: 'drink water' } });
    expect(await dc.app.db.notification.count({ where: { sourceType: 'reminder', sourceId: water.id, status: 'pending' } })).toBe(0);
    expect(await say(dcAlice, 'resume the water reminder', true)).toContain('Resumed: drink water');
    expect(await dc.app.db.notification.count({ where: { sourceType: 'reminder', sourceId: water.id, status: 'pending' } })).toBe(1);
  }, 30_000);

  it('the /reminder group and /memo edit: list, skip, cancel by picked item; a note edited and undone', async () => {
    const clock = new FakeClock('2026-12-04T05:00:00Z');
    dc = await startDiscord({ appClock: clock });
    await dc.app.startScheduler(new Map([['discord', dc.bot.channel]]));
    const run = async (name: string, sub?: string, options: Record<string, string> = {}) => text(await dc!.answer(dc!.command(dcAlice, name, { sub, options, dm: true })));

    expect(await run('remind', undefined, { text: 'every day at 11am stand up' })).toContain('stand up');
    expect(await run('remind', undefined, { text: 'tomorrow 9am call mom' })).toContain('call mom');
    const list = await run('reminder', 'list');
    expect(list).toMatch(/stand up/);
    expect(list).toMatch(/call mom/);
    const standUp = await dc.app.db.reminder.findFirstOrThrow({ where: { text: 'stand up' } });
    const mom = await dc.app.db.reminder.findFirstOrThrow({ where: { text: 'call mom' } });
    expect(await run('reminder', 'skip', { item: `#${standUp.id}` })).toMatch(/^Skipped /);
    expect((await dc.app.db.reminder.findUniqueOrThrow({ where: { id: standUp.id } })).at.toISOString()).toBe('2026-12-05T06:00:00.000Z');
    expect(await run('reminder', 'cancel', { item: `#${mom.id}` })).toContain('Reminder cancelled: call mom');
    expect(await dc.app.db.notification.count({ where: { sourceType: 'reminder', sourceId: mom.id, status: 'pending' } })).toBe(0);
    expect(await run('reminder', 'edit', { item: `#${standUp.id}`, time: '11:30am' })).toContain('Reminder changed: stand up');
    expect(await run('reminder', 'pause', { item: `#${standUp.id}` })).toContain('Paused: stand up');
    expect(await run('reminder', 'resume', { item: `#${standUp.id}` })).toContain('Resumed: stand up');

    expect(await run('memo', 'add', { text: 'gate code 1234' })).toContain('gate code');
    const memo = await dc.app.db.memo.findFirstOrThrow();
    expect(await run('memo', 'edit', { item: `#${memo.id}`, text: 'gate code 4321', title: 'Gate' })).toContain('Note updated: Gate');
    expect(await dc.app.db.memo.findFirstOrThrow()).toMatchObject({ content: 'gate code 4321', title: 'Gate' });
    expect(await run('undo')).toContain('Undone');
    expect((await dc.app.db.memo.findFirstOrThrow()).content).toBe('gate code 1234');
  }, 30_000);
});
