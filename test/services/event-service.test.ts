import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.ts';
import type { Db } from '../../src/db/database.ts';
import { NotFoundError, type Services } from '../../src/services/index.ts';
import { makeCtx, makeUser, useServiceDb } from '../helpers/temp-db.ts';

// Wed 2026-03-11 14:00 Karachi (UTC+5). Local Monday = 2026-03-08T19:00Z.
const NOW = new Date('2026-03-11T09:00:00Z');
let db: Db;
let s: Services;

useServiceDb(async (t) => {
  ({ db, s } = t);
});

async function freshCtx(timeZone = 'Asia/Karachi') {
  const u = await makeUser(db, 'E');
  return makeCtx(u.id, { now: NOW, timeZone });
}

describe('EventService', () => {
  it('creates, gets, updates, deletes; refuses end before start', async () => {
    const ctx = await freshCtx();
    const start = new Date('2026-03-12T05:00:00Z');
    const end = new Date('2026-03-12T06:00:00Z');
    const e = await s.events.create(ctx, { title: 'Dentist', start, end, location: 'Clifton', reminderLeadMinutes: 30 });
    expect(e).toMatchObject({ title: 'Dentist', startAt: start, endAt: end, location: 'Clifton', reminderLeadMinutes: 30, ownerId: ctx.userId });
    expect((await s.events.get(ctx, e.id)).id).toBe(e.id);

    const err = await s.events.create(ctx, { title: 'Bad', start: end, end: start }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).key).toBe('eventEndBeforeStart');
    await expect(s.events.update(ctx, e.id, { start: new Date('2026-03-12T07:00:00Z') })).rejects.toMatchObject({ key: 'eventEndBeforeStart' });
    await expect(s.events.update(ctx, e.id, { end: new Date('2026-03-12T04:00:00Z') })).rejects.toMatchObject({ key: 'eventEndBeforeStart' });

    const u = await s.events.update(ctx, e.id, { start: new Date('2026-03-12T07:00:00Z'), end: null, location: null });
    expect(u.before.location).toBe('Clifton');
    expect(u.after).toMatchObject({ endAt: null, location: null, startAt: new Date('2026-03-12T07:00:00Z') });

    await s.events.delete(ctx, e.id);
    await expect(s.events.get(ctx, e.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.changeLog.findMany({ where: { userId: ctx.userId }, orderBy: { id: 'asc' } })).map((l) => l.action)).toEqual(['create', 'update', 'delete']);
  });

  it('lists named ranges in the local calendar', async () => {
    const ctx = await freshCtx();
    const mk = (title: string, iso: string, endIso?: string) =>
      s.events.create(ctx, { title, start: new Date(iso), end: endIso ? new Date(endIso) : undefined });
    const past = await mk('this morning', '2026-03-11T03:00:00Z'); // 08:00 today, already passed
    const running = await mk('conference', '2026-03-10T04:00:00Z', '2026-03-12T12:00:00Z'); // started yesterday
    const tonight = await mk('dinner', '2026-03-11T15:00:00Z');
    const tomorrow = await mk('standup', '2026-03-12T04:00:00Z');
    const sunday = await mk('picnic', '2026-03-15T10:00:00Z');
    const nextMon = await mk('review', '2026-03-16T05:00:00Z');
    const nextSun = await mk('family', '2026-03-22T10:00:00Z');
    const endOfMonth = await mk('rent day', '2026-03-31T10:00:00Z');
    const april = await mk('april fools', '2026-04-01T05:00:00Z');
    const far = await mk('far away', '2026-05-20T05:00:00Z');
    const ids = async (range?: 'today' | 'tomorrow' | 'week' | 'next_week' | 'month') => (await s.events.list(ctx, { range })).map((e) => e.id);
    expect(await ids('today')).toEqual([running.id, past.id, tonight.id]);
    expect(await ids('tomorrow')).toEqual([running.id, tomorrow.id]);
    expect(await ids('week')).toEqual([running.id, tonight.id, tomorrow.id, sunday.id]);
    expect(await ids('next_week')).toEqual([nextMon.id, nextSun.id]);
    expect(await ids('month')).toEqual([running.id, tonight.id, tomorrow.id, sunday.id, nextMon.id, nextSun.id, endOfMonth.id]);
    expect(await ids()).toEqual([running.id, tonight.id, tomorrow.id, sunday.id, nextMon.id, nextSun.id, endOfMonth.id, april.id]);
    const custom = await s.events.list(ctx, { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') });
    expect(custom.map((e) => e.id)).toEqual([far.id]);
  });

  it('finds by title words, exact title first', async () => {
    const ctx = await freshCtx();
    const a = await s.events.create(ctx, { title: 'Team meeting', start: new Date('2026-03-12T05:00:00Z') });
    const b = await s.events.create(ctx, { title: 'Meeting', start: new Date('2026-03-13T05:00:00Z') });
    expect((await s.events.findByWords(ctx, 'meeting')).map((e) => e.id)).toEqual([b.id]);
    expect((await s.events.findByWords(ctx, 'team meet')).map((e) => e.id)).toEqual([a.id]);
    expect(await s.events.findByWords(ctx, '"(*')).toEqual([]);
  });
});
