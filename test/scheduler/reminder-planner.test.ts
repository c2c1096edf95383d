import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { ReminderPlanner, snoozeUntil } from '../../src/scheduler/reminder-planner.ts';
import { makeUser, tempDb } from './db-fixtures.ts';

let db: Db;
let cleanup: () => Promise<void>;
let now: Date;
let planner: ReminderPlanner;
let changes: number;
const clock = { now: () => now, setTimeout: () => () => {} };

beforeEach(async () => {
  ({ db, cleanup } = await tempDb());
  now = new Date('2026-11-21T06:00:00Z');
  changes = 0;
  planner = new ReminderPlanner({ db, clock, onChange: () => { changes++; } });
});
afterEach(async () => { await cleanup(); });

const rows = (sourceType: string, sourceId: number) =>
  db.notification.findMany({ where: { sourceType, sourceId }, orderBy: { id: 'asc' } });
const pending = async (sourceType: string, sourceId: number) => (await rows(sourceType, sourceId)).filter((r) => r.status === 'pending');

describe('reminders', () => {
  it('plans one row at the reminder time, idempotently, and re-arms the loop', async () => {
    const { user } = await makeUser(db);
    const r = await db.reminder.create({ data: { userId: user.id, text: 'stretch', at: new Date('2026-11-21T07:00:00Z') } });
    await planner.planReminder(r.id);
    await planner.planReminder(r.id);
    const p = await pending('reminder', r.id);
    expect(p).toHaveLength(1);
    expect(p[0]!.dueAt.toISOString()).toBe('2026-11-21T07:00:00.000Z');
    expect(p[0]!.dedupeKey).toBe(`reminder:${r.id}:2026-11-21T07:00:00.000Z`);
    expect(JSON.parse(p[0]!.payload)).toMatchObject({ title: 'stretch', recurring: false });
    expect(changes).toBeGreaterThan(0);
  });

  it('changing the time cancels the old row and plans the new one; changing it back revives the first', async () => {
    const { user } = await makeUser(db);
    const r = await db.reminder.create({ data: { userId: user.id, text: 'call mom', at: new Date('2026-11-21T07:00:00Z') } });
    await planner.planReminder(r.id);
    await db.reminder.update({ where: { id: r.id }, data: { at: new Date('2026-11-21T08:00:00Z'), text: 'call mom!' } });
    await planner.planReminder(r.id);
    const all = await rows('reminder', r.id);
    expect(all.map((x) => [x.dueAt.toISOString(), x.status])).toEqual([
      ['2026-11-21T07:00:00.000Z', 'cancelled'], ['2026-11-21T08:00:00.000Z', 'pending'],
    ]);
    expect(JSON.parse(all[1]!.payload).title).toBe('call mom!');
    await db.reminder.update({ where: { id: r.id }, data: { at: new Date('2026-11-21T07:00:00Z') } });
    await planner.planReminder(r.id);
    expect((await pending('reminder', r.id)).map((x) => x.dueAt.toISOString())).toEqual(['2026-11-21T07:00:00.000Z']);
  });

  it('deleting or cancelling the reminder cancels its rows, snoozes included', async () => {
    const { user } = await makeUser(db);
    const r = await db.reminder.create({ data: { userId: user.id, text: 'x', at: new Date('2026-11-21T07:00:00Z') } });
    await planner.planReminder(r.id);
    const [row] = await pending('reminder', r.id);
    await planner.snooze(row!.id, new Date('2026-11-21T07:10:00Z'));
    expect(await pending('reminder', r.id)).toHaveLength(2);
    await db.reminder.delete({ where: { id: r.id } });
    await planner.planReminder(r.id);
    expect(await pending('reminder', r.id)).toHaveLength(0);
  });

  it('Done on a one-shot reminder closes it; on a recurring one keeps the series', async () => {
    const { user } = await makeUser(db);
    const one = await db.reminder.create({ data: { userId: user.id, text: 'once', at: new Date('2026-11-21T07:00:00Z') } });
    const rec = await db.reminder.create({ data: { userId: user.id, text: 'daily', at: new Date('2026-11-21T07:00:00Z'), recurrence: 'daily@07:00' } });
    await planner.planReminder(one.id);
    await planner.planReminder(rec.id);
    await planner.reminderDone(one.id);
    await planner.reminderDone(rec.id);
    expect((await db.reminder.findUnique({ where: { id: one.id } }))!.status).toBe('done');
    expect(await pending('reminder', one.id)).toHaveLength(0);
    expect(await pending('reminder', rec.id)).toHaveLength(1);
  });
});

