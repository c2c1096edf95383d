import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { bestBySound, contentWords } from '../../src/services/fuzzy-title-match.ts';
import type { Services } from '../../src/services/index.ts';
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

describe('contentWords', () => {
  it('drops filler words of English, Roman Urdu and Urdu script', () => {
    expect(contentWords('دودھ والا کام ہو گیا')).toEqual(['دودھ']);
    expect(contentWords('doodh waala kaam ho gya')).toEqual(['doodh']);
    expect(contentWords('the milk one')).toEqual(['milk']);
    expect(contentWords('bijlee ka bil')).toEqual(['bijlee', 'bil']);
    expect(contentWords('wala kaam')).toEqual([]);
  });
});

describe('bestBySound', () => {
  const titles = ['doodh lena', 'دودھ', 'bijli ka bill', 'gas ka bill'];
  const pick = (ref: string) => bestBySound(ref, titles, (t) => [t]);

  it('keeps the best-scoring items, an item that is just the ref alone, several on a tie', () => {
    expect(pick('dudh')).toEqual(['دودھ']);
    expect(pick('bijlee ka bil')).toEqual(['bijli ka bill']);
    expect(pick('bil')).toEqual(['bijli ka bill', 'gas ka bill']);
  });

  it('needs every content word of a short ref, and finds nothing for fillers only', () => {
    expect(pick('gas bijli')).toEqual([]);
    expect(pick('paani ka bill')).toEqual([]);
    expect(pick('wala kaam')).toEqual([]);
    expect(pick('')).toEqual([]);
  });
});

describe('findByWords falls back to sound-alike titles', () => {
  it('todos: another script or spelling, only when no title has the words, in the asked status', async () => {
    const roman = await s.todos.create(ctx, { title: 'doodh lena' });
    const urdu = await s.todos.create(ctx, { title: 'بجلی کا بل' });
    await s.todos.create(other, { title: 'shaadi ka card' });
    expect((await s.todos.findByWords(ctx, 'دودھ')).map((t) => t.id)).toEqual([roman.id]);
    expect((await s.todos.findByWords(ctx, 'bijlee ka bil')).map((t) => t.id)).toEqual([urdu.id]);
    expect(await s.todos.findByWords(ctx, 'daal')).toEqual([]);
    expect(await s.todos.findByWords(ctx, 'shadi')).toEqual([]);
    await s.todos.complete(ctx, roman.id);
    expect(await s.todos.findByWords(ctx, 'dudh', { status: 'open' })).toEqual([]);
    expect((await s.todos.findByWords(ctx, 'dudh', { status: 'done' })).map((t) => t.id)).toEqual([roman.id]);
  });

  it('todos: a word match, even in another status, wins over a sound-alike', async () => {
    const user = makeCtx((await makeUser(db, 'C')).id);
    const done = await s.todos.create(user, { title: 'ammi ko call' });
    await s.todos.complete(user, done.id);
    await s.todos.create(user, { title: 'امی کی دوائی' });
    expect(await s.todos.findByWords(user, 'ammi', { status: 'open' })).toEqual([]);
  });

  it('events, memos and reminders', async () => {
    const event = await s.events.create(ctx, { title: 'شادی کی تقریب', start: new Date('2026-03-20T14:00:00Z') });
    const memo = await s.memos.create(ctx, { content: 'ammi ka naya number 0300 1234567' });
    const reminder = await s.reminders.create(ctx, { text: 'sabzi lena', at: new Date('2026-03-12T09:00:00Z') });
    expect((await s.events.findByWords(ctx, 'shadi')).map((e) => e.id)).toEqual([event.id]);
    expect((await s.memos.findByWords(ctx, 'امی کا نمبر')).map((m) => m.id)).toEqual([memo.id]);
    expect((await s.reminders.findByWords(ctx, 'سبزی')).map((r) => r.id)).toEqual([reminder.id]);
    expect(await s.events.findByWords(ctx, 'daftar')).toEqual([]);
    expect(await s.memos.findByWords(other, 'ammi')).toEqual([]);
    expect(await s.reminders.findByWords(ctx, 'doodh')).toEqual([]);
  });

  it('search: sound-alike hits only when no word is found', async () => {
    const user = makeCtx((await makeUser(db, 'D')).id);
    const todo = await s.todos.create(user, { title: 'دودھ لینا' });
    const memo = await s.memos.create(user, { content: 'doodh wale ka hisaab' });
    expect((await s.search.search(user, 'doodh')).map((h) => [h.kind, h.id])).toEqual([['memo', memo.id]]);
    const hits = await s.search.search(user, 'dudh');
    expect(hits.map((h) => [h.kind, h.id])).toEqual([['todo', todo.id], ['memo', memo.id]]);
    expect(hits[0]).toMatchObject({ title: 'دودھ لینا', snippet: 'دودھ لینا' });
    expect((await s.search.search(user, 'dudh', { kinds: ['memo'] })).map((h) => h.id)).toEqual([memo.id]);
    expect(await s.search.search(user, 'zebra')).toEqual([]);
  });
});
