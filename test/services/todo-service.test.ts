import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { NotFoundError, type Services } from '../../src/services/index.ts';
import { makeCtx, makeUser, useServiceDb } from '../helpers/temp-db.ts';

// Wed 2026-03-11 14:00 in Karachi (UTC+5).
const NOW = new Date('2026-03-11T09:00:00Z');
let db: Db;
let s: Services;

useServiceDb(async (t) => {
  ({ db, s } = t);
});

async function freshCtx(name = 'A') {
  const u = await makeUser(db, name);
  return makeCtx(u.id, { now: NOW });
}

describe('TodoService CRUD', () => {
  it('creates with defaults, in the personal scope, logged for undo', async () => {
    const ctx = await freshCtx();
    const t = await s.todos.create(ctx, { title: '  Buy milk ' });
    expect(t).toMatchObject({ title: 'Buy milk', priority: 'medium', category: 'other', status: 'open', ownerId: ctx.userId, spaceId: null, createdById: ctx.userId, dueAt: null });
    const log = await db.changeLog.findMany({ where: { userId: ctx.userId } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ entity: 'todo', entityId: t.id, action: 'create', before: null });
    expect(log[0]!.createdAt.getTime()).toBe(NOW.getTime());
  });

  it('gets, updates (null clears), completes, reopens and deletes', async () => {
    const ctx = await freshCtx();
    const due = new Date('2026-03-12T10:00:00Z');
    const t = await s.todos.create(ctx, { title: 'Call mom', notes: 'about Eid', due, priority: 'high', category: 'personal', recurrence: 'FREQ=WEEKLY' });
    expect((await s.todos.get(ctx, t.id)).dueAt).toEqual(due);

    const u = await s.todos.update(ctx, t.id, { title: 'Call mom tonight', due: null, notes: null, priority: 'low' });
    expect(u.before.title).toBe('Call mom');
    expect(u.after).toMatchObject({ title: 'Call mom tonight', dueAt: null, notes: null, priority: 'low', category: 'personal', recurrence: 'FREQ=WEEKLY' });

    const noop = await s.todos.update(ctx, t.id, {});
    expect(noop.after).toEqual(noop.before);

    const c = await s.todos.complete(ctx, t.id);
    expect(c.after).toMatchObject({ status: 'done', completedById: ctx.userId });
    expect(c.after.completedAt).toEqual(NOW);
    const again = await s.todos.complete(ctx, t.id);
    expect(again.after).toEqual(again.before);

    const r = await s.todos.reopen(ctx, t.id);
    expect(r.after).toMatchObject({ status: 'open', completedAt: null, completedById: null });

    const d = await s.todos.delete(ctx, t.id);
    expect(d.id).toBe(t.id);
    await expect(s.todos.get(ctx, t.id)).rejects.toBeInstanceOf(NotFoundError);
    const actions = (await db.changeLog.findMany({ where: { userId: ctx.userId }, orderBy: { id: 'asc' } })).map((l) => l.action);
    expect(actions).toEqual(['create', 'update', 'complete', 'update', 'delete']);
    const deleted = await db.changeLog.findFirst({ where: { userId: ctx.userId, action: 'delete' } });
    expect(JSON.parse(deleted!.before!)).toMatchObject({ id: t.id, title: 'Call mom tonight', status: 'open' });
  });

  it('missing ids are NotFoundError with kind todo', async () => {
    const ctx = await freshCtx();
    const err = await s.todos.get(ctx, 999_999).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ key: 'notFound', vars: { kind: 'todo' } });
    await expect(s.todos.complete(ctx, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.todos.delete(ctx, 999_999)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('TodoService.list', () => {
  it('sorts open by due (nulls last), then priority high→low, then id; includes people', async () => {
    const ctx = await freshCtx('Sara');
    const a = await s.todos.create(ctx, { title: 'no due low', priority: 'low' });
    const b = await s.todos.create(ctx, { title: 'no due high', priority: 'high' });
    const c = await s.todos.create(ctx, { title: 'due later', due: new Date('2026-03-20T00:00:00Z') });
    const d = await s.todos.create(ctx, { title: 'due soon medium', due: new Date('2026-03-12T00:00:00Z') });
    const e = await s.todos.create(ctx, { title: 'due soon high', due: new Date('2026-03-12T00:00:00Z'), priority: 'high' });
    const f = await s.todos.create(ctx, { title: 'no due medium' });
    const g = await s.todos.create(ctx, { title: 'no due high 2', priority: 'high' });
    const { items, total } = await s.todos.list(ctx);
    expect(total).toBe(7);
    expect(items.map((t) => t.id)).toEqual([e.id, d.id, c.id, b.id, g.id, f.id, a.id]);
    expect(items[0]!.createdBy).toEqual({ id: ctx.userId, displayName: 'Sara' });
    expect(items[0]!.completedBy).toBeNull();
    expect(items[0]!.dueAt).toBeInstanceOf(Date);

    const page = await s.todos.list(ctx, { limit: 2, offset: 2 });
    expect(page.total).toBe(7);
    expect(page.items.map((t) => t.id)).toEqual([c.id, b.id]);
    const past = await s.todos.list(ctx, { offset: 50 });
    expect(past).toEqual({ items: [], total: 7 });
  });

  it('done is sorted by completedAt desc with completedBy; filters by category and priority', async () => {
    const ctx = await freshCtx('Ali');
    const x = await s.todos.create(ctx, { title: 'x', category: 'work', priority: 'high' });
    const y = await s.todos.create(ctx, { title: 'y', category: 'work' });
    const z = await s.todos.create(ctx, { title: 'z', category: 'home' });
    await s.todos.complete({ ...ctx, now: new Date('2026-03-10T00:00:00Z') }, x.id);
    await s.todos.complete({ ...ctx, now: new Date('2026-03-11T00:00:00Z') }, y.id);
    const done = await s.todos.list(ctx, { filter: 'done' });
    expect(done.items.map((t) => t.id)).toEqual([y.id, x.id]);
    expect(done.items[0]!.completedBy).toEqual({ id: ctx.userId, displayName: 'Ali' });
    expect((await s.todos.list(ctx, { filter: 'all' })).items.map((t) => t.id)).toEqual([z.id, y.id, x.id]);
    expect((await s.todos.list(ctx, { filter: 'all', category: 'work' })).total).toBe(2);
    expect((await s.todos.list(ctx, { filter: 'all', priority: 'high' })).items.map((t) => t.id)).toEqual([x.id]);
    expect((await s.todos.list(ctx, { category: 'home' })).items.map((t) => t.id)).toEqual([z.id]);
  });

  it('date filters follow the local calendar (Karachi)', async () => {
    const ctx = await freshCtx();
    // Karachi local day: 2026-03-10T19:00Z .. 2026-03-11T19:00Z; week ends Sunday 2026-03-15T19:00Z.
    const overdue = await s.todos.create(ctx, { title: 'overdue', due: new Date('2026-03-10T18:59:00Z') });
    const today = await s.todos.create(ctx, { title: 'today (passed)', due: new Date('2026-03-11T02:00:00Z') });
    const tonight = await s.todos.create(ctx, { title: 'tonight', due: new Date('2026-03-11T18:30:00Z') });
    const tomorrow = await s.todos.create(ctx, { title: 'tomorrow', due: new Date('2026-03-11T20:00:00Z') });
    const sunday = await s.todos.create(ctx, { title: 'sunday', due: new Date('2026-03-15T18:00:00Z') });
    const nextWeek = await s.todos.create(ctx, { title: 'next week', due: new Date('2026-03-15T20:00:00Z') });
    const doneToday = await s.todos.create(ctx, { title: 'done today', due: new Date('2026-03-11T03:00:00Z') });
    await s.todos.complete(ctx, doneToday.id);
    const ids = async (filter: 'overdue' | 'today' | 'tomorrow' | 'week') => (await s.todos.list(ctx, { filter })).items.map((t) => t.id);
    expect(await ids('overdue')).toEqual([overdue.id]);
    expect(await ids('today')).toEqual([today.id, tonight.id]);
    expect(await ids('tomorrow')).toEqual([tomorrow.id]);
    expect(await ids('week')).toEqual([today.id, tonight.id, tomorrow.id, sunday.id]);
    expect((await s.todos.list(ctx, { filter: 'all' })).total).toBe(7);
    void nextWeek;
  });
});

describe('TodoService.findByWords', () => {
  it('matches all words case-insensitively as word prefixes; an exact title wins alone', async () => {
    const ctx = await freshCtx();
    const milk = await s.todos.create(ctx, { title: 'Milk' });
    const buyMilk = await s.todos.create(ctx, { title: 'Buy MILK and eggs' });
    await s.todos.create(ctx, { title: 'Call the dentist' });
    expect((await s.todos.findByWords(ctx, 'milk')).map((t) => t.id)).toEqual([milk.id]);
    expect((await s.todos.findByWords(ctx, 'MILK!')).map((t) => t.id)).toEqual([milk.id]);
    expect((await s.todos.findByWords(ctx, 'mil')).map((t) => t.id).sort()).toEqual([milk.id, buyMilk.id].sort());
    expect((await s.todos.findByWords(ctx, 'eggs buy')).map((t) => t.id)).toEqual([buyMilk.id]);
    expect((await s.todos.findByWords(ctx, ['buy', 'mil'])).map((t) => t.id)).toEqual([buyMilk.id]);
    expect((await s.todos.findByWords(ctx, 'dent')).map((t) => t.title)).toEqual(['Call the dentist']);
    expect(await s.todos.findByWords(ctx, 'milk bread')).toEqual([]);
  });

  it('filters by status', async () => {
    const ctx = await freshCtx();
    const a = await s.todos.create(ctx, { title: 'water plants' });
    const b = await s.todos.create(ctx, { title: 'water the garden' });
    await s.todos.complete(ctx, a.id);
    expect((await s.todos.findByWords(ctx, 'water', { status: 'open' })).map((t) => t.id)).toEqual([b.id]);
    expect((await s.todos.findByWords(ctx, 'water', { status: 'done' })).map((t) => t.id)).toEqual([a.id]);
    expect(await s.todos.findByWords(ctx, 'water', { status: 'any' })).toHaveLength(2);
  });

  it('handles accents, Urdu and hostile input without errors', async () => {
    const ctx = await freshCtx();
    const cafe = await s.todos.create(ctx, { title: 'Book Café table' });
    const urdu = await s.todos.create(ctx, { title: 'دودھ خریدنا' });
    const pct = await s.todos.create(ctx, { title: '50% off_sale "deal"' });
    expect((await s.todos.findByWords(ctx, 'cafe')).map((t) => t.id)).toEqual([cafe.id]);
    expect((await s.todos.findByWords(ctx, 'دودھ')).map((t) => t.id)).toEqual([urdu.id]);
    expect((await s.todos.findByWords(ctx, 'دودھ خریدنا')).map((t) => t.id)).toEqual([urdu.id]);
    for (const nasty of ['"', '""', '"deal', '*', '%', '_', '%_%', 'NEAR(a b)', '-deal', '(', ')', 'a OR', 'AND', '🥛🥛', '', '   ', "'; DROP TABLE Todo; --"]) {
      await expect(s.todos.findByWords(ctx, nasty)).resolves.toBeInstanceOf(Array);
    }
    expect(await s.todos.findByWords(ctx, '%')).toEqual([]);
    expect(await s.todos.findByWords(ctx, '_')).toEqual([]);
    expect((await s.todos.findByWords(ctx, '"deal"')).map((t) => t.id)).toEqual([pct.id]);
    expect((await s.todos.findByWords(ctx, '50% off')).map((t) => t.id)).toEqual([pct.id]);
    expect(await db.todo.count({ where: { ownerId: ctx.userId } })).toBe(3);
  });
});
