/**
 * Command registration: one bulk overwrite at start (globally, or to DISCORD_GUILD_ID), skipped
 * when the set has not changed since the last registration, with localized descriptions and the
 * install types and contexts that make commands work in servers, DMs and private channels.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandStateFileFor } from '../../adapters/discord/index.ts';
import { GUILD, startHarness } from './discord-harness.ts';

type Json = Record<string, any>;

describe('Discord command registration', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clawchat-discord-reg-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('registers the whole set globally with one PUT, then skips an unchanged set on restart', async () => {
    const h = await startHarness({ dir });
    const puts = h.dc.callsTo(/\/commands$/, 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`/applications/${h.dc.botUser.id}/commands`);
    const commands = h.dc.commands() as Json[];
    expect(commands.map((c) => c.name)).toEqual([
      'todo', 'event', 'memo', 'search', 'today', 'stats', 'remind', 'reminder', 'ask', 'delegate', 'settings', 'tasks', 'cancel', 'new', 'help', 'undo',
      'link', 'unlink', 'export', 'import',
    ]);
    for (const c of commands) {
      expect(c.integration_types).toEqual([0, 1]);
      expect(c.contexts).toEqual([0, 1, 2]);
    }
    const todo = commands.find((c) => c.name === 'todo')!;
    expect(todo.options.map((o: Json) => o.name)).toEqual(['add', 'list', 'done', 'edit', 'delete']);
    const done = todo.options.find((o: Json) => o.name === 'done');
    expect(done.options.find((o: Json) => o.name === 'item')).toMatchObject({ type: 3, required: true, autocomplete: true });
    expect(done.options.find((o: Json) => o.name === 'scope').choices.map((c: Json) => c.value)).toEqual(['server', 'me']);
    const reminder = commands.find((c) => c.name === 'reminder')!;
    expect(reminder.options.map((o: Json) => o.name)).toEqual(['list', 'edit', 'cancel', 'pause', 'resume', 'snooze', 'skip']);
    const cancelReminder = reminder.options.find((o: Json) => o.name === 'cancel');
    expect(cancelReminder.options.find((o: Json) => o.name === 'item')).toMatchObject({ type: 3, required: true, autocomplete: true });
    const snooze = reminder.options.find((o: Json) => o.name === 'snooze');
    expect(snooze.options.find((o: Json) => o.name === 'item')).toMatchObject({ required: false, autocomplete: true });
    expect(commands.find((c) => c.name === 'memo')!.options.map((o: Json) => o.name)).toEqual(['add', 'list', 'edit', 'delete']);
    const settings = commands.find((c) => c.name === 'settings')!;
    expect(settings.options.map((o: Json) => o.name)).toEqual(['timezone', 'language', 'briefing']);
    await h.close({ keepDir: true });

    const again = await startHarness({ dir });
    expect(again.dc.callsTo(/\/commands$/, 'PUT')).toHaveLength(0);
    expect(again.logs.join('')).toMatch(/registration skipped/);
    await again.close({ keepDir: true });
  });

  it('registers to one server when a guild id is set (without the global-only fields)', async () => {
    const h = await startHarness({ dir, bot: { guildId: GUILD } });
    const puts = h.dc.callsTo(/\/commands$/, 'PUT');
    expect(puts.map((c) => c.path)).toEqual([`/applications/${h.dc.botUser.id}/guilds/${GUILD}/commands`]);
    const commands = h.dc.commands(GUILD) as Json[];
    expect(commands).toHaveLength(20); // 19 + the /reminder group (issue 14)
    expect(commands[0]!.contexts).toBeUndefined();
    await h.close({ keepDir: true });
  });

  it('localizes descriptions from the core catalogs: Urdu by default, English for English clients', async () => {
    const h = await startHarness({ dir, bot: { commandLanguage: 'ur' } });
    expect(h.dc.callsTo(/\/commands$/, 'PUT')).toHaveLength(1); // a changed set is registered again
    const todo = (h.dc.commands() as Json[]).find((c) => c.name === 'todo')!;
    expect(todo.description).toBe('کام: آپ کے، یا سرور کی مشترکہ فہرست');
    expect(todo.description_localizations).toEqual({ 'en-US': 'Todos: yours, or the server\'s shared list', 'en-GB': 'Todos: yours, or the server\'s shared list' });
    const add = todo.options.find((o: Json) => o.name === 'add');
    expect(add.description).toBe('کام شامل کریں');
    await h.close({ keepDir: true });
  });

  it('keeps the registration state next to the database', () => {
    expect(commandStateFileFor('file:./data/clawchat.db')).toBe(path.join('data', 'discord-commands.json'));
    expect(commandStateFileFor('file:/var/lib/claw/db.sqlite')).toBe('/var/lib/claw/discord-commands.json');
  });
});
