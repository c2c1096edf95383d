import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { NotFoundError, type Services } from '../../src/services/index.ts';
import { makeCtx, makeUser, useServiceDb } from '../helpers/temp-db.ts';

const NOW = new Date('2026-03-11T09:00:00Z');
const LATER = (ms: number) => new Date(NOW.getTime() + ms);
let db: Db;
let s: Services;

useServiceDb(async (t) => {
  ({ db, s } = t);
});

async function freshCtx() {
  const u = await makeUser(db, 'U');
  return makeCtx(u.id, { now: NOW });
}

describe('UndoService with todos', () => {
  it('undoes complete, update, delete and create in turn, restoring full rows', async () => {
    const ctx = await freshCtx();
    const due = new Date('2026-03-12T10:00:00Z');
    const t = await s.todos.create(ctx, { title: 'Pay bills', due, priority: 'high', notes: 'electric' });
    await s.todos.update(ctx, t.id, { title: 'Pay all bills', due: null });
    await s.todos.complete(ctx, t.id);

    expect(await s.undo.undoLast(ctx.userId, LATER(60_000))).toEqual({ entity: 'todo', entityId: t.id, action: 'complete' });
    expect(await s.todos.get(ctx, t.id)).toMatchObject({ status: 'open', completedAt: null, completedById: null, title: 'Pay all bills' });

    expect(await s.undo.undoLast(ctx.userId, LATER(60_000))).toMatchObject({ action: 'update' });
    const restored = await s.todos.get(ctx, t.id);
    expect(restored).toMatchObject({ title: 'Pay bills', notes: 'electric', priority: 'high' });
    expect(restored.dueAt).toEqual(due);
    expect((await s.todos.findByWords(ctx, 'pay bills')).map((x) => x.id)).toEqual([t.id]); // FTS follows

    expect(await s.undo.undoLast(ctx.userId, LATER(60_000))).toMatchObject({ action: 'create' });
    await expect(s.todos.get(ctx, t.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await s.undo.undoLast(ctx.userId, LATER(60_000))).toBeNull();
  });

  it('undoes a delete by re-inserting the same row with the same id and dates', async () => {
    const ctx = await freshCtx();
    const t = await s.todos.create(ctx, { title: 'Keep me', due: new Date('2026-03-20T10:00:00Z'), category: 'work' });
    await s.todos.complete(ctx, t.id);
    const full = await s.todos.get(ctx, t.id);
    await s.todos.delete(ctx, t.id);
    expect(await s.undo.undoLast(ctx.userId, NOW)).toEqual({ entity: 'todo', entityId: t.id, action: 'delete' });
    expect(await s.todos.get(ctx, t.id)).toEqual(full);
    expect((await s.search.search(ctx, 'keep')).map((h) => h.id)).toEqual([t.id]);
  });

  it('does nothing beyond the window (or for changes "in the future")', async () => {
    const ctx = await freshCtx();
    const t = await s.todos.create(ctx, { title: 'Old' });
    expect(await s.undo.undoLast(ctx.userId, LATER(10 * 60_000 + 1))).toBeNull();
    expect(await s.undo.undoLast(ctx.userId, LATER(-1))).toBeNull();
    expect(await s.undo.undoLast(ctx.userId, LATER(10 * 60_000))).toMatchObject({ entityId: t.id });
    expect(await s.undo.undoLast(ctx.userId, LATER(2 * 60_000), 60_000)).toBeNull();
  });

  it('never undoes another user’s change, and an undone change is not undone twice', async () => {
    const a = await freshCtx();
    const b = await freshCtx();
    const t = await s.todos.create(a, { title: 'Mine' });
    expect(await s.undo.undoLast(b.userId, NOW)).toBeNull();
    expect((await s.todos.get(a, t.id)).title).toBe('Mine');
    const [first, second] = await Promise.all([s.undo.undoLast(a.userId, NOW), s.undo.undoLast(a.userId, NOW)]);
    expect([first, second].filter((r) => r !== null)).toHaveLength(1);
    expect(await db.changeLog.count({ where: { userId: a.userId, undoneAt: { not: null } } })).toBe(1);
  });

  it('refuses to clobber a later change by another member of a space', async () => {
    const a = await freshCtx();
    const b = await freshCtx();
    const space = await s.spaces.ensureSpace({ platform: 'telegram', externalId: 'undo-group', kind: 'group' });
    await s.spaces.ensureMember(space.id, a.userId, false);
    await s.spaces.ensureMember(space.id, b.userId, false);
    const scope = { kind: 'space' as const, spaceId: space.id };
    const t = await s.todos.create({ ...a, scope }, { title: 'Shared' });
    await s.todos.complete({ ...b, scope }, t.id);
    await expect(s.undo.undoLast(a.userId, NOW)).rejects.toMatchObject({ key: 'undoConflict' });
    expect((await db.todo.findUnique({ where: { id: t.id } }))!.status).toBe('done');
    expect(await s.undo.undoLast(b.userId, NOW)).toMatchObject({ action: 'complete' });
    expect(await s.undo.undoLast(a.userId, NOW)).toMatchObject({ action: 'create' });
    expect(await db.todo.findUnique({ where: { id: t.id } })).toBeNull();
  });
});

describe('UndoService with events, memos and reminders', () => {
  it('events: create, update, delete', async () => {
    const ctx = await freshCtx();
    const start = new Date('2026-03-12T05:00:00Z');
    const e = await s.events.create(ctx, { title: 'Dentist', start, end: new Date('2026-03-12T06:00:00Z'), location: 'Clinic' });
    await s.events.update(ctx, e.id, { start: new Date('2026-03-12T08:00:00Z'), end: null });
    expect(await s.undo.undoLast(ctx.userId, NOW)).toMatchObject({ entity: 'event', action: 'update' });
    expect(await s.events.get(ctx, e.id)).toEqual(e);
    await s.events.delete(ctx, e.id);
    expect(await s.undo.undoLast(ctx.userId, NOW)).toMatchObject({ entity: 'event', action: 'delete' });
    expect(await s.events.get(ctx, e.id)).toEqual(e);
    expect(await s.undo.undoLast(ctx.userId, NOW)).toMatchObject({ entity: 'event', action: 'create' });
    expect(await db.event.findUnique({ where: { id: e.id } })).toBeNull();
  });

  it('memos: create, update, delete; beyond the window nothing happens', async () => {
    const ctx = await freshCtx();
    const m = await s.memos.create(ctx, { content: 'Locker 42', tags: ['gym'] });
    await s.memos.update(ctx, m.id, { content: 'Locker 43' });
    await s.memos.delete(ctx, m.id);
    expect(await s.undo.undoLast(ctx.userId, LATER(11 * 60_000))).toBeNull();
    expect(await db.memo.findUnique({ where: { id: m.id } })).toBeNull();
    expect(await s.undo.undoLast(ctx.userId, LATER(5 * 60_000))).toMatchObject({ entity: 'memo', action: 'delete' });
    expect((await s.memos.get(ctx, m.id)).content).toBe('Locker 43');
    expect(await s.undo.undoLast(ctx.userId, LATER(5 * 60_000))).toMatchObject({ entity: 'memo', action: 'update' });
    expect(await s.memos.get(ctx, m.id)).toEqual(m);
    expect(await s.undo.undoLast(ctx.userId, LATER(5 * 60_000))).toMatchObject({ entity: 'memo', action: 'create' });
    expect(await s.memos.list(ctx)).toEqual([]);
  });

  it('reminders: cancel and snooze', async () => {
    const ctx = await freshCtx();
    const at = new Date('2026-03-11T12:00:00Z');
    const r = await s.reminders.create(ctx, { text: 'stretch', at });
    await s.reminders.snooze(ctx, r.id, new Date('2026-03-11T13:00:00Z'));
    await s.reminders.cancel(ctx, r.id);
    expect(await s.undo.undoLast(ctx.userId, NOW)).toMatchObject({ entity: 'reminder', action: 'update' });
    expect((await s.reminders.get(ctx, r.id)).status).toBe('pending');
    expect(await s.undo.undoLast(ctx.userId, NOW)).toMatchObject({ entity: 'reminder', action: 'update' });
    expect(await s.reminders.get(ctx, r.id)).toEqual(r);
  });
});
