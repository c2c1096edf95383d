/**
 * Issue 13 (13): "/delete 2" straight after /memos deleted todo 2 of an earlier todo list. A list
 * number now resolves only against the newest list of its own kind shown in this chat, within 30
 * minutes; a wrong-kind, stale, foreign or never-shown list asks which item instead of acting. The
 * lists live in the database, so a second app on the same file (another replica) reads them too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createHarness, visible, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
afterAll(async () => { await h.cleanup(); });

async function seed(user: string): Promise<void> {
  for (const title of ['buy milk', 'buy eggs', 'call the bank']) await h.say(`/todo ${title}`, { user });
  for (const note of ['wifi password is on the fridge', 'door code 4711']) await h.say(`/memo ${note}`, { user });
}
const todoTitles = async () => (await h.app.db.todo.findMany({ orderBy: { id: 'asc' } })).map((x) => `${x.title}:${x.status}`);

describe('a list number is read against the list it came from', () => {
  it('/delete 2 straight after /memos deletes memo 2, not todo 2 of the earlier todo list', async () => {
    const who = { user: 'r1' };
    await seed('r1');
    await h.say('/todos', who);
    const memos = await h.say('/memos', who);
    const second = memos!.card?.type === 'list' ? memos!.card.items[1]!.title : '';
    const reply = await h.say('/delete 2', who);
    expect(reply!.text).toBe(`Deleted note: ${second}`);
    expect(await h.app.db.todo.count({ where: { title: 'buy eggs' } })).toBe(1);
    expect(await h.app.db.memo.count({ where: { createdBy: { identities: { some: { externalId: 'r1' } } } } })).toBe(1);
  });

  it('/done 2 after /memos asks which todo instead of completing todo 2; the answer completes it', async () => {
    const who = { user: 'r2' };
    await seed('r2');
    await h.say('/todos', who);
    await h.say('/memos', who);
    const before = await todoTitles();
    const ask = await h.say('/done 2', who);
    expect(ask!.text).toMatch(/last list I showed you here was notes, not todos/);
    expect(await todoTitles()).toEqual(before);
    const answered = await h.say('eggs', who);
    expect(answered!.text).toContain('buy eggs');
    expect(await h.app.db.todo.findFirstOrThrow({ where: { title: 'buy eggs', createdBy: { identities: { some: { externalId: 'r2' } } } } })).toMatchObject({ status: 'done' });
  });

  it('a list older than 30 minutes asks again; a fresh one acts', async () => {
    const who = { user: 'r3' };
    await seed('r3');
    await h.say('/todos', who);
    h.clock.advance(31 * 60_000);
    const ask = await h.say('/done 1', who);
    expect(ask!.text).toMatch(/more than 30 minutes old/);
    expect(await h.app.db.todo.count({ where: { status: 'done', createdBy: { identities: { some: { externalId: 'r3' } } } } })).toBe(0);
    await h.say('/todos', who);
    expect((await h.say('/done 1', who))!.text).toContain('buy milk');
  });

  it('a number with no list shown in this chat (another chat\'s list) asks instead of reading it as an id', async () => {
    const alice = { user: 'r4' };
    const inGroup = { user: 'r4', group: true, chat: '-4040' };
    await h.say('/todo shared plan', inGroup);
    const groupTodo = await h.app.db.todo.findFirstOrThrow({ where: { title: 'shared plan' } });
    await seed('r4');
    await h.say('/todos', alice); // the DM's list; the group has none
    const ask = await h.say(`/done ${groupTodo.id}`, inGroup);
    expect(ask!.text).toMatch(/haven't shown you a list of todos in this chat/);
    expect(await h.app.db.todo.findUniqueOrThrow({ where: { id: groupTodo.id } })).toMatchObject({ status: 'open' });
    expect((await h.say(`/done #${groupTodo.id}`, inGroup))!.text).toContain('shared plan');
  });

  it('a listed item deleted since asks again instead of acting on something else', async () => {
    const who = { user: 'r5' };
    await seed('r5');
    await h.say('/todos', who);
    await h.say('/delete eggs', who);
    const ask = await h.say('/done 2', who);
    expect(ask!.text).toMatch(/Number 2 on the list of todos I showed is no longer there/);
    expect(await h.app.db.todo.count({ where: { status: 'done', createdBy: { identities: { some: { externalId: 'r5' } } } } })).toBe(0);
  });

  it('the list is kept in the database: another app on the same file understands the number', async () => {
    const file = path.join(os.tmpdir(), `clawchat-refs-${randomUUID()}.db`);
    const first = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000', DATABASE_URL: `file:${file}` });
    const config = loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '1000' });
    const other = await createApp(config, createLogger('silent', new Writable({ write(_c, _e, cb) { cb(); } })), first.clock);
    try {
      for (let i = 0; i < 5; i++) await first.say(`/todo someone else's ${i}`, { user: 'r6-other' }); // ids ≠ positions
      for (const title of ['buy milk', 'buy eggs', 'call the bank']) await first.say(`/todo ${title}`, { user: 'r6' });
      await first.say('/todos', { user: 'r6' });
      const reply = await other.orchestrator.handle({
        type: 'command', name: 'done', args: '3', conversation: { platform: 'telegram', chatId: 'r6', kind: 'dm' },
        actor: { platform: 'telegram', userId: 'r6', displayName: 'User r6' }, receivedAt: first.clock.now(), messageId: 'replica-1',
      });
      expect(visible(reply)).toContain('call the bank');
    } finally {
      await other.close();
      await first.cleanup();
      await Promise.all(['', '-wal', '-shm'].map((x) => rm(file + x, { force: true })));
    }
  });
});
