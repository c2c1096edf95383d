/**
 * Issue 14 on the platform fakes (real grammY / discord.js adapters against the local fake servers),
 * with the app on a fake clock: a group reminder is posted in the group at its moved time only, a
 * member's press on another's Cancel button changes nothing, a cancelled reminder never fires, and
 * "snooze that" after a DM reminder brings it back ten minutes later.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock.ts';
import { waitUntil } from '../helpers/wait-until.ts';
import { alice as dcAlice, bob as dcBob, CHANNEL, startHarness as startDiscord, text, type DiscordHarness } from '../discord/discord-harness.ts';
import { alice, bob, buttons, GROUP, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';

const MIN = 60_000;
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
});
