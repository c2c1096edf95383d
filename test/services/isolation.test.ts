import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { NotFoundError, PermissionError, type Services } from '../../src/services/index.ts';
import type { ServiceContext } from '../../src/services/scope.ts';
import { makeCtx, makeUser, useServiceDb } from '../helpers/temp-db.ts';

let db: Db;
let s: Services;
let a: ServiceContext; // owner of everything below
let b: ServiceContext; // the intruder, personal scope
let bInASpace: ServiceContext; // B claiming the scope of A's space, not being a member
let aInSpace: ServiceContext;
let spaceId: number;
const ids = { todo: 0, event: 0, memo: 0, spaceTodo: 0, spaceEvent: 0, spaceMemo: 0 };

async function snapshot() {
  const [todos, events, memos, changes] = await Promise.all([
    db.todo.findMany({ orderBy: { id: 'asc' } }),
    db.event.findMany({ orderBy: { id: 'asc' } }),
    db.memo.findMany({ orderBy: { id: 'asc' } }),
    db.changeLog.count(),
  ]);
  return { todos, events, memos, changes };
}

async function expectNotFound(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(NotFoundError);
}

useServiceDb(async (t) => {
  ({ db, s } = t);
  const ua = await makeUser(db, 'Alice');
  const ub = await makeUser(db, 'Bob');
  a = makeCtx(ua.id);
  b = makeCtx(ub.id);
  const space = await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-900', kind: 'group', title: 'Alice only' });
  spaceId = space.id;
  await s.spaces.ensureMember(spaceId, ua.id, true);
  aInSpace = makeCtx(ua.id, { scope: { kind: 'space', spaceId }, isSpaceAdmin: true });
  bInASpace = makeCtx(ub.id, { scope: { kind: 'space', spaceId }, isSpaceAdmin: true });
  ids.todo = (await s.todos.create(a, { title: 'secret plan', due: new Date('2026-03-11T10:00:00Z'), priority: 'high' })).id;
  ids.event = (await s.events.create(a, { title: 'secret meeting', start: new Date('2026-03-11T11:00:00Z') })).id;
  ids.memo = (await s.memos.create(a, { content: 'secret code 1234', title: 'secret' })).id;
  ids.spaceTodo = (await s.todos.create(aInSpace, { title: 'secret group plan' })).id;
  ids.spaceEvent = (await s.events.create(aInSpace, { title: 'secret group meeting', start: new Date('2026-03-11T12:00:00Z') })).id;
  ids.spaceMemo = (await s.memos.create(aInSpace, { content: 'secret group code' })).id;
});

