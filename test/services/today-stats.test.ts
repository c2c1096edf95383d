import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { type Services } from '../../src/services/index.ts';
import type { ServiceContext } from '../../src/services/scope.ts';
import { makeCtx, makeUser, useServiceDb } from '../helpers/temp-db.ts';

// Wed 2026-03-11 09:00Z = 14:00 in Karachi (UTC+5) and 05:00 in New York (EDT, UTC-4, since Mar 8).
// Karachi day: 03-10T19:00Z..03-11T19:00Z, week from 03-08T19:00Z.
// New York day: 03-11T04:00Z..03-12T04:00Z, week from 03-09T04:00Z.
const NOW = new Date('2026-03-11T09:00:00Z');
let db: Db;
let s: Services;
let khi: ServiceContext;
let nyc: ServiceContext;
const id: Record<string, number> = {};

useServiceDb(async (t) => {
  ({ db, s } = t);
  const u = await makeUser(db, 'Zones');
  khi = makeCtx(u.id, { now: NOW, timeZone: 'Asia/Karachi' });
  nyc = makeCtx(u.id, { now: NOW, timeZone: 'America/New_York' });
  const todo = async (key: string, input: Parameters<Services['todos']['create']>[1]) => (id[key] = (await s.todos.create(khi, input)).id);
  await todo('t1', { title: 'early today in Karachi', due: new Date('2026-03-11T02:00:00Z'), category: 'work' });
  await todo('t2', { title: 'late today in New York', due: new Date('2026-03-11T20:00:00Z'), category: 'home' });
  await todo('t3', { title: 'yesterday everywhere', due: new Date('2026-03-10T12:00:00Z'), category: 'work' });
  await todo('t4', { title: 'important, no date', priority: 'high', category: 'personal' });
  await todo('t5', { title: 'important, tonight NY', priority: 'high', due: new Date('2026-03-11T20:00:00Z') });
  await todo('t6', { title: 'done Monday Karachi / Sunday NY' });
  await todo('t7', { title: 'done last week' });
  await todo('t8', { title: 'low, no date', priority: 'low' });
  await s.todos.complete({ ...khi, now: new Date('2026-03-09T01:00:00Z') }, id.t6!);
  await s.todos.complete({ ...khi, now: new Date('2026-03-08T10:00:00Z') }, id.t7!);
  id.e1 = (await s.events.create(khi, { title: 'morning in Karachi', start: new Date('2026-03-11T03:00:00Z') })).id;
  id.e2 = (await s.events.create(khi, { title: 'evening in New York', start: new Date('2026-03-11T22:00:00Z') })).id;
});

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('TodayService', () => {
  it('builds the day in Asia/Karachi', async () => {
    const v = await s.today.today(khi);
    expect(ids(v.events)).toEqual([id.e1]);
    expect(ids(v.dueToday)).toEqual([id.t1]);
    expect(ids(v.overdue)).toEqual([id.t3]);
    expect(ids(v.topPriorities)).toEqual([id.t5, id.t4]);
  });

  it('builds the day in America/New_York', async () => {
    const v = await s.today.today(nyc);
    expect(ids(v.events)).toEqual([id.e2]);
    expect(ids(v.dueToday)).toEqual([id.t2, id.t5]);
    expect(ids(v.overdue)).toEqual([id.t3, id.t1]);
    expect(ids(v.topPriorities)).toEqual([id.t4]);
  });

  it('caps top priorities at 5', async () => {
    const u = await makeUser(db, 'Busy');
    const ctx = makeCtx(u.id, { now: NOW });
    for (let i = 0; i < 7; i++) await s.todos.create(ctx, { title: `urgent ${i}`, priority: 'high' });
    expect((await s.today.today(ctx)).topPriorities).toHaveLength(5);
  });
});

describe('StatsService', () => {
  it('counts in Asia/Karachi', async () => {
    expect(await s.stats.stats(khi)).toEqual({
      open: 6, doneThisWeek: 1, overdue: 1, byCategory: { work: 2, home: 1, personal: 1, other: 2 },
    });
  });

  it('counts in America/New_York', async () => {
    expect(await s.stats.stats(nyc)).toEqual({
      open: 6, doneThisWeek: 0, overdue: 2, byCategory: { work: 2, home: 1, personal: 1, other: 2 },
    });
  });

  it('is zero for an empty list', async () => {
    const u = await makeUser(db, 'Empty');
    expect(await s.stats.stats(makeCtx(u.id, { now: NOW }))).toEqual({
      open: 0, doneThisWeek: 0, overdue: 0, byCategory: { work: 0, home: 0, personal: 0, other: 0 },
    });
  });
});
