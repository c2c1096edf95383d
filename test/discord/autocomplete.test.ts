/**
 * Autocomplete of item options over the user's (DM, scope: me) or the server's items, read-only:
 * it answers within the deadline and never changes the last list "/todo done 1" refers to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, startHarness, type DiscordHarness } from './discord-harness.ts';

describe('Discord autocomplete', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness();
    await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'alpha report' } }));
    await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'beta report' } }));
    await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'gamma report', scope: 'me' } }));
    await h.answer(h.command(alice, 'event', { sub: 'add', options: { text: 'team lunch tomorrow 1pm' } }));
    await h.answer(h.command(alice, 'memo', { sub: 'add', options: { text: 'door code is 4521' }, dm: true }));
  });
  afterAll(async () => { await h.close(); });

  const names = (choices: { name: string }[]) => choices.map((c) => c.name.replace(/ · .*$/, ''));

  it('offers the server\'s items in the server, the personal ones with scope: me and in DMs', async () => {
    const server = await h.autocomplete(bob, 'todo', 'done', { item: 'rep' }, 'item');
    expect(names(server).sort()).toEqual(['alpha report', 'beta report']);
    expect(server.every((c) => /^#\d+$/.test(c.value))).toBe(true);
    const me = await h.autocomplete(alice, 'todo', 'done', { item: 'rep', scope: 'me' }, 'item');
    expect(names(me)).toEqual(['gamma report']);
    const dm = await h.autocomplete(alice, 'todo', 'delete', { item: '' }, 'item', { dm: true });
    expect(names(dm)).toEqual(['gamma report']);
    const bobDm = await h.autocomplete(bob, 'todo', 'delete', { item: 'report' }, 'item', { dm: true });
    expect(bobDm).toEqual([]);
  });

  it('offers only open todos for done, any for delete; events and notes too', async () => {
    await h.answer(h.command(bob, 'todo', { sub: 'done', options: { item: 'beta' } }));
    expect(names(await h.autocomplete(bob, 'todo', 'done', { item: '' }, 'item'))).toEqual(['alpha report']);
    expect(names(await h.autocomplete(bob, 'todo', 'delete', { item: 'beta' }, 'item'))).toEqual(['✔ beta report']);
    const events = await h.autocomplete(bob, 'event', 'delete', { item: 'lunch' }, 'item');
    expect(events.map((c) => c.name)).toEqual([expect.stringMatching(/^team lunch · .*13:00/)]);
    expect(names(await h.autocomplete(alice, 'memo', 'delete', { item: 'door' }, 'item', { dm: true }))).toEqual(['door code is 4521']);
    expect(await h.autocomplete(bob, 'memo', 'delete', { item: 'door' }, 'item')).toEqual([]);
  });

  it('offers reminders of the scope for /reminder: the DM\'s own in a DM, the server\'s in the server', async () => {
    await h.answer(h.command(alice, 'remind', { options: { text: 'tomorrow 9am water the plants' }, dm: true }));
    await h.answer(h.command(alice, 'remind', { options: { text: 'tomorrow 10am book the hall' } }));
    const mine = await h.autocomplete(alice, 'reminder', 'cancel', { item: 'wat' }, 'item', { dm: true });
    expect(mine.map((c) => c.name)).toEqual([expect.stringMatching(/^water the plants · .*9:00/)]);
    expect(mine.every((c) => /^#\d+$/.test(c.value))).toBe(true);
    expect(names(await h.autocomplete(alice, 'reminder', 'snooze', { item: '' }, 'item', { dm: true }))).toEqual(['water the plants']);
    expect(names(await h.autocomplete(bob, 'reminder', 'edit', { item: '' }, 'item'))).toEqual(['book the hall']);
    expect(await h.autocomplete(bob, 'reminder', 'cancel', { item: 'water' }, 'item', { dm: true })).toEqual([]);
  });

  it('completes time zones', async () => {
    const zones = await h.autocomplete(bob, 'settings', 'timezone', { zone: 'karachi' }, 'zone');
    expect(zones).toEqual([{ name: 'Asia/Karachi', value: 'Asia/Karachi' }]);
  });

  it('leaves the last list alone, so a number still means what the list showed', async () => {
    const list = (await h.answer(h.command(bob, 'todo', { sub: 'list' })))[0]!;
    expect(list.embeds[0]!.description).toMatch(/^\*\*1\.\*\* alpha report/);
    await h.autocomplete(bob, 'todo', 'delete', { item: 'beta' }, 'item');
    const done = await h.answer(h.command(bob, 'todo', { sub: 'done', options: { item: '1' } }));
    expect(done[0]!.content).toBe('Done: alpha report ✔');
  });
});
