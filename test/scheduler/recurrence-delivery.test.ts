import { afterEach, describe, expect, it } from 'vitest';
import { ReminderService } from '../../src/services/reminder-service.ts';
import { TodoService } from '../../src/services/todo-service.ts';
import { NotRepeatingError } from '../../src/services/errors.ts';
import type { ServiceContext } from '../../src/services/scope.ts';
import { ReminderPlanner } from '../../src/scheduler/reminder-planner.ts';
import { harness, makeUser, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => { await h?.cleanup(); h = undefined; });

const ctxOf = (hh: Harness, userId: number, timeZone: string): ServiceContext =>
  ({ userId, scope: { kind: 'personal', userId }, isSpaceAdmin: false, timeZone, now: hh.clock.now() });

async function reminder(hh: Harness, userId: number, at: string, recurrence: string) {
  const r = await hh.db.reminder.create({ data: { userId, text: 'meds', at: new Date(at), recurrence } });
  await hh.planner.planReminder(r.id);
  return r;
}

describe('count= and skips through the delivery loop (fake clock)', { timeout: 120_000 }, () => {
  it('a count=3 rule fires three times over the November change, then closes and plans nothing more', async () => {
    h = await harness(new Date('2026-10-30T12:00:00Z'));
    const { user } = await makeUser(h.db, { timezone: 'America/New_York' });
    const r = await reminder(h, user.id, '2026-10-31T05:30:00Z', 'daily@01:30;count=3');
    h.loop.start();
    await h.runUntil(new Date('2026-11-04T00:00:00Z'));
    expect(h.telegram.sent.map((s) => s.at.toISOString())).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    const after = await h.db.reminder.findUniqueOrThrow({ where: { id: r.id } });
    expect(after).toMatchObject({ status: 'sent', repeatCount: 3 });
    expect(await h.db.notification.count({ where: { sourceType: 'reminder', sourceId: r.id, status: 'pending' } })).toBe(0);
  });

  it('the fired count survives a restart: a new planner and loop on the same file fire only what is left', async () => {
    h = await harness(new Date('2026-03-27T12:00:00Z'));
    const { user } = await makeUser(h.db, { timezone: 'Europe/London' });
    const r = await reminder(h, user.id, '2026-03-28T01:30:00Z', 'daily@01:30;count=3');
    h.loop.start();
    await h.runUntil(new Date('2026-03-28T12:00:00Z'));
    expect(h.telegram.sent).toHaveLength(1);
    await h.loop.stop();
    // A second planner (as after a restart): nothing in memory carries over, only the database.
    const planner = new ReminderPlanner({ db: h.db, clock: h.clock });
    expect((await h.db.reminder.findUniqueOrThrow({ where: { id: r.id } })).repeatCount).toBe(1);
    await planner.planReminder(r.id);
    h.loop.start();
    await h.runUntil(new Date('2026-04-01T00:00:00Z'));
    // 29 March: 01:30 does not exist in London, so 02:00 BST (01:00Z); 30 March 01:30 BST; then done.
    expect(h.telegram.sent.map((s) => s.at.toISOString())).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('skipNext skips exactly one occurrence (kept in the rule across re-plans) and does not spend the count', async () => {
    h = await harness(new Date('2026-03-06T20:00:00Z'));
    const { user } = await makeUser(h.db, { timezone: 'America/New_York' });
    const r = await reminder(h, user.id, '2026-03-07T14:00:00Z', 'daily@09:00;count=3');
    const service = new ReminderService(h.db);
    const skipped = await service.skipNext(ctxOf(h, user.id, 'America/New_York'), r.id);
    expect(skipped.skipped.toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(skipped.next?.toISOString()).toBe('2026-03-08T13:00:00.000Z'); // the spring-forward day, 09:00 EDT
    expect(skipped.after.recurrence).toBe('daily@09:00;count=3;skip=2026-03-07T09:00');
    await h.planner.planReminder(r.id);
    await h.planner.planReminder(r.id);
    h.loop.start();
    await h.runUntil(new Date('2026-03-11T12:00:00Z'));
    expect(h.telegram.sent.map((s) => s.at.toISOString())).toEqual(['2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-10T13:00:00.000Z']);
    expect((await h.db.reminder.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('sent');
  });

  it('skipNext refuses a one-off reminder and another user\'s reminder', async () => {
    h = await harness(new Date('2026-03-06T20:00:00Z'));
    const { user } = await makeUser(h.db, { timezone: 'America/New_York' });
    const { user: other } = await makeUser(h.db, { externalId: 'other' });
    const once = await h.db.reminder.create({ data: { userId: user.id, text: 'once', at: new Date('2026-03-07T14:00:00Z') } });
    const series = await h.db.reminder.create({ data: { userId: user.id, text: 'series', at: new Date('2026-03-07T14:00:00Z'), recurrence: 'daily@09:00' } });
    const service = new ReminderService(h.db);
    await expect(service.skipNext(ctxOf(h, user.id, 'America/New_York'), once.id)).rejects.toBeInstanceOf(NotRepeatingError);
    await expect(service.skipNext(ctxOf(h, other.id, 'UTC'), series.id)).rejects.toMatchObject({ key: 'notFound' });
  });

  it('a repeating todo: skipNext moves it past one occurrence; completing a count=2 series twice ends it done', async () => {
    h = await harness(new Date('2026-10-20T12:00:00Z'));
    const { user } = await makeUser(h.db, { timezone: 'Europe/London' });
    const todos = new TodoService(h.db);
    const ctx = ctxOf(h, user.id, 'Europe/London');
    const todo = await todos.create(ctx, { title: 'bins', due: new Date('2026-10-22T08:00:00Z'), recurrence: 'daily@09:00;every=3;from=2026-10-19;count=2' });
    const skipped = await todos.skipNext(ctx, todo.id);
    expect(skipped.next?.toISOString()).toBe('2026-10-25T09:00:00.000Z'); // GMT again after the October change
    await todos.complete(ctx, todo.id);
    await h.planner.todoCompleted(todo.id);
    expect(await h.db.todo.findUniqueOrThrow({ where: { id: todo.id } })).toMatchObject({ status: 'open', repeatCount: 1, dueAt: new Date('2026-10-28T09:00:00Z') });
    await todos.complete(ctx, todo.id);
    await h.planner.todoCompleted(todo.id);
    await h.planner.todoCompleted(todo.id);
    expect(await h.db.todo.findUniqueOrThrow({ where: { id: todo.id } })).toMatchObject({ status: 'done', repeatCount: 2 });
  });
});
