import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { type Services } from '../../src/services/index.ts';
import type { ServiceContext } from '../../src/services/scope.ts';
import { makeCtx, makeUser, useServiceDb } from '../helpers/temp-db.ts';

let db: Db;
let s: Services;
let ctx: ServiceContext;
let other: ServiceContext;

useServiceDb(async (t) => {
  ({ db, s } = t);
  ctx = makeCtx((await makeUser(db, 'A')).id);
  other = makeCtx((await makeUser(db, 'B')).id);
});

describe('SearchService', () => {
  it('ranks title matches above body matches, with snippets', async () => {
    const bodyHit = await s.memos.create(ctx, { content: 'Remember to ask about the invoice when calling the accountant next week' });
    const titleHit = await s.todos.create(ctx, { title: 'Send invoice', notes: 'to the client' });
    const event = await s.events.create(ctx, { title: 'Lunch', start: new Date('2026-03-12T07:00:00Z'), location: 'Invoice cafe' });
    const hits = await s.search.search(ctx, 'invoice');
    expect(hits.map((h) => [h.kind, h.id])).toContainEqual(['memo', bodyHit.id]);
    expect(hits[0]).toMatchObject({ kind: 'todo', id: titleHit.id, title: 'Send invoice', snippet: 'Send [invoice]' });
    const memoHit = hits.find((h) => h.kind === 'memo')!;
    expect(memoHit.snippet).toContain('[invoice]');
    expect(memoHit.title.length).toBeGreaterThan(0);
    expect(hits.find((h) => h.kind === 'event')).toMatchObject({ id: event.id, title: 'Lunch' });
    expect(hits.every((h, i) => i === 0 || hits[i - 1]!.rank <= h.rank)).toBe(true);
    expect((await s.search.search(ctx, 'invoice', { kinds: ['memo'] })).map((h) => h.kind)).toEqual(['memo']);
    expect(await s.search.search(ctx, 'invoice', { limit: 1 })).toHaveLength(1);
  });

  it('treats the last word as a prefix, ANDs words, and falls back to OR', async () => {
    const a = await s.todos.create(ctx, { title: 'Repair bicycle chain' });
    const b = await s.todos.create(ctx, { title: 'Wash bicycle helmet' });
    expect((await s.search.search(ctx, 'bicy')).map((h) => h.id).sort()).toEqual([a.id, b.id].sort());
    expect((await s.search.search(ctx, 'bicycle cha')).map((h) => h.id)).toEqual([a.id]);
    const or = await s.search.search(ctx, 'helmet unicorn');
    expect(or.map((h) => h.id)).toEqual([b.id]);
    expect(await s.search.search(ctx, 'unicorn')).toEqual([]);
  });

  it('finds Urdu text (and Roman Urdu) by word and prefix', async () => {
    const urdu = await s.memos.create(ctx, { content: 'امی کو فون کرنا ہے کل صبح' });
    const todo = await s.todos.create(ctx, { title: 'سبزی خریدنی ہے', notes: 'bazaar se' });
    expect((await s.search.search(ctx, 'فون')).map((h) => h.id)).toEqual([urdu.id]);
    expect((await s.search.search(ctx, 'امی فو')).map((h) => h.id)).toEqual([urdu.id]);
    const hit = (await s.search.search(ctx, 'سبزی'))[0]!;
    expect(hit).toMatchObject({ kind: 'todo', id: todo.id, title: 'سبزی خریدنی ہے' });
    expect(hit.snippet).toContain('[سبزی]');
    expect((await s.search.search(ctx, 'bazaar')).map((h) => h.id)).toEqual([todo.id]);
  });

  it('never errors on hostile or unsearchable queries', async () => {
    await s.todos.create(ctx, { title: 'quote "deal" 100% done_ok' });
    const nasty = ['"', '""', '"deal', 'deal"', '*', 'deal*', '**', 'NEAR', 'NEAR(deal quote)', 'deal NEAR quote', '-deal', 'deal -quote',
      '(', ')', '(deal', 'AND', 'OR', 'NOT', 'deal AND', '%', '_', '%deal%', 'done_ok', '^deal', 'title:deal', '{title}: deal', '+', ':',
      '🙂', '🙂🙂🙂', '', '   ', '\u0301', '\u200c', "'", "'; DROP TABLE Todo; --", '\\', '\u0000'];
    for (const q of nasty) {
      await expect(s.search.search(ctx, q), q).resolves.toBeInstanceOf(Array);
    }
    for (const q of ['', '   ', '🙂', '%', '_', '*', '"', '(', '-', '\u0301']) expect(await s.search.search(ctx, q), q).toEqual([]);
    expect((await s.search.search(ctx, '"deal'))[0]?.title).toBe('quote "deal" 100% done_ok');
    expect((await s.search.search(ctx, 'NEAR(deal quote)'))[0]?.title).toBe('quote "deal" 100% done_ok');
    expect((await s.search.search(ctx, '100%'))[0]?.title).toBe('quote "deal" 100% done_ok');
    expect(await db.todo.count()).toBeGreaterThan(0);
  });

  it('is scoped: another user never sees these items', async () => {
    expect(await s.search.search(other, 'invoice')).toEqual([]);
    expect(await s.search.search(other, 'فون')).toEqual([]);
  });

  it('stays correct over 20,000 seeded rows', async () => {
    const big = makeCtx((await makeUser(db, 'Big')).id);
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
    const stamp = `'2026-03-01T00:00:00.000+00:00'`;
    const statements = [];
    for (let chunk = 0; chunk < 20; chunk++) {
      const todos: string[] = [];
      const memos: string[] = [];
      for (let i = 0; i < 500; i++) {
        const n = chunk * 500 + i;
        todos.push(`('${words[n % 10]} ${words[(n * 7) % 10]} task ${n}', ${big.userId}, ${big.userId}, ${stamp}, ${stamp})`);
        memos.push(`('note ${n} about ${words[(n * 3) % 10]} and ${words[(n * 9) % 10]}', ${big.userId}, ${big.userId}, ${stamp}, ${stamp})`);
      }
      statements.push(db.$executeRawUnsafe(`INSERT INTO "Todo" ("title", "ownerId", "createdById", "createdAt", "updatedAt") VALUES ${todos.join(',')}`));
      statements.push(db.$executeRawUnsafe(`INSERT INTO "Memo" ("content", "ownerId", "createdById", "createdAt", "updatedAt") VALUES ${memos.join(',')}`));
    }
    await db.$transaction(statements);
    const needle = await s.todos.create(big, { title: 'zulu unique needle' });
    // Same words, other user: must not leak in.
    await s.todos.create(other, { title: 'zulu unique needle' });

    const started = performance.now();
    const hits = await s.search.search(big, 'zulu needl');
    const first = performance.now() - started;
    expect(hits).toEqual([expect.objectContaining({ kind: 'todo', id: needle.id })]);
    const common = await s.search.search(big, 'echo task 1234');
    expect(common.map((h) => h.title)).toEqual(['echo india task 1234']);
    const many = await s.search.search(big, 'golf', { limit: 10 });
    expect(many).toHaveLength(10);
    const memoOnly = await s.search.search(big, 'note 777', { kinds: ['memo'] });
    expect(memoOnly[0]).toMatchObject({ kind: 'memo' });
    expect(memoOnly[0]!.snippet).toContain('[777]');
    expect(first).toBeLessThan(1_000); // generous: only catches pathological plans
  });
});