describe('isolation: B cannot reach A’s items', () => {
  for (const who of ['personal', 'claimed space'] as const) {
    it(`by id (${who} scope): get, complete, update, delete all NotFound and nothing changes`, async () => {
      const ctx = who === 'personal' ? b : bInASpace;
      const before = await snapshot();
      for (const id of [ids.todo, ids.spaceTodo]) {
        await expectNotFound(s.todos.get(ctx, id));
        await expectNotFound(s.todos.complete(ctx, id));
        await expectNotFound(s.todos.reopen(ctx, id));
        await expectNotFound(s.todos.update(ctx, id, { title: 'pwned', due: null }));
        await expectNotFound(s.todos.delete(ctx, id));
      }
      for (const id of [ids.event, ids.spaceEvent]) {
        await expectNotFound(s.events.get(ctx, id));
        await expectNotFound(s.events.update(ctx, id, { title: 'pwned' }));
        await expectNotFound(s.events.delete(ctx, id));
      }
      for (const id of [ids.memo, ids.spaceMemo]) {
        await expectNotFound(s.memos.get(ctx, id));
        await expectNotFound(s.memos.update(ctx, id, { content: 'pwned' }));
        await expectNotFound(s.memos.delete(ctx, id));
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it('by title words and search: B finds nothing (personal scope)', async () => {
    expect(await s.todos.findByWords(b, 'secret plan')).toEqual([]);
    expect(await s.events.findByWords(b, 'secret meeting')).toEqual([]);
    expect(await s.memos.findByWords(b, 'secret')).toEqual([]);
    expect(await s.search.search(b, 'secret')).toEqual([]);
    expect(await s.search.search(b, 'secret group')).toEqual([]);
    expect(await s.memos.list(b, { query: 'secret' })).toEqual([]);
    expect((await s.todos.list(b, { filter: 'all' })).total).toBe(0);
    expect(await s.events.list(b, { range: 'today' })).toEqual([]);
    const today = await s.today.today(b);
    expect([...today.events, ...today.dueToday, ...today.overdue, ...today.topPriorities]).toEqual([]);
    expect((await s.stats.stats(b)).open).toBe(0);
  });

  it('through a claimed space scope B is not a member of: every entry point refuses', async () => {
    const before = await snapshot();
    await expectNotFound(s.todos.findByWords(bInASpace, 'secret'));
    await expectNotFound(s.events.findByWords(bInASpace, 'secret'));
    await expectNotFound(s.memos.findByWords(bInASpace, 'secret'));
    await expectNotFound(s.search.search(bInASpace, 'secret'));
    await expectNotFound(s.todos.list(bInASpace));
    await expectNotFound(s.events.list(bInASpace));
    await expectNotFound(s.memos.list(bInASpace));
    await expectNotFound(s.today.today(bInASpace));
    await expectNotFound(s.stats.stats(bInASpace));
    await expectNotFound(s.todos.create(bInASpace, { title: 'spam' }));
    await expectNotFound(s.events.create(bInASpace, { title: 'spam', start: new Date() }));
    await expectNotFound(s.memos.create(bInASpace, { content: 'spam' }));
    await expectNotFound(s.reminders.create(bInASpace, { text: 'spam', at: new Date() }));
    expect(await snapshot()).toEqual(before);
    expect(await s.spaces.isMember(spaceId, b.userId)).toBe(false);
  });

  it('a personal scope naming another user is refused too', async () => {
    const forged: ServiceContext = { ...b, scope: { kind: 'personal', userId: a.userId } };
    const before = await snapshot();
    await expectNotFound(s.todos.get(forged, ids.todo));
    await expectNotFound(s.todos.complete(forged, ids.todo));
    await expectNotFound(s.todos.list(forged));
    await expectNotFound(s.search.search(forged, 'secret'));
    expect(await snapshot()).toEqual(before);
  });

  it('B cannot undo A’s changes', async () => {
    const before = await snapshot();
    expect(await s.undo.undoLast(b.userId, a.now)).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it('A’s own items in one scope are not reachable from A’s other scope', async () => {
    await expectNotFound(s.todos.get(a, ids.spaceTodo));
    await expectNotFound(s.todos.get(aInSpace, ids.todo));
    expect((await s.search.search(a, 'group')).length).toBe(0);
    expect((await s.search.search(aInSpace, 'secret')).map((h) => h.id).sort()).toEqual([ids.spaceTodo, ids.spaceEvent, ids.spaceMemo].sort());
  });
});

describe('group permissions', () => {
  it('a member may complete another member’s item but may not delete it unless admin', async () => {
    const owner = await makeUser(db, 'Owner');
    const member = await makeUser(db, 'Member');
    const admin = await makeUser(db, 'Admin');
    const g = await s.spaces.ensureSpace({ platform: 'discord', externalId: 'guild-1', kind: 'guild' });
    await s.spaces.ensureMember(g.id, owner.id, false);
    await s.spaces.ensureMember(g.id, member.id, false);
    await s.spaces.ensureMember(g.id, admin.id, true);
    const scope = { kind: 'space' as const, spaceId: g.id };
    const ownerCtx = makeCtx(owner.id, { scope });
    const memberCtx = makeCtx(member.id, { scope });
    const adminCtx = makeCtx(admin.id, { scope, isSpaceAdmin: true });

    const t = await s.todos.create(ownerCtx, { title: 'book the venue' });
    const done = await s.todos.complete(memberCtx, t.id);
    expect(done.after.completedById).toBe(member.id);
    const listed = await s.todos.list(ownerCtx, { filter: 'done' });
    expect(listed.items[0]).toMatchObject({ createdBy: { id: owner.id, displayName: 'Owner' }, completedBy: { id: member.id, displayName: 'Member' } });

    const err = await s.todos.delete(memberCtx, t.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionError);
    expect(err).toMatchObject({ key: 'notAllowed' });
    expect(await db.todo.findUnique({ where: { id: t.id } })).not.toBeNull();

    const e = await s.events.create(ownerCtx, { title: 'launch', start: new Date('2026-03-20T10:00:00Z') });
    const m = await s.memos.create(ownerCtx, { content: 'venue phone 555' });
    await expect(s.events.delete(memberCtx, e.id)).rejects.toBeInstanceOf(PermissionError);
    await expect(s.memos.delete(memberCtx, m.id)).rejects.toBeInstanceOf(PermissionError);

    await s.todos.delete(adminCtx, t.id);
    await s.events.delete(adminCtx, e.id);
    const mine = await s.memos.create(memberCtx, { content: 'my own note' });
    await s.memos.delete(memberCtx, mine.id);
    expect(await db.todo.findUnique({ where: { id: t.id } })).toBeNull();
    expect(await db.event.findUnique({ where: { id: e.id } })).toBeNull();
    expect(await db.memo.findUnique({ where: { id: m.id } })).not.toBeNull();
  });
});
