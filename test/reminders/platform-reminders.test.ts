/**
 * A reminder set on Telegram or Discord arrives as a direct message through the real adapter (against
 * the local fake servers) with Done and Snooze buttons, and the buttons work — for its owner only.
 * Each app, its bot and its fake run on a FakeClock that the waits move: the reminder falls due in fake time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { alice as dcAlice, bob as dcBob, startHarness as startDiscord, type DiscordHarness } from '../discord/discord-harness.ts';
import { alice as tgAlice, bob as tgBob, buttons, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';

/** Moves a reminder (and its outbox row) to fire a moment from now, as if its time had come. */
async function dueNow(app: App, clock: FakeClock, text: string): Promise<number> {
  const reminder = await app.db.reminder.findFirstOrThrow({ where: { text } });
  await app.db.reminder.update({ where: { id: reminder.id }, data: { at: new Date(clock.now().getTime() + 300) } });
  await app.scheduler.planner.planReminder(reminder.id);
  return reminder.id;
}

describe('reminders as direct messages on the platforms', () => {
  let tg: TelegramHarness | undefined;
  let dc: DiscordHarness | undefined;
  afterEach(async () => {
    await tg?.close();
    await dc?.close();
    tg = undefined;
    dc = undefined;
  });

  it('Telegram: the reminder arrives in the DM with Done/Snooze buttons; Snooze works, a stranger\'s press does not', async () => {
    const clock = new FakeClock();
    tg = await startTelegramHarness({ clock });
    await tg.app.startScheduler(new Map([['telegram', tg.bot.channel]]));
    tg.say(tgAlice, '/remind 2h drink water');
    expect(plain((await tg.nextReply(tgAlice.id)).params.text)).toContain('drink water');
    await dueNow(tg.app, clock, 'drink water');
    const reminder = await tg.tg.waitForCall('sendMessage', (c) => Number(c.params.chat_id) === tgAlice.id && plain(c.params.text).includes('⏰'), 1, 5_000);
    expect(plain(reminder.params.text)).toContain('⏰ Reminder: drink water');
    const data = buttons(reminder);
    expect(data).toHaveLength(4);
    expect(data[0]).toMatch(/^ntf:done:\d+$/);
    const snooze = data.find((d) => d.endsWith(':10m'))!;

    // Bob forwards nothing, but forges the same callback in his own chat: refused, nothing snoozed.
    tg.tg.pressButton({ chatId: tgBob.id, from: tgBob, messageId: messageIdOf(reminder), data: snooze });
    await tg.tg.waitForCall('answerCallbackQuery', undefined, 1, 5_000);
    const rows = () => tg!.app.db.notification.count({ where: { dedupeKey: { startsWith: 'snooze:' } } });
    expect(await rows()).toBe(0);

    tg.tg.pressButton({ chatId: tgAlice.id, from: tgAlice, messageId: messageIdOf(reminder), data: snooze });
    const edited = await tg.tg.waitForCall('editMessageText', (c) => plain(c.params.text).includes('Snoozed until'), 1, 5_000);
    expect(Number(edited.params.chat_id)).toBe(tgAlice.id);
    expect(await rows()).toBe(1);
    await tg.tg.waitForCall('answerCallbackQuery', undefined, 2, 5_000); // every press is answered
  });

  it('Discord: the reminder arrives as a DM with buttons; Done closes it, a stranger\'s press does not', async () => {
    const clock = new FakeClock();
    dc = await startDiscord({ clock });
    await dc.app.startScheduler(new Map([['discord', dc.bot.channel]]));
    await dc.answer(dc.command(dcAlice, 'remind', { dm: true, options: { text: 'in 2 hours stretch' } }));
    const id = await dueNow(dc.app, clock, 'stretch');
    const dm = await dc.until(() => dc!.dc.messagesIn(dc!.dc.dmChannelId(dcAlice)).find((m) => String(m.content ?? '').includes('⏰')), { timeoutMs: 5_000, label: 'reminder DM' });
    expect(dm.content).toContain('⏰ Reminder: stretch');
    const ids = JSON.stringify(dm.raw);
    const done = /ntf:done:\d+/.exec(ids)![0];

    const forged = await dc.answer(dc.press(dcBob, done, dm.id, { dm: true }));
    expect(JSON.stringify(forged)).toMatch(/no longer valid/);
    expect((await dc.app.db.reminder.findUniqueOrThrow({ where: { id } })).status).not.toBe('done');

    const answer = await dc.answer(dc.press(dcAlice, done, dm.id, { dm: true }));
    expect(JSON.stringify(answer)).toContain('stretch');
    expect((await dc.app.db.reminder.findUniqueOrThrow({ where: { id } })).status).toBe('done');
  });
});
