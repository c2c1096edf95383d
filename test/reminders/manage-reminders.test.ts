/**
 * Issue 14 through the whole app (createApp on a temporary SQLite file, the offline parser, tools,
 * services and the delivery loop) on a fake clock: reminders are listed, moved, paused, resumed,
 * cancelled and snoozed by free text and buttons, and the outbox follows each change; a group's
 * reminders are posted in the group and kept from other people; memos are edited and undone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GROUP, startReminderApp } from '../helpers/reminder-app.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

async function start() {
  const t = await startReminderApp();
  cleanup = t.cleanup;
  return t;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('managing personal reminders', () => {
  it('lists, moves (fires at the new time only), cancels (never fires) and undoes', async () => {
    const t = await start();
    expect(await t.say('remind me to take pills at 6pm')).toContain('take pills');
    expect(await t.say('remind me to call mom tomorrow at 9am')).toContain('call mom');
    await t.say('/todo pay rent today 3pm');

    const list = await t.say('what reminders do I have');
    expect(list).toMatch(/1\. pay rent .*todo reminder/);
    expect(list).toMatch(/2\. take pills/);
    expect(list).toMatch(/3\. call mom/);
    expect(await t.say('did I set any reminders for today')).not.toContain('call mom');
    // Line 1 is the todo's reminder: it follows its todo and is not cancelled from here.
    expect(await t.say('cancel 1', '1')).toContain('todo or event');

    expect(await t.say('move the pills reminder to 7pm')).toContain('Reminder changed: take pills');
    const pills = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'take pills' } });
    expect((await t.live(pills.id)).map((r) => r.dueAt.toISOString())).toEqual(['2026-12-04T14:00:00.000Z']);

    await t.advance(8 * HOUR + 5 * MIN); // 18:05 Karachi: the old time passes in silence
    expect(t.channel.fired().filter((f) => f.includes('pills'))).toEqual([]);
    await t.advance(HOUR); // 19:05
    expect(t.channel.fired().filter((f) => f.includes('pills'))).toEqual(['dm 1: ⏰ Reminder: take pills']);

    expect(await t.say('cancel the call mom reminder')).toContain('Reminder cancelled: call mom');
    const mom = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'call mom' } });
    expect(await t.live(mom.id)).toEqual([]);
    expect(await t.say('/undo')).toContain('Undone');
    expect(await t.live(mom.id)).toHaveLength(1);
    expect(await t.say('cancel the call mom reminder')).toContain('cancelled');
    await t.advance(16 * HOUR);
    expect(t.channel.fired().filter((f) => f.includes('call mom'))).toEqual([]);
  });

  it('a repeating reminder pauses (nothing fires), resumes at its next time, and the list says so', async () => {
    const t = await start();
    expect(await t.say('remind me to drink water every day at 11am')).toContain('drink water');
    await t.advance(HOUR + MIN); // 11:01: the first one
    expect(t.channel.fired()).toEqual(['dm 1: ⏰ Reminder: drink water']);
    expect(await t.say('pause the water reminder')).toContain('Paused: drink water');
    expect(await t.say('show my reminders')).toMatch(/drink water .*repeats .*paused/);
    await t.advance(24 * HOUR); // the next 11:00 passes while paused
    expect(t.channel.fired()).toHaveLength(1);
    expect(await t.say('resume the water reminder')).toContain('Resumed: drink water');
    const water = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'drink water' } });
    expect(water.at.toISOString()).toBe('2026-12-06T06:00:00.000Z'); // the next 11:00, not the missed one
    await t.advance(24 * HOUR);
    expect(t.channel.fired()).toHaveLength(2);
    expect(await t.say('pause the water reminder')).toContain('Paused');
    expect(await t.say('/undo')).toContain('Undone');
    expect((await t.app.db.reminder.findUniqueOrThrow({ where: { id: water.id } })).status).toBe('pending');
  }, 60_000);

  it('"remind me in 10 minutes" with nothing arrived yet asks what to remind about (it is not a snooze)', async () => {
    const t = await start();
    expect(await t.say('remind me in 10 minutes')).toContain('call mom');
    expect(await t.say('drink water')).toContain('I will remind you: drink water');
    expect(await t.say('10 minute baad yaad dilana')).toContain('مثال');
    expect(await t.say('stretch')).toContain('stretch');
    expect(await t.app.db.reminder.count()).toBe(2);
  });

  it('"snooze that for 10 minutes" after a reminder arrived, a todo\'s included; undo brings the old time back', async () => {
    const t = await start();
    await t.say('remind me to stretch in 5 minutes');
    await t.advance(6 * MIN);
    expect(t.channel.fired()).toEqual(['dm 1: ⏰ Reminder: stretch']);
    expect(await t.say('snooze that for 10 minutes')).toContain('Snoozed until');
    await t.advance(9 * MIN);
    expect(t.channel.fired()).toHaveLength(1);
    await t.advance(2 * MIN);
    expect(t.channel.fired()).toEqual(['dm 1: ⏰ Reminder: stretch', 'dm 1: ⏰ Reminder: stretch']);
    expect(await t.say('10 minute baad yaad dilana')).toContain('تک مؤخر');
    expect(await t.say('/undo')).toContain('Undone');
    const stretch = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'stretch' } });
    expect(await t.live(stretch.id)).toEqual([]);

    await t.say('/todo file taxes today 1pm');
    await t.advance(3 * HOUR);
    expect(t.channel.fired().at(-1)).toContain('file taxes');
    expect(await t.say('snooze that 1 hour')).toContain('Snoozed until');
    await t.advance(HOUR + MIN);
    expect(t.channel.fired().filter((f) => f.includes('file taxes'))).toHaveLength(2);
  });

  it('with nothing delivered, "snooze that" says so and sets nothing', async () => {
    const t = await start();
    expect(await t.say('snooze that for 10 minutes')).toContain('nothing to snooze');
    expect(await t.app.db.reminder.count()).toBe(0);
  });
});

describe('group reminders', () => {
  it('"remind us" posts in the group, "remind me" goes privately; members change only their own, admins any; nobody reaches another\'s', async () => {
    const t = await start();
    expect(await t.say('remind us at 5pm to submit the report', '1', {})).toContain('I will remind this group: submit the report');
    expect(await t.say('remind me at 5pm to call the bank', '1', {})).toContain('privately');
    expect(await t.say('remind us at 6pm to water the plants', '2', {})).toContain('water the plants');

    const groupList = await t.say('what reminders do I have', '2', {});
    expect(groupList).toContain('submit the report');
    expect(groupList).toContain('water the plants');
    expect(groupList).not.toContain('call the bank'); // user 1's private reminder
    const report = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'submit the report' } });
    const bank = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'call the bank' } });

    // A member may not cancel someone else's group reminder, by words, id or button.
    expect(await t.say('cancel the report reminder', '2', {})).toContain('Only the person who added it');
    expect(await t.press(`del:reminder:${report.id}`, '2', {})).toContain('Only the person who added it');
    // Another user's private reminder is not found, in the group or in a DM.
    expect(await t.say(`cancel reminder #${bank.id}`, '2', {})).toContain("couldn't find");
    expect(await t.press(`del:reminder:${bank.id}`, '2')).toContain("couldn't find");
    expect(await t.say('cancel the bank reminder', '2')).toContain("couldn't find");
    // The group's reminder is not in a member's DM list.
    expect(await t.say('what reminders do I have', '1')).not.toContain('submit the report');
    expect(await t.say(`cancel reminder #${report.id}`, '1')).toContain("couldn't find");

    // An admin may cancel anyone's group reminder.
    expect(await t.say('cancel the plants reminder', '3', { admin: true })).toContain('Reminder cancelled: water the plants');
    expect(await t.say('move the report reminder to 5:30pm', '1', {})).toContain('Reminder changed');

    await t.advance(9 * HOUR);
    expect(t.channel.fired().sort()).toEqual([`dm 1: ⏰ Reminder: call the bank`, `group ${GROUP}: ⏰ Reminder: submit the report`]);
    const rows = await t.app.db.notification.findMany({ where: { sourceType: 'reminder', sourceId: report.id, status: 'sent' } });
    expect(rows.map((r) => [r.target, r.dueAt.toISOString()])).toEqual([[`chat:telegram:${GROUP}`, '2026-12-04T12:30:00.000Z']]);

    // Its Done/Snooze buttons: refused for a member who did not set it, taken from its creator.
    const sent = t.channel.group.find((g) => g.reply.text.includes('submit the report'))!;
    const snooze = sent.reply.actions!.find((a) => a.data.endsWith(':10m'))!.data;
    expect(await t.press(snooze, '2', {})).toContain('no longer valid');
    expect(await t.press(snooze, '1', {})).toContain('Snoozed until');
  });

  it('follows its group when the chat id changes (a Telegram group upgraded to a supergroup)', async () => {
    const t = await start();
    expect(await t.say('remind us at 11am to submit the report', '1', {})).toContain('I will remind this group');
    const report = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'submit the report' } });
    await t.app.services.spaces.migrateSpace('telegram', GROUP, '-100999');
    expect((await t.app.db.reminder.findUniqueOrThrow({ where: { id: report.id } })).chatTarget).toBe('telegram:-100999');
    expect((await t.live(report.id)).map((r) => r.target)).toEqual(['chat:telegram:-100999']);
    await t.advance(HOUR + MIN); // 11:01 Karachi
    expect(t.channel.fired()).toEqual(['group -100999: ⏰ Reminder: submit the report']);
  });
});

describe('memos', () => {
  it('"change the wifi memo to …" edits the note; undo brings the old text back', async () => {
    const t = await start();
    await t.say('/memo wifi password is 1234');
    expect(await t.say('change the wifi memo to wifi password is 5678')).toContain('Note updated');
    const memo = await t.app.db.memo.findFirstOrThrow();
    expect(memo.content).toBe('wifi password is 5678');
    expect(await t.say('/undo')).toContain('Undone');
    expect((await t.app.db.memo.findFirstOrThrow()).content).toBe('wifi password is 1234');
    // Someone else's memo cannot be edited by id (whether the sentence is acted on or first asked about).
    const other = await t.say(`change memo #${memo.id} to hacked`, '2');
    expect(other).toMatch(/couldn't find|Which|Did you mean/);
    if (other.startsWith('Did you mean')) expect(await t.say('1', '2')).toMatch(/couldn't find/);
    expect((await t.app.db.memo.findFirstOrThrow()).content).toBe('wifi password is 1234');
  });
});
