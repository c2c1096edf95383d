import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, visible, type Harness } from '../helpers/harness.ts';

// The real app on a fresh SQLite file. Now: Saturday 2026-11-21 10:00 in Karachi (UTC+5);
// tomorrow is Sunday the 22nd, "friday" the 27th.
let h: Harness;
beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
afterAll(async () => { await h.cleanup(); });

const todoTitles = async (user: string) => {
  const { userId: id } = await h.app.db.identity.findFirstOrThrow({ where: { externalId: user } });
  return (await h.app.db.todo.findMany({ where: { ownerId: id }, orderBy: { id: 'asc' } })).map((t) => t.title);
};

describe('a day question gets one answer from events, todos and reminders', () => {
  it('"what do I have tomorrow" lists tomorrow\'s event, todo due and reminder, and nothing of other days', async () => {
    const who = { user: 'day1' };
    await h.say('add pay rent tomorrow', who);
    await h.say('meeting with ali tomorrow 5pm', who);
    await h.say('remind me tomorrow at 8pm to call mom', who);
    await h.say('add submit report friday', who);
    const r = visible(await h.say('what do I have tomorrow', who));
    expect(r).toContain('Tomorrow, Sun 22 Nov');
    expect(r).toContain('pay rent');
    expect(r).toContain('meeting with ali');
    expect(r).toContain('call mom');
    expect(r).not.toContain('submit report');
    // The /events command for the same day answers the same.
    expect(visible(await h.say('/events tomorrow', who))).toBe(r);
  });

  it('"what do I have on friday" is that day, not a search for the word', async () => {
    const who = { user: 'day2' };
    await h.say('add submit report friday', who);
    await h.say('/event dentist friday 4pm', who);
    await h.say('add pay rent tomorrow', who);
    const r = visible(await h.say('what do I have on friday', who));
    expect(r).toContain('Fri 27 Nov');
    expect(r).toContain('submit report');
    expect(r).toContain('dentist');
    expect(r).not.toContain('pay rent');
    expect(r).not.toMatch(/Nothing found/);
    expect(visible(await h.say('/events friday', who))).toBe(r);
    expect(visible(await h.say('am i free on saturday the 28th', who))).toMatch(/Nothing planned for Sat 28 Nov/);
  });

  it('today\'s questions answer exactly what /today shows', async () => {
    const who = { user: 'day3' };
    await h.say('add submit form today 6pm', who);
    await h.say('/event lunch with ali today 1pm', who);
    const today = visible(await h.say('/today', who));
    expect(today).toContain('submit form');
    expect(today).toContain('lunch with ali');
    for (const q of ['whats on today', 'what is on my plate today?', "what's my schedule today", 'what do I have today']) {
      expect(visible(await h.say(q, who)), q).toBe(today);
    }
  });

  it('Urdu and Roman Urdu day questions are answered in Urdu with the day\'s items', async () => {
    const who = { user: 'day4' };
    await h.say('meeting with ali tomorrow 5pm', who);
    for (const q of ['kal kya hai', 'میرا کل کا شیڈول کیا ہے', 'کل کیا ہے']) {
      const r = await h.say(q, who);
      expect(r!.language, q).toBe('ur');
      expect(visible(r), q).toContain('meeting with ali');
    }
    const day = await h.say('aaj ka din kaisa hai', who);
    expect(day!.text).toMatch(/^آج،/);
  });

  it('count questions get a count', async () => {
    const who = { user: 'day5' };
    await h.say('add pay rent tomorrow', who);
    await h.say('add buy bread', who);
    await h.say('meeting with ali tomorrow 5pm', who);
    expect(visible(await h.say('how many todos do I have', who))).toContain('Open: 2');
    expect(visible(await h.say('how many meetings do i have this week', who))).toContain('Events (1)');
  });

  it('"what do I have planned next" lists what is coming', async () => {
    const who = { user: 'day6' };
    await h.say('/event dentist friday 4pm', who);
    expect(visible(await h.say('what do I have planned next', who))).toContain('dentist');
  });
});

describe('undo in words', () => {
  it('"undo" and "wapas karo" take back the last change, like /undo', async () => {
    const who = { user: 'undo1' };
    await h.say('add buy bread', who);
    expect((await h.say('undo', who))!.text).toMatch(/Undone: added todo/);
    expect(await todoTitles('undo1')).toEqual([]);
    await h.say('add buy eggs', who);
    const ur = await h.say('wapas karo', who);
    expect(ur!.language).toBe('ur');
    expect(await todoTitles('undo1')).toEqual([]);
    expect((await h.say('واپس کرو', who))!.text).not.toMatch(/can't chat|گفتگو/);
  });
});

describe('an open question lets a new request through', () => {
  it('"add buy eggs" after "which one?" adds the todo and drops the question; a number still answers it', async () => {
    const who = { user: 'pend1' };
    await h.say('add buy milk', who);
    await h.say('add oat milk', who);
    expect((await h.say('delete milk', who))!.text).toMatch(/Which one/);
    const eggs = await h.say('add buy eggs', who);
    expect(eggs!.text).toContain('Added todo: buy eggs');
    expect(await todoTitles('pend1')).toEqual(['buy milk', 'oat milk', 'buy eggs']);
    // The question is gone: "1" is no longer taken as its answer.
    await h.say('1', who);
    expect(await todoTitles('pend1')).toEqual(['buy milk', 'oat milk', 'buy eggs']);

    expect((await h.say('delete milk', who))!.text).toMatch(/Which one/);
    expect((await h.say('2', who))!.text).toContain('Deleted todo: oat milk');
    expect(await todoTitles('pend1')).toEqual(['buy milk', 'buy eggs']);
  });

  it('a day question or a full reminder passes too; a bare time still answers "when?"', async () => {
    const who = { user: 'pend2' };
    expect((await h.say('remind me to pay the electricity bill', who))!.text).toMatch(/When should I remind you/);
    await h.say('add pay rent tomorrow', who);
    expect(visible(await h.say('what do I have tomorrow', who))).toContain('pay rent');
    expect((await h.say('remind me at 5pm to call mom', who))!.text).toContain('call mom');
    expect(await h.app.db.reminder.count({ where: { text: 'pay the electricity bill' } })).toBe(0);

    expect((await h.say('remind me to water the plants', who))!.text).toMatch(/When should I remind you/);
    expect((await h.say('tomorrow at 11am', who))!.text).toContain('water the plants');
    expect(await h.app.db.reminder.count({ where: { text: 'water the plants' } })).toBe(1);
  });
});
