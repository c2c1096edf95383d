/**
 * Server-shared lists: two members share the server's list, anyone can add, list and complete,
 * deleting someone else's item needs its creator or Manage Server, and `scope: me` items stay
 * personal and never appear in the server (answers are ephemeral).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, MOD_ROLE, mona, olivia, startHarness, text, type DiscordHarness } from './discord-harness.ts';

describe('Discord server-shared lists', () => {
  let h: DiscordHarness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  const idOf = (customIds: string[]) => /\d+$/.exec(customIds.find((c) => /^del:todo:/.test(c))!)![0];

  it('lets two members add, list and complete each other\'s items', async () => {
    await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'buy groceries' } }));
    await h.answer(h.command(bob, 'todo', { sub: 'add', options: { text: 'fix the bike' } }));
    const bobsView = await h.answer(h.command(bob, 'todo', { sub: 'list' }));
    expect(bobsView[0]!.embeds[0]!.description).toMatch(/buy groceries — added by Alice/);
    expect(bobsView[0]!.embeds[0]!.description).toMatch(/fix the bike — added by Bob/);
    const done = await h.answer(h.command(bob, 'todo', { sub: 'done', options: { item: 'groceries' } }));
    expect(done[0]!.content).toBe('Done: buy groceries ✔');
    const alicesView = await h.answer(h.command(alice, 'todo', { sub: 'list', options: { filter: 'done' } }));
    expect(alicesView[0]!.embeds[0]!.description).toMatch(/~~buy groceries~~ — added by Alice · done by Bob/);
  });

  it('lets only the creator or a member with Manage Server delete an item', async () => {
    const added = await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'book the hall' } }));
    const id = idOf(added[0]!.customIds);
    const refused = await h.answer(h.command(bob, 'todo', { sub: 'delete', options: { item: `#${id}` } }));
    expect(refused[0]!.content).toBe('Only the person who added it or a chat admin can do that.');
    expect(refused[0]!.ephemeral).toBe(true);
    const refusedPress = await h.answer(h.press(bob, `del:todo:${id}`, added[0]!.id));
    expect(refusedPress[0]!.content).toBe('Only the person who added it or a chat admin can do that.');
    expect(refusedPress[0]!.ephemeral).toBe(true);
    const byMod = await h.answer(h.command(mona, 'todo', { sub: 'delete', options: { item: `#${id}` }, roles: [MOD_ROLE] }));
    expect(byMod[0]!.content).toBe('Deleted todo: book the hall');

    const second = await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'order chairs' } }));
    const byOwner = await h.answer(h.command(olivia, 'todo', { sub: 'delete', options: { item: `#${idOf(second[0]!.customIds)}` } }));
    expect(byOwner[0]!.content).toBe('Deleted todo: order chairs');

    const third = await h.answer(h.command(bob, 'todo', { sub: 'add', options: { text: 'sweep the yard' } }));
    const byCreator = await h.answer(h.command(bob, 'todo', { sub: 'delete', options: { item: `#${idOf(third[0]!.customIds)}` } }));
    expect(byCreator[0]!.content).toBe('Deleted todo: sweep the yard');
  });

  it('keeps scope: me items personal: ephemeral in the server, absent from the server list, shared with the DM', async () => {
    const added = await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'secret birthday gift', scope: 'me' } }));
    expect(added[0]!.ephemeral).toBe(true);
    expect(added[0]!.customIds.every((c) => c.startsWith('me:'))).toBe(true);
    const serverList = await h.answer(h.command(bob, 'todo', { sub: 'list', options: { filter: 'all' } }));
    expect(text(serverList)).not.toMatch(/birthday/);
    const aliceServer = await h.answer(h.command(alice, 'todo', { sub: 'list', options: { filter: 'all' } }));
    expect(text(aliceServer)).not.toMatch(/birthday/);
    const mine = await h.answer(h.command(alice, 'todo', { sub: 'list', options: { scope: 'me' } }));
    expect(mine[0]!.ephemeral).toBe(true);
    expect(mine[0]!.embeds[0]!.title).toBe('Your todos');
    expect(text(mine)).toMatch(/secret birthday gift/);
    const dm = await h.answer(h.command(alice, 'todo', { sub: 'list', dm: true }));
    expect(text(dm)).toMatch(/secret birthday gift/);
    // Nothing personal was ever posted publicly in the server channel.
    const publicInServer = h.dc.messagesIn(h.dc.state.interactions.values().next().value!.channelId).filter((m) => !m.ephemeral);
    expect(publicInServer.some((m) => /birthday/.test(JSON.stringify(m.raw)))).toBe(false);

    // A personal item's button pressed in the server acts on the presser's personal list.
    const done = await h.answer(h.press(alice, added[0]!.customIds[0]!, added[0]!.id));
    expect(done[0]!.content).toBe('Done: secret birthday gift ✔');
    expect(done[0]!.ephemeral).toBe(true);
  });
});
