/**
 * Buttons under item cards and lists: Done, Delete, Undo, paging, Snooze and Stop, each acting
 * only after the core checked the custom_id against the presser's access; forged ids change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, startHarness, type DiscordHarness } from './discord-harness.ts';

describe('Discord buttons', () => {
  let h: DiscordHarness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  it('Done, Delete and Undo on a server card replace the card in place', async () => {
    const card = (await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'clean the garage' } })))[0]!;
    const [doneId, delId] = card.customIds;
    const pressDone = h.press(bob, doneId!, card.id);
    const done = await h.answer(pressDone);
    expect(pressDone.callbacks[0]!.type).toBe(7);
    expect(done[0]!.id).toBe(card.id);
    expect(done[0]!.content).toBe('Done: clean the garage ✔');
    expect(done[0]!.customIds).toEqual(['undo']);

    const undo = await h.answer(h.press(bob, 'undo', card.id));
    expect(undo[0]!.content).toBe('Undone: completed todo.');

    const pressDel = h.press(alice, delId!, card.id);
    const deleted = await h.answer(pressDel);
    expect(pressDel.callbacks[0]!.type).toBe(7);
    expect(deleted[0]!.content).toBe('Deleted todo: clean the garage');
    const list = await h.answer(h.command(alice, 'todo', { sub: 'list', options: { filter: 'all' } }));
    expect(JSON.stringify(list)).not.toMatch(/garage/);
  });

  it('pages a long list with Next and Previous', async () => {
    for (let i = 1; i <= 12; i++) await h.answer(h.command(bob, 'todo', { sub: 'add', options: { text: `chore number ${i}` }, dm: true }));
    const first = (await h.answer(h.command(bob, 'todo', { sub: 'list', dm: true })))[0]!;
    expect(first.embeds[0]!.footer?.text).toBe('page 1 of 2');
    expect(first.customIds).toEqual(['page:todo:2:open']);
    const next = (await h.answer(h.press(bob, 'page:todo:2:open', first.id, { dm: true })))[0]!;
    expect(next.id).toBe(first.id);
    expect(next.embeds[0]!.footer?.text).toBe('page 2 of 2');
    expect(next.embeds[0]!.description).toMatch(/\*\*11\.\*\*/);
    expect(next.customIds).toEqual(['page:todo:1:open']);
  });

  it('answers Snooze and Stop presses', async () => {
    const snooze = h.press(alice, 'snooze:1:10', (await h.answer(h.command(alice, 'help')))[0]!.id);
    const s = await h.answer(snooze);
    expect(s[0]!.content.length).toBeGreaterThan(0);
    const stop = h.press(alice, 'stop', s[0]!.id);
    const st = await h.answer(stop);
    expect(st[0]!.content.length).toBeGreaterThan(0);
  });

  it('refuses forged custom_ids: another person\'s personal item, the presser\'s own scope, garbage', async () => {
    const personal = (await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'private errand' }, dm: true })))[0]!;
    const id = /\d+$/.exec(personal.customIds[0]!)![0];
    const someMessage = (await h.answer(h.command(bob, 'help')))[0]!.id;

    const inServer = await h.answer(h.press(bob, `done:todo:${id}`, someMessage));
    expect(inServer[0]!.content).toBe('I couldn\'t find that todo.');
    expect(inServer[0]!.ephemeral).toBe(true);
    const asMine = await h.answer(h.press(bob, `me:del:todo:${id}`, someMessage));
    expect(asMine[0]!.content).toBe('I couldn\'t find that todo.');
    const inDm = await h.answer(h.press(bob, `del:todo:${id}`, someMessage, { dm: true }));
    expect(inDm[0]!.content).toBe('I couldn\'t find that todo.');
    for (const forged of ['done:todo:abc', 'del:user:1', 'page:todo:0:open', 'x'.repeat(90), 'me:']) {
      const r = await h.answer(h.press(bob, forged, someMessage));
      expect(r[0]!.content).toBe('That button is no longer valid.');
      expect(r[0]!.ephemeral).toBe(true);
    }
    const still = await h.answer(h.command(alice, 'todo', { sub: 'list', dm: true }));
    expect(JSON.stringify(still)).toMatch(/private errand/);
  });
});
