/**
 * Issue 13, point 3 (second half): creating an item and planning its reminder are one transaction,
 * so a crash between them cannot leave an unplanned item; an update handled inside it is marked
 * handled by the same commit; and start-up re-plans items a crashed older version left unplanned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withInboundReceipt } from '../../src/core/inbound-receipt.ts';
import type { Db } from '../../src/db/database.ts';
import { UpdateInbox } from '../../src/inbox/update-inbox.ts';
import { createLogger } from '../../src/logger.ts';
import { ReminderPlanner } from '../../src/scheduler/reminder-planner.ts';
import { findUnplannedItems, replanUnplannedItems } from '../../src/scheduler/unplanned-items.ts';
import { createServices, type ItemPlanning } from '../../src/services/index.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { createTempDb, makeCtx, makeUser } from '../helpers/temp-db.ts';

const NOW = new Date('2026-03-11T09:00:00Z');
const TOMORROW = new Date('2026-03-12T12:00:00Z');

describe('creating an item plans its reminder in the same transaction', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let userId: number;
  const clock = new FakeClock(NOW);
  beforeAll(async () => {
    ({ db, cleanup } = await createTempDb());
    userId = (await makeUser(db)).id;
  });
  afterAll(async () => cleanup());

  /**
   * A planner that plans, then "crashes" before the transaction could commit. A new todo's row is a
   * statement of the creating batch: here one that fails after the insert ran, rolling it back.
   */
  const crashingPlanner = (planner: ReminderPlanner): ItemPlanning => ({
    planNewTodo: async () => ({
      statement: (tx) => tx.$executeRawUnsafe('INSERT INTO "crash after planning" DEFAULT VALUES'),
      committed: () => { throw new Error('must not be called: the batch failed'); },
    }),
    planTodo: async (id, tx) => { await planner.planTodo(id, tx); throw new Error('crash after planning'); },
    planEvent: async (id, tx) => { await planner.planEvent(id, tx); throw new Error('crash after planning'); },
    planReminder: async (id, tx) => { await planner.planReminder(id, tx); throw new Error('crash after planning'); },
  });

  it('a crash between the insert and the planning leaves neither the item nor its row', async () => {
    const planner = new ReminderPlanner({ db, clock });
    const s = createServices(db, { clock, planning: crashingPlanner(planner) });
    const ctx = makeCtx(userId, { now: NOW });
    await expect(s.todos.create(ctx, { title: 'pay the bill', due: TOMORROW })).rejects.toThrow('crash after planning');
    await expect(s.events.create(ctx, { title: 'dentist', start: TOMORROW })).rejects.toThrow('crash after planning');
    await expect(s.reminders.create(ctx, { text: 'stretch', at: TOMORROW })).rejects.toThrow('crash after planning');
    expect(await db.todo.count()).toBe(0);
    expect(await db.event.count()).toBe(0);
    expect(await db.reminder.count()).toBe(0);
    expect(await db.notification.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(0);
  });

  it('with the real planner the row exists as soon as create returns, and the inbound update is settled by the same commit', async () => {
    const planner = new ReminderPlanner({ db, clock });
    const s = createServices(db, { clock, planning: planner });
    const ctx = makeCtx(userId, { now: NOW });
    const inbox = new UpdateInbox(db, clock);
    await inbox.store('telegram:1', [{ updateId: 7, chatKey: '1', payload: '{}' }, { updateId: 8, chatKey: '1', payload: '{}' }]);
    const receipt = (updateId: number) => ({ source: 'telegram:1', updateId, owner: inbox.owner });

    const todo = await withInboundReceipt(receipt(7), () => s.todos.create(ctx, { title: 'pay the bill', due: TOMORROW }));
    const event = await s.events.create(ctx, { title: 'dentist', start: TOMORROW });
    const reminder = await s.reminders.create(ctx, { text: 'stretch', at: TOMORROW });
    const rows = await db.notification.findMany({ where: { status: 'pending' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => `${r.sourceType}:${r.sourceId}`)).toEqual([`todo:${todo.id}`, `event:${event.id}`, `reminder:${reminder.id}`]);
    // The todo's row, written by the creating batch, is exactly the row planTodo plans: planning again changes nothing.
    const before = await db.notification.findFirstOrThrow({ where: { sourceType: 'todo', sourceId: todo.id } });
    await planner.planTodo(todo.id);
    expect(await db.notification.findMany({ where: { sourceType: 'todo', sourceId: todo.id } })).toEqual([{ ...before, updatedAt: expect.any(Date) }]);
    const status = async (updateId: number) => (await db.inboundUpdate.findFirst({ where: { updateId } }))!.status;
    expect(await status(7)).toBe('handled');

    // A failing creation rolls back the settling too: the update stays unfinished and is handled again.
    const failing = createServices(db, { clock, planning: crashingPlanner(planner) });
    await expect(withInboundReceipt(receipt(8), () => failing.todos.create(ctx, { title: 'water plants', due: TOMORROW }))).rejects.toThrow();
    expect(await status(8)).toBe('processing');
    // A todo without a due time is settled in its batch as well.
    await withInboundReceipt(receipt(8), () => s.todos.create(ctx, { title: 'water plants' }));
    expect(await status(8)).toBe('handled');
  });
});

describe('start-up re-plans items left unplanned', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await createTempDb()));
  afterAll(async () => cleanup());

  it('finds them with one query per kind, plans each once, and then finds none', async () => {
    const clock = new FakeClock(NOW);
    const { id: userId } = await makeUser(db);
    const planner = new ReminderPlanner({ db, clock });
    const base = { createdById: userId, ownerId: userId };
    // As an older version, killed between writing and planning, left them:
    const todo = await db.todo.create({ data: { ...base, title: 'unplanned todo', dueAt: TOMORROW } });
    const event = await db.event.create({ data: { ...base, title: 'unplanned event', startAt: TOMORROW } });
    const weekly = await db.event.create({ data: { ...base, title: 'weekly', startAt: new Date('2026-03-02T10:00:00Z'), recurrence: 'weekly@mon@10:00' } });
    const reminder = await db.reminder.create({ data: { userId, text: 'unplanned reminder', at: TOMORROW } });
    // …and ones that need nothing:
    const planned = await db.todo.create({ data: { ...base, title: 'planned todo', dueAt: TOMORROW } });
    await planner.planTodo(planned.id);
    await db.todo.create({ data: { ...base, title: 'done todo', dueAt: TOMORROW, status: 'done' } });
    await db.todo.create({ data: { ...base, title: 'overdue todo', dueAt: new Date('2026-03-01T09:00:00Z') } });
    await db.todo.create({ data: { ...base, title: 'undated todo' } });
    await db.event.create({ data: { ...base, title: 'past event', startAt: new Date('2026-03-01T09:00:00Z') } });

    expect(await findUnplannedItems(db, NOW)).toEqual({ todos: [todo.id], events: [event.id, weekly.id], reminders: [reminder.id] });
    const fixed = await replanUnplannedItems({ db, clock, planner, logger: createLogger('silent') });
    expect(fixed).toBe(4);
    const sources = (await db.notification.findMany({ where: { status: 'pending' } })).map((r) => `${r.sourceType}:${r.sourceId}`).sort();
    expect(sources).toEqual([`event:${event.id}`, `event:${weekly.id}`, `reminder:${reminder.id}`, `todo:${planned.id}`, `todo:${todo.id}`].sort());
    expect(await findUnplannedItems(db, NOW)).toEqual({ todos: [], events: [], reminders: [] });
  });
});
