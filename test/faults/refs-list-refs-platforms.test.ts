/**
 * Issue 13 (13) through the real adapters and the fakes: a list number straight after a list of
 * another kind. Telegram's "/delete 2" after /memos deletes memo 2 (the newest list decides what a
 * kind-less /delete means); "/done 2" there asks. Discord's "/todo delete item:2" and "/todo done
 * item:2" after "/memo list" name todos, so they ask which todo instead of taking todo 2 of an
 * older list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice as dAlice, startHarness, text, type DiscordHarness } from '../discord/discord-harness.ts';
import { alice, plain, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';

describe('Telegram: /delete 2 and /done 2 right after /memos', () => {
  let h: TelegramHarness;
  beforeAll(async () => { h = await startTelegramHarness(); });
  afterAll(async () => { await h?.close(); });

  const ask = async (line: string): Promise<string> => {
    h.say(alice, line);
    return plain((await h.nextReply(alice.id)).params.text);
  };

  it('deletes memo 2, leaves every todo, and asks instead of completing todo 2', async () => {
    for (const line of ['/todo buy milk', '/todo buy eggs', '/todo call the bank', '/memo wifi password is on the fridge', '/memo door code 4711', '/todos']) await ask(line);
    const memos = await ask('/memos');
    const second = /2\.\s*(.+)/.exec(memos)?.[1]?.trim() ?? '';
    expect(second).not.toBe('');
    expect(await ask('/delete 2')).toContain(`Deleted note: ${second.slice(0, 20)}`);
    expect(await h.app.db.todo.count()).toBe(3);
    expect(await h.app.db.memo.count()).toBe(1);
    expect(await ask('/done 2')).toMatch(/last list I showed you here was notes, not todos/);
    expect(await h.app.db.todo.count({ where: { status: 'done' } })).toBe(0);
  });
});

describe('Discord: /todo done and /todo delete with a number right after /memo list', () => {
  let h: DiscordHarness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h?.close(); });

  it('asks which todo instead of acting on todo 2 of the older list', async () => {
    for (const title of ['buy milk', 'buy eggs', 'call the bank']) await h.answer(h.command(dAlice, 'todo', { sub: 'add', options: { text: title }, dm: true }));
    await h.answer(h.command(dAlice, 'memo', { sub: 'add', options: { text: 'door code 4711' }, dm: true }));
    await h.answer(h.command(dAlice, 'memo', { sub: 'add', options: { text: 'wifi password is on the fridge' }, dm: true }));
    await h.answer(h.command(dAlice, 'todo', { sub: 'list', dm: true }));
    await h.answer(h.command(dAlice, 'memo', { sub: 'list', dm: true }));
    const del = text(await h.answer(h.command(dAlice, 'todo', { sub: 'delete', options: { item: '2' }, dm: true })));
    expect(del).toMatch(/last list I showed you here was notes, not todos/);
    const done = text(await h.answer(h.command(dAlice, 'todo', { sub: 'done', options: { item: '2' }, dm: true })));
    expect(done).toMatch(/last list I showed you here was notes, not todos/);
    expect(await h.app.db.todo.count({ where: { status: 'open' } })).toBe(3);
    expect(await h.app.db.memo.count()).toBe(2);
    // Shown the todos again, the same number means todo 2.
    await h.answer(h.command(dAlice, 'todo', { sub: 'list', dm: true }));
    expect(text(await h.answer(h.command(dAlice, 'todo', { sub: 'done', options: { item: '2' }, dm: true })))).toContain('buy eggs');
  });
});
