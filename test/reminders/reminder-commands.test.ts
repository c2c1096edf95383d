/**
 * The reminder-management and note-edit commands through the whole app in the terminal (console
 * platform) on a fake clock: /reminders then /unremind by list number, /editreminder (the outbox
 * follows: only the new time fires), /pause and /resume, /snooze, /skip on a daily reminder (exactly
 * one occurrence is skipped), "skip the next one" in Urdu and Roman Urdu, /editmemo and /undo — with
 * English and Urdu replies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { t as say18n } from '../../src/i18n/index.ts';
import { startReminderApp } from '../helpers/reminder-app.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

/** The terminal at 10:00 in Karachi on Friday 4 December 2026. */
async function terminal() {
  const app = await startReminderApp('console');
  cleanup = app.cleanup;
  return app;
}

describe('reminder commands in the terminal', () => {
  it('/reminders lists; /unremind <number> cancels that line, and it never fires', async () => {
    const t = await terminal();
    expect(await t.say('/remind 6pm take pills')).toContain('take pills');
    expect(await t.say('/remind tomorrow 9am call mom')).toContain('call mom');
    expect(await t.say('/reminders today')).not.toContain('call mom');
    const list = await t.say('/reminders');
    expect(list).toMatch(/1\. take pills/);
    expect(list).toMatch(/2\. call mom/);
    expect(await t.say('/unremind 2')).toContain('Reminder cancelled: call mom');
    const mom = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'call mom' } });
    expect(await t.live(mom.id)).toEqual([]);
    expect(await t.say('/reminders')).not.toContain('call mom');
    await t.advance(30 * HOUR);
    expect(t.channel.fired()).toEqual(['dm 1: ⏰ Reminder: take pills']);
  });

  it('/editreminder moves it: the outbox follows and only the new time fires', async () => {
    const t = await terminal();
    await t.say('/remind 6pm take pills');
    expect(await t.say('/editreminder pills 7pm')).toContain('Reminder changed: take pills');
    const pills = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'take pills' } });
    expect((await t.live(pills.id)).map((n) => n.dueAt.toISOString())).toEqual(['2026-12-04T14:00:00.000Z']);
    await t.advance(8 * HOUR + 5 * MIN); // 18:05: the old time passes in silence
    expect(t.channel.fired()).toEqual([]);
    await t.advance(HOUR); // 19:05
    expect(t.channel.fired()).toEqual(['dm 1: ⏰ Reminder: take pills']);
    // By list number with a new text; /undo puts the old text back.
    await t.say('/reminders');
    await t.say('/remind 9pm stretch');
    await t.say('/reminders');
    expect(await t.say('/editreminder 1 text stretch and breathe')).toContain('stretch and breathe');
    expect(await t.say('/undo')).toContain('Undone');
    expect((await t.app.db.reminder.findFirstOrThrow({ where: { text: 'stretch' } })).at.toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });

  it('/pause and /resume a daily reminder, with Urdu replies', async () => {
    const t = await terminal();
    await t.say('/language ur');
    await t.say('/remind every day at 11am drink water');
    const water = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'drink water' } });
    expect(await t.say('/pause water')).toContain(say18n('ur', 'reminderPaused', { text: 'drink water' }));
    expect(await t.live(water.id)).toEqual([]);
    await t.advance(2 * HOUR); // 11:00 passes while paused
    expect(t.channel.fired()).toEqual([]);
    expect(await t.say('/yaadein')).toContain(say18n('ur', 'reminderPausedMark'));
    expect(await t.say('/dobara water')).toContain('دوبارہ شروع: drink water');
    expect((await t.live(water.id)).map((n) => n.dueAt.toISOString())).toEqual(['2026-12-05T06:00:00.000Z']);
    await t.advance(24 * HOUR);
    expect(t.channel.fired()).toEqual(['dm 1: ⏰ یاد دہانی: drink water']);
  }, 30_000);

  it('/snooze with no ref snoozes the reminder that just arrived; /snooze <ref> <duration> names one', async () => {
    const t = await terminal();
    await t.say('/remind 5m stretch');
    await t.advance(6 * MIN);
    expect(t.channel.fired()).toHaveLength(1);
    expect(await t.say('/snooze 15m')).toContain('Snoozed until');
    await t.advance(14 * MIN);
    expect(t.channel.fired()).toHaveLength(1);
    await t.advance(2 * MIN);
    expect(t.channel.fired()).toHaveLength(2);
    await t.say('/remind 6pm take pills');
    expect(await t.say('/snooze pills 1h')).toContain('Snoozed until');
    const pills = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'take pills' } });
    // 1 hour from now (10:22), not from 6pm: snoozing moves it to that moment.
    expect((await t.live(pills.id)).map((n) => n.dueAt.toISOString())).toEqual([new Date(t.clock.now().getTime() + HOUR).toISOString()]);
  });

  it('/skip on a daily reminder skips exactly one occurrence; /undo brings it back', async () => {
    const t = await terminal();
    await t.say('/remind every day at 11am drink water');
    const water = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'drink water' } });
    const skipped = await t.say('/skip water');
    expect(skipped).toMatch(/^Skipped .*11:00.*\. Next time: .*11:00/);
    expect((await t.live(water.id)).map((n) => n.dueAt.toISOString())).toEqual(['2026-12-05T06:00:00.000Z']);
    await t.advance(2 * HOUR); // today's 11:00: skipped
    expect(t.channel.fired()).toEqual([]);
    await t.advance(24 * HOUR); // tomorrow's 11:00 fires
    expect(t.channel.fired()).toEqual(['dm 1: ⏰ Reminder: drink water']);
    await t.advance(24 * HOUR); // and the one after: only one was skipped
    expect(t.channel.fired()).toHaveLength(2);

    // "skip the next one" after it arrived; undo brings the skipped one back.
    expect(await t.say('skip the next one')).toContain('Skipped');
    expect((await t.live(water.id)).map((n) => n.dueAt.toISOString())).toEqual(['2026-12-08T06:00:00.000Z']);
    expect(await t.say('/undo')).toContain('Undone');
    expect((await t.live(water.id)).map((n) => n.dueAt.toISOString())).toEqual(['2026-12-07T06:00:00.000Z']);

    // A one-off has no next one to skip.
    await t.say('/remind 9pm stretch');
    expect(await t.say('/skip stretch')).toContain("doesn't repeat");
  }, 30_000);

  it('"agla wala chhor do" and "اگلا چھوڑ دو" skip the reminder that just arrived, answered in Urdu', async () => {
    const t = await terminal();
    await t.say('/remind every day at 10:30am walk');
    await t.advance(31 * MIN);
    expect(t.channel.fired()).toHaveLength(1);
    const walk = await t.app.db.reminder.findFirstOrThrow({ where: { text: 'walk' } });
    const roman = await t.say('agla wala chhor do');
    expect(roman).toMatch(/والا چھوڑ دیا۔ اگلی بار:/);
    expect((await t.live(walk.id)).map((n) => n.dueAt.toISOString())).toEqual(['2026-12-06T05:30:00.000Z']);
    expect(await t.say('اگلا چھوڑ دو')).toMatch(/والا چھوڑ دیا۔ اگلی بار:/);
    expect((await t.live(walk.id)).map((n) => n.dueAt.toISOString())).toEqual(['2026-12-07T05:30:00.000Z']);
  });

  it('/skip todo <ref> skips a repeating todo\'s next due date', async () => {
    const t = await terminal();
    await t.say('/todo water plants every day at 6pm');
    const todo = await t.app.db.todo.findFirstOrThrow();
    expect(todo.recurrence).not.toBeNull();
    expect(await t.say('/skip todo plants')).toContain('Skipped');
    const after = await t.app.db.todo.findFirstOrThrow();
    expect(after.dueAt!.getTime() - todo.dueAt!.getTime()).toBe(24 * HOUR);
    expect(after.status).toBe('open');
  });

  it('/editmemo changes a note and /undo restores it, in English and Urdu', async () => {
    const t = await terminal();
    await t.say('/memo wifi password is 1234');
    await t.say('/memos');
    expect(await t.say('/editmemo 1 wifi password is 5678')).toContain('Note updated');
    expect((await t.app.db.memo.findFirstOrThrow()).content).toBe('wifi password is 5678');
    expect(await t.say('/undo')).toContain('Undone');
    expect((await t.app.db.memo.findFirstOrThrow()).content).toBe('wifi password is 1234');
    await t.say('/language ur');
    expect(await t.say('/editmemo wifi to wifi password is 9999')).toContain('نوٹ بدل دیا');
    expect((await t.app.db.memo.findFirstOrThrow()).content).toBe('wifi password is 9999');
    // Another person's note is out of reach by id.
    const memo = await t.app.db.memo.findFirstOrThrow();
    expect(await t.say(`/editmemo #${memo.id} hacked`, '2')).toMatch(/couldn't find/);
    expect((await t.app.db.memo.findFirstOrThrow()).content).toBe('wifi password is 9999');
  });
});
