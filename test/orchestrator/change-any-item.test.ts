/**
 * A change said in words changes the item it names, whatever its kind, and never creates one:
 * real messages through the real app on a SQLite file, item counts checked before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

// Saturday 21 Nov 2026, 10:00 in Karachi (UTC+5).
let h: Harness;
beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
afterAll(async () => { await h.cleanup(); });

async function counts() {
  const db = h.app.db;
  return { todos: await db.todo.count(), events: await db.event.count(), reminders: await db.reminder.count(), memos: await db.memo.count() };
}

describe('changing an existing item by a sentence', () => {
  it('the brief\'s examples change the todo or event they name and create nothing', async () => {
    const who = { user: 'c1' };
    await h.say('add pay rent', who);
    await h.say('add call bank', who);
    await h.say('meeting with ali friday 5pm', who);
    const db = h.app.db;
    const meeting = await db.event.findFirstOrThrow({ where: { title: 'meeting with ali' } });
    expect(meeting.startAt.toISOString()).toBe('2026-11-27T12:00:00.000Z');
    const before = await counts();

    const priority = await h.say('change pay rent to high priority', who);
    expect(priority!.text).toMatch(/Updated todo: pay rent/);
    expect((await db.todo.findFirstOrThrow({ where: { title: 'pay rent' } })).priority).toBe('high');

    // "call bank" reads like a calendar call, but the item is a todo: its due date moves.
    const moved = await h.say('move call bank to monday', who);
    expect(moved!.text).toMatch(/Updated todo: call bank/);
    expect((await db.todo.findFirstOrThrow({ where: { title: 'call bank' } })).dueAt?.toISOString()).toBe('2026-11-23T04:00:00.000Z');

    await h.say('push pay rent to tomorrow 10am', who);
    expect((await db.todo.findFirstOrThrow({ where: { title: 'pay rent' } })).dueAt?.toISOString()).toBe('2026-11-22T05:00:00.000Z');

    // A clock time alone keeps the event's day (Friday) and its length.
    const ur = await h.say('meeting ko 7 baje kar do', who);
    expect(ur!.language).toBe('ur');
    const after = await db.event.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(after.startAt.toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(after.endAt).toEqual(meeting.endAt);

    expect(await counts()).toEqual(before);
    expect(await db.todo.count({ where: { title: { contains: 'change' } } })).toBe(0);
  });

  it('a moved event keeps its length (its end moves with its start)', async () => {
    const who = { user: 'c7' };
    await h.say('add team sync friday from 3pm to 5pm', who);
    const db = h.app.db;
    const ev = await db.event.findFirstOrThrow({ where: { title: 'team sync' } });
    expect(ev.endAt?.toISOString()).toBe('2026-11-27T12:00:00.000Z');
    const before = await counts();
    await h.say('move team sync to 6pm', who);
    const moved = await db.event.findUniqueOrThrow({ where: { id: ev.id } });
    expect([moved.startAt.toISOString(), moved.endAt?.toISOString()]).toEqual(['2026-11-27T13:00:00.000Z', '2026-11-27T15:00:00.000Z']);
    expect(await counts()).toEqual(before);
  });

  it('Urdu script: "X کو سات بجے کر دو" moves the event; "X کا وقت بدل دو" asks for the time and then moves it', async () => {
    const who = { user: 'c2' };
    await h.say('کل شام 6 بجے میٹنگ', who);
    const db = h.app.db;
    const ev = await db.event.findFirstOrThrow({ where: { title: 'میٹنگ' } });
    const before = await counts();
    const r = await h.say('میٹنگ کو سات بجے کر دو', who);
    expect(r!.language).toBe('ur');
    expect((await db.event.findUniqueOrThrow({ where: { id: ev.id } })).startAt.toISOString()).toBe('2026-11-22T14:00:00.000Z');

    const ask = await h.say('میٹنگ کا وقت بدل دو', who);
    expect(ask!.text).toMatch(/کب شروع ہو گا/);
    await h.say('کل رات 9 بجے', who);
    expect((await db.event.findUniqueOrThrow({ where: { id: ev.id } })).startAt.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(await counts()).toEqual(before);
  });

  it('reminders and alarms: by their words or by their time', async () => {
    const who = { user: 'c3' };
    await h.say('remind me to go to the gym tomorrow at 6:30am', who);
    await h.say('remind me to wake up tomorrow at 7am', who);
    const db = h.app.db;
    const before = await counts();

    await h.say('move the reminder about gym to 6pm', who);
    expect((await db.reminder.findFirstOrThrow({ where: { text: { contains: 'gym' } } })).at.toISOString()).toBe('2026-11-22T13:00:00.000Z');

    const alarm = await h.say('change my 7am alarm to 8', who);
    expect(alarm!.text).toContain('wake up');
    expect((await db.reminder.findFirstOrThrow({ where: { text: 'wake up' } })).at.toISOString()).toBe('2026-11-22T03:00:00.000Z');
    expect(await counts()).toEqual(before);
  });

  it('a todo named in a change is found whichever kind the words suggest (Roman Urdu and Urdu script)', async () => {
    const who = { user: 'c4' };
    await h.say('add pay rent', who);
    await h.say('/todo کرایہ ادا کرنا', who);
    const db = h.app.db;
    const before = await counts();
    await h.say('pay rent ko kal 10 baje kar do', who);
    await h.say('pay rent ki priority high kar do', who);
    const rent = await db.todo.findFirstOrThrow({ where: { title: 'pay rent' }, orderBy: { id: 'desc' } });
    expect(rent.dueAt?.toISOString()).toBe('2026-11-22T05:00:00.000Z');
    expect(rent.priority).toBe('high');
    await h.say('کرایہ کو کل کر دو', who);
    expect((await db.todo.findFirstOrThrow({ where: { title: 'کرایہ ادا کرنا' } })).dueAt?.toISOString()).toBe('2026-11-22T04:00:00.000Z');
    expect(await counts()).toEqual(before);
  });

  it('a change of something that does not exist says so, in the person\'s language, and adds nothing', async () => {
    const who = { user: 'c5' };
    const before = await counts();
    const en = await h.say('move the dentist to friday 4pm', who);
    expect(en!.text).toBe('I couldn\'t find anything called "dentist" to change (no todo, event, reminder or note). Nothing was added.');
    const roman = await h.say('gym ko 7 baje kar do', who);
    expect(roman!.language).toBe('ur');
    expect(roman!.text).toMatch(/"gym" نام کی کوئی چیز نہیں ملی/);
    const urdu = await h.say('میٹنگ کو سات بجے کر دو', who);
    expect(urdu!.text).toMatch(/"میٹنگ" نام کی کوئی چیز نہیں ملی/);
    expect(await h.say('change pay rent to high priority', who)).toMatchObject({ text: expect.stringContaining('"pay rent"') });
    expect(await counts()).toEqual(before);
  });

  it('an item of two kinds with the same words: the kind the words name wins, else the todo', async () => {
    const who = { user: 'c6' };
    await h.say('add standup notes', who);
    await h.say('/event standup notes monday 9am', who);
    const db = h.app.db;
    const todo = await db.todo.findFirstOrThrow({ where: { title: 'standup notes' }, orderBy: { id: 'desc' } });
    const ev = await db.event.findFirstOrThrow({ where: { title: 'standup notes' }, orderBy: { id: 'desc' } });
    await h.say('move standup notes to tuesday', who);
    expect((await db.todo.findUniqueOrThrow({ where: { id: todo.id } })).dueAt?.toISOString()).toBe('2026-11-24T04:00:00.000Z');
    expect((await db.event.findUniqueOrThrow({ where: { id: ev.id } })).startAt.toISOString()).toBe('2026-11-23T04:00:00.000Z');
    await h.say('move the standup notes event to wednesday', who);
    expect((await db.event.findUniqueOrThrow({ where: { id: ev.id } })).startAt.toISOString()).toBe('2026-11-25T04:00:00.000Z');
  });
});