describe('todos', () => {
  it('a todo with a due time is reminded at the due time, or the user\'s default lead before it', async () => {
    const { user: a } = await makeUser(db);
    const { user: b } = await makeUser(db, { reminderLeadMinutes: 30 });
    const due = new Date('2026-11-21T12:00:00Z');
    const ta = await db.todo.create({ data: { title: 'file taxes', dueAt: due, ownerId: a.id, createdById: a.id } });
    const tb = await db.todo.create({ data: { title: 'buy milk', dueAt: due, ownerId: b.id, createdById: b.id } });
    await planner.planTodo(ta.id);
    await planner.planTodo(tb.id);
    expect((await pending('todo', ta.id))[0]!.dueAt.toISOString()).toBe('2026-11-21T12:00:00.000Z');
    expect((await pending('todo', tb.id))[0]!.dueAt.toISOString()).toBe('2026-11-21T11:30:00.000Z');
  });

  it('editing the due time moves the reminder; removing it or completing the todo cancels it', async () => {
    const { user } = await makeUser(db);
    const t = await db.todo.create({ data: { title: 't', dueAt: new Date('2026-11-21T12:00:00Z'), ownerId: user.id, createdById: user.id } });
    await planner.planTodo(t.id);
    await db.todo.update({ where: { id: t.id }, data: { dueAt: new Date('2026-11-22T12:00:00Z') } });
    await planner.planTodo(t.id);
    expect((await pending('todo', t.id)).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-22T12:00:00.000Z']);
    await db.todo.update({ where: { id: t.id }, data: { status: 'done', completedAt: now } });
    await planner.todoCompleted(t.id);
    expect(await pending('todo', t.id)).toHaveLength(0);
    const t2 = await db.todo.create({ data: { title: 't2', dueAt: new Date('2026-11-21T12:00:00Z'), ownerId: user.id, createdById: user.id } });
    await planner.planTodo(t2.id);
    await db.todo.update({ where: { id: t2.id }, data: { dueAt: null } });
    await planner.planTodo(t2.id);
    expect(await pending('todo', t2.id)).toHaveLength(0);
  });

  it('completing a recurring todo schedules its next occurrence', async () => {
    const { user } = await makeUser(db, { timezone: 'Asia/Karachi' });
    // every weekday at 9 (04:00Z); due Friday 2026-11-20 09:00 PKT, completed Saturday
    const t = await db.todo.create({ data: { title: 'standup notes', dueAt: new Date('2026-11-20T04:00:00Z'), recurrence: 'weekdays@09:00', ownerId: user.id, createdById: user.id } });
    await db.todo.update({ where: { id: t.id }, data: { status: 'done', completedAt: now } });
    await planner.todoCompleted(t.id);
    const after = await db.todo.findUnique({ where: { id: t.id } });
    expect(after!.status).toBe('open');
    expect(after!.dueAt!.toISOString()).toBe('2026-11-23T04:00:00.000Z'); // Monday 09:00 PKT
    expect((await pending('todo', t.id)).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-23T04:00:00.000Z']);
  });

  it('a todo already long overdue when planned gets no reminder row', async () => {
    const { user } = await makeUser(db);
    const t = await db.todo.create({ data: { title: 'old', dueAt: new Date('2026-11-01T12:00:00Z'), ownerId: user.id, createdById: user.id } });
    await planner.planTodo(t.id);
    expect(await rows('todo', t.id)).toHaveLength(0);
  });
});

describe('events', () => {
  it('reminds 15 minutes before by default, or the event\'s own lead; edits move it, deletion cancels it', async () => {
    const { user } = await makeUser(db);
    const e = await db.event.create({ data: { title: 'dentist', startAt: new Date('2026-11-21T10:00:00Z'), ownerId: user.id, createdById: user.id } });
    await planner.planEvent(e.id);
    expect((await pending('event', e.id))[0]!.dueAt.toISOString()).toBe('2026-11-21T09:45:00.000Z');
    await db.event.update({ where: { id: e.id }, data: { reminderLeadMinutes: 60 } });
    await planner.planEvent(e.id);
    expect((await pending('event', e.id)).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-21T09:00:00.000Z']);
    await db.event.update({ where: { id: e.id }, data: { startAt: new Date('2026-11-22T10:00:00Z') } });
    await planner.planEvent(e.id);
    expect((await pending('event', e.id)).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-22T09:00:00.000Z']);
    await db.event.delete({ where: { id: e.id } });
    await planner.planEvent(e.id);
    expect(await pending('event', e.id)).toHaveLength(0);
  });

  it('a recurring event is reminded before its next occurrence', async () => {
    const { user } = await makeUser(db, { timezone: 'Europe/London' });
    const e = await db.event.create({ data: { title: 'gym', startAt: new Date('2026-11-02T18:00:00Z'), recurrence: 'weekly@mon,thu@18:00', ownerId: user.id, createdById: user.id } });
    await planner.planEvent(e.id); // now = Sat 2026-11-21 06:00Z → next Monday 23rd 18:00 GMT
    expect((await pending('event', e.id)).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-23T17:45:00.000Z']);
  });
});

describe('briefings', () => {
  it('are off until turned on, then planned at the local time, and cancelled when turned off', async () => {
    const { user } = await makeUser(db, { timezone: 'America/New_York', briefingTime: '07:30' });
    await planner.planBriefing(user.id);
    expect(await pending('briefing', user.id)).toHaveLength(0);
    await db.user.update({ where: { id: user.id }, data: { briefingEnabled: true } });
    await planner.planBriefing(user.id);
    const p = await pending('briefing', user.id);
    expect(p.map((r) => [r.dueAt.toISOString(), r.dedupeKey])).toEqual([['2026-11-21T12:30:00.000Z', `briefing:${user.id}:2026-11-21`]]);
    await db.user.update({ where: { id: user.id }, data: { briefingTime: '08:00' } });
    await planner.planBriefing(user.id);
    expect((await pending('briefing', user.id)).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-21T13:00:00.000Z']);
    await db.user.update({ where: { id: user.id }, data: { briefingEnabled: false } });
    await planner.planBriefing(user.id);
    expect(await pending('briefing', user.id)).toHaveLength(0);
  });
});

describe('snoozeUntil', () => {
  it('offers 10 minutes, an hour and tomorrow morning in the user\'s zone', () => {
    const t = new Date('2026-11-21T20:00:00Z');
    expect(snoozeUntil('10m', t, 'UTC').toISOString()).toBe('2026-11-21T20:10:00.000Z');
    expect(snoozeUntil('1h', t, 'UTC').toISOString()).toBe('2026-11-21T21:00:00.000Z');
    // 20:00Z is 01:00 PKT on the 22nd: the coming morning, 09:00 PKT on the 22nd.
    expect(snoozeUntil('tomorrow', t, 'Asia/Karachi').toISOString()).toBe('2026-11-22T04:00:00.000Z');
    // 14:00Z is 19:00 PKT on the 21st: 09:00 PKT on the 22nd; a custom morning time is honoured.
    expect(snoozeUntil('tomorrow', new Date('2026-11-21T14:00:00Z'), 'Asia/Karachi', '07:30').toISOString()).toBe('2026-11-22T02:30:00.000Z');
  });
});
