import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { memoTags, NotFoundError, type Services } from '../../src/services/index.ts';
import { makeCtx, makeUser, useServiceDb } from '../helpers/temp-db.ts';

let db: Db;
let s: Services;

useServiceDb(async (t) => {
  ({ db, s } = t);
});

async function freshCtx() {
  const u = await makeUser(db, 'M');
  return makeCtx(u.id);
}

describe('MemoService', () => {
  it('creates with normalized tags, gets, updates and deletes', async () => {
    const ctx = await freshCtx();
    const m = await s.memos.create(ctx, { content: ' Wifi password is hunter2 ', title: 'Wifi', tags: ['#Home', 'home', 'Net Stuff'] });
    expect(m).toMatchObject({ content: 'Wifi password is hunter2', title: 'Wifi', tags: 'home net-stuff', ownerId: ctx.userId });
    expect(memoTags(m)).toEqual(['home', 'net-stuff']);
    expect((await s.memos.get(ctx, m.id)).id).toBe(m.id);
    const u = await s.memos.update(ctx, m.id, { title: null, tags: [] });
    expect(u.after).toMatchObject({ title: null, tags: '' });
    await s.memos.delete(ctx, m.id);
    await expect(s.memos.get(ctx, m.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists newest first, or by search query restricted to memos', async () => {
    const ctx = await freshCtx();
    const a = await s.memos.create(ctx, { content: 'Passport number AB123', tags: ['travel'] });
    const b = await s.memos.create(ctx, { content: 'Gate code 4321' });
    await s.todos.create(ctx, { title: 'Renew passport' });
    expect((await s.memos.list(ctx)).map((m) => m.id)).toEqual([b.id, a.id]);
    expect((await s.memos.list(ctx, { limit: 1 })).map((m) => m.id)).toEqual([b.id]);
    expect((await s.memos.list(ctx, { query: 'passport' })).map((m) => m.id)).toEqual([a.id]);
    expect((await s.memos.list(ctx, { query: 'travel' })).map((m) => m.id)).toEqual([a.id]);
    expect(await s.memos.list(ctx, { query: '"*' })).toEqual([]);
  });

  it('finds by words in title or content', async () => {
    const ctx = await freshCtx();
    const a = await s.memos.create(ctx, { content: 'Locker combination 12-34-56', title: 'Gym' });
    const b = await s.memos.create(ctx, { content: 'gym' });
    expect((await s.memos.findByWords(ctx, 'locker')).map((m) => m.id)).toEqual([a.id]);
    expect((await s.memos.findByWords(ctx, 'GYM')).map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect((await s.memos.findByWords(ctx, 'gym locker')).map((m) => m.id)).toEqual([a.id]);
  });
});
