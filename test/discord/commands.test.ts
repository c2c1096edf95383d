/**
 * Every slash command end to end: real discord.js client ↔ fake Discord, real app and database.
 * Each command is dispatched as Discord would (subcommands and typed options) and the answer is
 * read back from what the fake recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, startHarness, text, type DiscordHarness } from './discord-harness.ts';

describe('Discord slash commands', () => {
  let h: DiscordHarness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  it('/todo add, list, done, edit and delete (server list by default)', async () => {
    const added = await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'pay rent friday', priority: 'high' } }));
    expect(added[0]!.content).toBe('Added todo: pay rent');
    expect(added[0]!.embeds[0]!.title).toBe('pay rent');
    expect(added[0]!.embeds[0]!.description).toMatch(/high priority/);
    expect(added[0]!.customIds).toEqual([expect.stringMatching(/^done:todo:\d+$/), expect.stringMatching(/^del:todo:\d+$/), 'undo']);
    expect(added[0]!.ephemeral).toBe(false);
    const id = /\d+$/.exec(added[0]!.customIds[0]!)![0];

    await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'water plants' } }));
    const list = await h.answer(h.command(alice, 'todo', { sub: 'list' }));
    expect(list[0]!.embeds[0]!.title).toBe('Todos of Family');
    expect(list[0]!.embeds[0]!.description).toMatch(/\*\*1\.\*\* pay rent/);
    expect(list[0]!.embeds[0]!.description).toMatch(/water plants/);

    const edited = await h.answer(h.command(alice, 'todo', { sub: 'edit', options: { item: `#${id}`, due: 'tomorrow 5pm', category: 'home' } }));
    expect(edited[0]!.content).toBe('Updated todo: pay rent');
    expect(edited[0]!.embeds[0]!.description).toMatch(/due .*17:00/);
    expect(edited[0]!.embeds[0]!.description).toMatch(/home/);

    const renamed = await h.answer(h.command(alice, 'todo', { sub: 'edit', options: { item: `#${id}`, title: 'pay the rent' } }));
    expect(renamed[0]!.content).toBe('Updated todo: pay the rent');

    const done = await h.answer(h.command(alice, 'todo', { sub: 'done', options: { item: '1' } }));
    expect(done[0]!.content).toBe('Done: pay the rent ✔');

    const doneList = await h.answer(h.command(alice, 'todo', { sub: 'list', options: { filter: 'done' } }));
    expect(text(doneList)).toMatch(/~~pay the rent~~/);

    const deleted = await h.answer(h.command(alice, 'todo', { sub: 'delete', options: { item: 'water plants' } }));
    expect(deleted[0]!.content).toBe('Deleted todo: water plants');
  });

  it('/event add, list and delete', async () => {
    const added = await h.answer(h.command(alice, 'event', { sub: 'add', options: { text: 'dentist tomorrow 4pm' } }));
    expect(added[0]!.content).toBe('Added event: dentist');
    const id = /\d+$/.exec(added[0]!.customIds.find((c) => c.startsWith('del:event:'))!)![0];
    // A week is a list of events (one day is answered like /today, as text with the day's todos).
    const list = await h.answer(h.command(alice, 'event', { sub: 'list', options: { range: 'week' } }));
    expect(list[0]!.embeds[0]!.title).toBe('Events (1)');
    expect(list[0]!.embeds[0]!.description).toMatch(/dentist — .*16:00/);
    const deleted = await h.answer(h.command(alice, 'event', { sub: 'delete', options: { item: `#${id}` } }));
    expect(deleted[0]!.content).toBe('Deleted event: dentist');
    const again = await h.answer(h.command(alice, 'event', { sub: 'delete', options: { item: `#${id}` } }));
    expect(again[0]!.content).toBe('I couldn\'t find that event.');
    expect(again[0]!.ephemeral).toBe(true);
  });

  it('/memo add, list (with a query) and delete by typed words', async () => {
    const added = await h.answer(h.command(bob, 'memo', { sub: 'add', options: { text: 'wifi password is on the fridge' } }));
    expect(added[0]!.content).toMatch(/^Saved note: wifi password/);
    const list = await h.answer(h.command(bob, 'memo', { sub: 'list', options: { query: 'wifi' } }));
    expect(list[0]!.embeds[0]!.description).toMatch(/wifi password/);
    const deleted = await h.answer(h.command(bob, 'memo', { sub: 'delete', options: { item: 'wifi' } }));
    expect(deleted[0]!.content).toMatch(/^Deleted note: wifi password/);
    const none = await h.answer(h.command(bob, 'memo', { sub: 'delete', options: { item: 'nothing like this' } }));
    expect(none[0]!.content).toBe('Please pick the note from the suggestions that appear as you type.');
    expect(none[0]!.ephemeral).toBe(true);
  });

  it('/search, /today, /stats and /remind', async () => {
    await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'call the plumber today' } }));
    const search = await h.answer(h.command(alice, 'search', { options: { query: 'plumber' } }));
    expect(search[0]!.embeds[0]!.title).toBe('Results for "plumber"');
    expect(search[0]!.embeds[0]!.description).toMatch(/call the plumber/);
    const today = await h.answer(h.command(alice, 'today'));
    expect(today[0]!.content).toMatch(/^Today, /);
    expect(today[0]!.content).toMatch(/call the plumber/);
    const stats = await h.answer(h.command(alice, 'stats'));
    expect(stats[0]!.content).toMatch(/^Open: \d+ · Done this week: \d+ · Overdue: \d+/);
    const remind = await h.answer(h.command(alice, 'remind', { options: { text: 'tomorrow 9am call mom' } }));
    // In a server a reminder is the server's by default (issue 14), posted in this channel.
    expect(remind[0]!.content).toMatch(/^I will remind this group: call mom — /);
    const mine = await h.answer(h.command(alice, 'remind', { options: { text: 'tomorrow 10am call dad', scope: 'me' } }));
    expect(mine[0]!.content).toMatch(/^I will remind you: call dad — /);
  });

  it('/settings timezone, language and briefing; /help, /tasks and /undo', async () => {
    const zone = await h.answer(h.command(bob, 'settings', { sub: 'timezone', options: { zone: 'Europe/London' } }));
    expect(zone[0]!.content).toMatch(/^Time zone set to Europe\/London/);
    const briefing = await h.answer(h.command(bob, 'settings', { sub: 'briefing', options: { time: '7:30' } }));
    expect(briefing[0]!.content).toBe('I will send your daily briefing at 07:30.');
    const off = await h.answer(h.command(bob, 'settings', { sub: 'briefing', options: { time: 'off' } }));
    expect(off[0]!.content).toBe('Daily briefing turned off.');
    const ur = await h.answer(h.command(bob, 'settings', { sub: 'language', options: { language: 'ur' } }));
    expect(ur[0]!.content).toBe('میں اردو میں جواب دوں گا۔');
    const en = await h.answer(h.command(bob, 'settings', { sub: 'language', options: { language: 'en' } }));
    expect(en[0]!.content).toBe('I will answer in English.');
    const help = await h.answer(h.command(bob, 'help'));
    expect(help[0]!.content).toMatch(/^Here is what I can do/);
    const tasks = await h.answer(h.command(bob, 'tasks'));
    expect(tasks[0]!.content.length).toBeGreaterThan(0);
    await h.answer(h.command(bob, 'todo', { sub: 'add', options: { text: 'temporary thing' } }));
    const undo = await h.answer(h.command(bob, 'undo'));
    expect(undo[0]!.content).toBe('Undone: added todo.');
  });

  it('works in the bot\'s DMs, on the personal list', async () => {
    const added = await h.answer(h.command(alice, 'todo', { sub: 'add', options: { text: 'renew passport' }, dm: true }));
    expect(added[0]!.content).toBe('Added todo: renew passport');
    const list = await h.answer(h.command(alice, 'todo', { sub: 'list', dm: true }));
    expect(list[0]!.embeds[0]!.title).toBe('Your todos');
    expect(list[0]!.embeds[0]!.description).toMatch(/renew passport/);
    expect(list[0]!.embeds[0]!.description).not.toMatch(/plumber/);
  });

  it('acknowledges every interaction well within 3 seconds', () => {
    for (const rec of h.dc.state.interactions.values()) {
      if (rec.callbacks[0]) expect(rec.callbacks[0].at - rec.dispatchedAt).toBeLessThan(3_000);
    }
  });
});
