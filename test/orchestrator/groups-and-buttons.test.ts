import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, visible, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
afterAll(async () => { await h.cleanup(); });

const alice = { user: 'alice', name: 'Alice' };
const bob = { user: 'bob', name: 'Bob' };
const inGroup = (who: object, extra: object = {}) => ({ ...who, group: true, chat: '-700', ...extra });

describe('shared lists, isolation and buttons through the orchestrator', () => {
  it('a group has one shared list: any member adds, lists and completes; lists show who', async () => {
    await h.say('/todo buy cake', inGroup(alice));
    await h.say('/todo my private thing', alice); // personal, in Alice's DM
    const list = visible(await h.say('/todos', inGroup(bob)));
    expect(list).toContain('buy cake');
    expect(list).toContain('Alice');
    expect(list).not.toContain('my private thing');
    expect((await h.say('/done cake', inGroup(bob)))!.text).toContain('buy cake');
    const done = visible(await h.say('/todos done', inGroup(alice)));
    expect(done).toContain('Bob');
  });

  it('deleting someone else\'s shared item needs its creator or an admin', async () => {
    await h.say('/todo order chairs', inGroup(alice));
    expect((await h.say('/delete chairs', inGroup(bob)))!.text).toMatch(/Only the person who added it/);
    expect(await h.app.db.todo.count({ where: { title: 'order chairs' } })).toBe(1);
    expect((await h.say('/delete chairs', inGroup({ user: 'carol', name: 'Carol' }, { admin: true })))!.text).toContain('order chairs');
    expect(await h.app.db.todo.count({ where: { title: 'order chairs' } })).toBe(0);
  });

  it('nobody reaches another person\'s items by id, words, list number or button', async () => {
    const r = await h.say('/todo alice secret', alice);
    const id = (await h.app.db.todo.findFirstOrThrow({ where: { title: 'alice secret' } })).id;
    expect(r).not.toBeNull();
    for (const text of [`/done #${id}`, '/done alice secret', `/delete #${id}`, `/edit #${id} title hacked`, '/search alice secret']) {
      const reply = await h.say(text, bob);
      expect(reply!.card === undefined || (reply!.card.type === 'list' && reply!.card.items.length === 0), text).toBe(true);
      expect(reply!.text, text).toMatch(/couldn't find|Nothing found/);
    }
    for (const data of [`done:todo:${id}`, `del:todo:${id}`]) {
      expect((await h.press(data, bob))!.text).toMatch(/couldn't find/);
    }
    // And not through a group Alice's item is not in.
    expect((await h.say(`/done #${id}`, inGroup(bob)))!.text).toMatch(/couldn't find/);
    const row = await h.app.db.todo.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: 'alice secret', status: 'open' });
  });

  it('Done and Delete buttons act and replace the card; a done card shows it done', async () => {
    const r = await h.say('/todo press me', alice);
    const done = r!.actions!.find((a) => a.data.startsWith('done:'))!;
    const after = await h.press(done.data, alice);
    expect(after!.replaceOriginal).toBe(true);
    expect(after!.card).toMatchObject({ type: 'item', item: { done: true } });
    const del = r!.actions!.find((a) => a.data.startsWith('del:'))!;
    expect((await h.press(del.data, alice))!.text).toContain('press me');
    expect(await h.app.db.todo.count({ where: { title: 'press me' } })).toBe(0);
  });

  it('long lists page with Next/Previous buttons', async () => {
    for (let i = 1; i <= 23; i++) await h.say(`/todo page item ${String(i).padStart(2, '0')}`, { user: 'pager' });
    const first = await h.say('/todos', { user: 'pager' });
    expect(first!.card).toMatchObject({ type: 'list', page: 1, pages: 3 });
    const next = first!.actions!.find((a) => a.data.startsWith('page:'))!;
    const second = await h.press(next.data, { user: 'pager' });
    expect(second!.card).toMatchObject({ type: 'list', page: 2 });
    expect(second!.replaceOriginal).toBe(true);
    expect(second!.card?.type === 'list' && second!.card.items[0]!.position).toBe(11);
    // "/done 11" means the first line of page two.
    const eleventh = second!.card?.type === 'list' ? second!.card.items[0]!.title : '';
    expect((await h.say('/done 11', { user: 'pager' }))!.text).toContain(eleventh);
    expect(second!.actions!.map((a) => a.label)).toEqual(['‹ Previous', 'Next ›']);
    for (const a of [...first!.actions!, ...second!.actions!]) expect(Buffer.byteLength(a.data)).toBeLessThanOrEqual(64);
  });
});
