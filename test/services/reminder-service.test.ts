import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { NotFoundError, type Services } from '../../src/services/index.ts';
import { makeCtx, makeUser, useServiceDb } from '../helpers/temp-db.ts';

let db: Db;
let s: Services;

useServiceDb(async (t) => {
  ({ db, s } = t);
});

describe('ReminderService', () => {
  it('creates, lists pending soonest first, cancels and snoozes', async () => {
    const u = await makeUser(db, 'R');
    const ctx = makeCtx(u.id);
    const later = await s.reminders.create(ctx, { text: 'stretch', at: new Date('2026-03-11T12:00:00Z') });
    const sooner = await s.reminders.create(ctx, { text: 'drink water', at: new Date('2026-03-11T10:00:00Z'), recurrence: 'every 2h' });
    expect(later).toMatchObject({ userId: u.id, spaceId: null, status: 'pending', text: 'stretch' });
    expect((await s.reminders.listPending(ctx)).map((r) => r.id)).toEqual([sooner.id, later.id]);

    const c = await s.reminders.cancel(ctx, later.id);
    expect(c.after.status).toBe('cancelled');
    expect((await s.reminders.listPending(ctx)).map((r) => r.id)).toEqual([sooner.id]);

    const until = new Date('2026-03-11T13:00:00Z');
    const z = await s.reminders.snooze(ctx, later.id, until);
    expect(z.after).toMatchObject({ status: 'pending', at: until });
    expect((await s.reminders.get(ctx, later.id)).at).toEqual(until);
  });

  it('a reminder set in a group stays the user’s own and is invisible to other members', async () => {
    const a = await makeUser(db, 'A');
    const b = await makeUser(db, 'B');
    const space = await s.spaces.ensureSpace({ platform: 'telegram', externalId: '-100', kind: 'group' });
    await s.spaces.ensureMember(space.id, a.id, false);
    await s.spaces.ensureMember(space.id, b.id, false);
    const inGroupA = makeCtx(a.id, { scope: { kind: 'space', spaceId: space.id } });
    const inGroupB = makeCtx(b.id, { scope: { kind: 'space', spaceId: space.id } });
    const r = await s.reminders.create(inGroupA, { text: 'call bank', at: new Date('2026-03-12T05:00:00Z') });
    expect(r).toMatchObject({ userId: a.id, spaceId: space.id });
    expect((await s.reminders.listPending(makeCtx(a.id))).map((x) => x.id)).toEqual([r.id]);
    expect(await s.reminders.listPending(inGroupB)).toEqual([]);
    await expect(s.reminders.get(inGroupB, r.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.reminders.cancel(inGroupB, r.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.reminders.snooze(makeCtx(b.id), r.id, new Date())).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.reminder.findUnique({ where: { id: r.id } }))!.status).toBe('pending');
  });
});
