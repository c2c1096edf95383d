/**
 * The command surface is derived from one registry (tools with their `command` metadata plus the
 * conversation builtins' specs). This proves it: every tool except pure chat is reachable from
 * every surface (a typed command that plans to it, the Telegram menu, the Discord tree and its
 * routing, the offline parser's slash table, the model's tool list, MCP's tool list); `/help` on
 * each platform lists exactly the commands that work there, and each of them runs through the real
 * orchestrator without "unknown command"; and a tool added to the registry with metadata appears on
 * all of those surfaces at once.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCommands } from '../../adapters/discord/command-definitions.ts';
import type { App } from '../../src/app.ts';
import type { CommandPlatform, PickerRoute } from '../../src/core/command-surface.ts';
import { t, type Language } from '../../src/i18n/index.ts';
import { modelTools } from '../../src/llm/tool-catalog.ts';
import { createLogger } from '../../src/logger.ts';
import { createMcpServer, MCP_EXCLUDED_TOOLS } from '../../src/mcp/mcp-server.ts';
import { parseMessage } from '../../src/nlu/index.ts';
import { CommandCatalog } from '../../src/orchestrator/command-catalog.ts';
import { textOption } from '../../src/tools/command.ts';
import { ALL_TOOLS, ToolRegistry } from '../../src/tools/registry.ts';
import { noChangeHooks } from '../../src/core/change-hooks.ts';
import { defineTool, type Tool } from '../../src/tools/tool.ts';
import { alice, startHarness, text, type DiscordHarness } from '../discord/discord-harness.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

const PURE_CHAT = 'general_chat';
const ctx = { now: new Date('2026-11-21T10:00:00+05:00'), timeZone: 'Asia/Karachi', language: 'en' as Language };
const noParse = () => ({ intent: PURE_CHAT, params: {} });
/** "I don't know the command /x" (or "not available yet") in either language. */
const refused = (reply: string) => (['en', 'ur'] as const).some((lang) => {
  const unknown = t(lang, 'unknownCommand', { name: '\u0000' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\u0000', '[\\w]*');
  return new RegExp(`^${unknown}$`).test(reply) || reply === t(lang, 'comingSoon');
});

/** The tool a picker route reaches: a core command's tool, a Delete button's, or chat. */
function routedTool(catalog: CommandCatalog, route: PickerRoute | undefined): string | undefined {
  if (!route) return undefined;
  if (route.kind === 'text') return PURE_CHAT;
  if (route.kind === 'pressDelete') return `delete_${route.itemKind}`;
  const plan = catalog.plan(route.command, '', noParse, ctx);
  return plan.kind === 'tool' ? plan.tool : undefined;
}

/** Leaf paths of the Discord command JSON: `todo add`, `help`. */
function discordPaths(catalog: CommandCatalog): string[] {
  return buildCommands(catalog, 'en', true).flatMap((c) => {
    const subs = (c.options ?? []).filter((o) => o.type === 1);
    return subs.length ? subs.map((s) => `${c.name} ${s.name}`) : [c.name];
  });
}

/** Which tools each surface reaches, read the way each surface is really built. */
async function surfaces(app: App): Promise<Record<string, Set<string>>> {
  const catalog = app.orchestrator.commands;
  const table = catalog.slashTable();
  const planner = [...table.keys()].map((name) => catalog.plan(name, '', noParse, ctx)).flatMap((p) => (p.kind === 'tool' ? [p.tool] : []));
  const menu = catalog.menu('en').map((m) => catalog.find(m.command)).flatMap((e) => (e?.kind === 'tool' ? [e.tool] : []));
  const discord = discordPaths(catalog).map((path) => {
    const [command, sub] = path.split(' ') as [string, string | undefined];
    return routedTool(catalog, catalog.route(command, sub));
  }).filter((x): x is string => x !== undefined);
  const parser = [...table.keys()].map((name) => parseMessage(`/${name}`, ctx, table).intent);
  const model = modelTools(app.tools).map((f) => f.function.name);
  const server = createMcpServer({
    db: app.db, services: app.services, tools: app.tools, hooks: noChangeHooks, clock: { now: () => ctx.now, setTimeout: () => () => {} },
    logger: createLogger('silent'), account: { platform: 'console', externalId: 'surface' }, defaultTimeZone: 'Asia/Karachi',
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'surface-test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  const mcp = (await client.listTools()).tools.map((tool) => tool.name);
  await client.close();
  return Object.fromEntries(Object.entries({ planner, menu, discord, parser, model, mcp }).map(([k, v]) => [k, new Set(v)]));
}

/** The command names a typed platform's help shows: each line's own and those after "also". */
function typedHelpNames(help: string): Set<string> {
  const names = help.split('\n').filter((line) => line.startsWith('/')).flatMap((line) => {
    const also = /\(([^()]*\/[^()]*)\)$/.exec(line)?.[1] ?? '';
    return [/^\/(\w+)/.exec(line)![1]!, ...[...also.matchAll(/\/(\w+)/g)].map((m) => m[1]!)];
  });
  return new Set(names);
}

describe('one registry feeds every command surface', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.cleanup(); });

  it('every tool carries command metadata (a tool added without it is named here)', () => {
    expect(h.app.orchestrator.commands.missingMetadata(), 'tools without `command` metadata: add it next to the tool (src/tools/command.ts)').toEqual([]);
    // The check can fail: a tool without metadata is reported by name.
    const bare = defineTool({ name: 'bare_tool', description: 'no command', input: z.object({}), execute: async () => ({ reply: { text: '' }, result: {} }) }) as Tool;
    expect(new CommandCatalog(new ToolRegistry([...ALL_TOOLS, bare])).missingMetadata()).toEqual(['bare_tool']);
  });

  it('every tool except pure chat is reachable from each surface', async () => {
    const reach = await surfaces(h.app);
    for (const tool of h.app.tools.list().map((x) => x.name).filter((name) => name !== PURE_CHAT)) {
      for (const [surface, tools] of Object.entries(reach)) {
        // MCP deliberately serves neither chat nor background tasks (they need the chat model).
        if (surface === 'mcp' && MCP_EXCLUDED_TOOLS.has(tool)) continue;
        expect(tools.has(tool), `${tool} on ${surface}`).toBe(true);
      }
    }
    expect([...MCP_EXCLUDED_TOOLS].sort()).toEqual(['delegate_task', 'general_chat']);
    expect(h.app.orchestrator.commands.intents()).toEqual(h.app.tools.list().map((x) => x.name));
  });

  it('/help on Telegram and in the terminal lists exactly the typed commands, all of which work', async () => {
    const catalog = h.app.orchestrator.commands;
    const accepted = new Set(catalog.slashTable().keys());
    let user = 0;
    for (const platform of ['telegram', 'console'] as const) {
      const available = new Set(catalog.typedOn(platform).flatMap((e) => [...e.spec.names.en, ...(e.spec.names.ur ?? [])]));
      for (const lang of ['en', 'ur'] as const) {
        const help = catalog.help(lang, platform);
        expect(typedHelpNames(help), `${platform} ${lang}`).toEqual(available);
        expect(typedHelpNames(help), 'every name the planner accepts is in help').toEqual(accepted);
      }
      expect((await h.say('/help', { platform, user: `help-${platform}` }))?.text).toBe(catalog.help('en', platform));
      for (const name of available) {
        const reply = await h.say(`/${name}`, { platform, user: `surface-${++user}` });
        expect(refused(reply?.text ?? ''), `/${name} on ${platform}: ${reply?.text}`).toBe(false);
      }
    }
    expect(refused((await h.say('/frobnicate'))?.text ?? '')).toBe(true);
  });

  it('the Discord tree, its routing and its /help agree, and every command in that help works', async () => {
    let d: DiscordHarness | undefined;
    try {
      d = await startHarness();
      const catalog = d.app.orchestrator.commands;
      const paths = discordPaths(catalog);
      for (const lang of ['en', 'ur'] as const) {
        const listed = catalog.help(lang, 'discord').split('\n').filter((l) => l.startsWith('/')).map((l) => /^\/([a-z_]+(?: [a-z_]+)?)(?= |$| <| \[| –)/.exec(l)![1]!);
        expect(listed.sort()).toEqual([...paths].sort());
      }
      const dummy: Record<string, string> = { text: 'water plants tomorrow 5pm', item: '1', query: 'plants', question: 'hello', zone: 'Asia/Karachi', language: 'en', time: '08:00', task: '1' };
      const tree = buildCommands(catalog, 'en', true);
      for (const path of paths) {
        const [name, sub] = path.split(' ') as [string, string | undefined];
        const command = tree.find((c) => c.name === name)!;
        const leaf = sub ? command.options!.find((o) => o.name === sub)! as { options?: { name: string; required?: boolean; type: number }[] } : command;
        const required = (leaf.options ?? []).filter((o) => o.required);
        const options = Object.fromEntries(required.filter((o) => o.type === 3).map((o) => [o.name, dummy[o.name] ?? 'x']));
        const attachments = Object.fromEntries(required.filter((o) => o.type === 11)
          .map((o) => [o.name, { filename: 'empty.ics', contentType: 'text/calendar', content: Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n') }]));
        const answer = text(await d.answer(d.command(alice, name, { sub, options, attachments, dm: true }), 5_000));
        expect(refused(answer), `/${path}: ${answer}`).toBe(false);
      }
      expect(text(await d.answer(d.command(alice, 'help', { dm: true })))).toBe(catalog.help('en', 'discord'));
    } finally {
      await d?.close();
    }
  });

  it('a tool added to the registry with metadata appears on every surface', async () => {
    const ping = defineTool({
      name: 'ping_items', description: 'Answer pong (a tool only this test registers).',
      input: z.object({ what: z.string().optional() }),
      command: {
        names: { en: ['ping'], ur: ['tapak'] }, description: 'cmd_stats', order: 99,
        picker: { name: 'ping', order: 99, options: [textOption('what', 'slash_opt_query', false)] },
      },
      execute: async () => ({ reply: { text: 'pong!' }, result: { pong: true } }),
    }) as Tool;
    const h2 = await createHarness();
    try {
      h2.app.tools.register(ping);
      const reach = await surfaces(h2.app);
      for (const [surface, tools] of Object.entries(reach)) expect(tools.has('ping_items'), `ping_items on ${surface}`).toBe(true);
      const catalog = h2.app.orchestrator.commands;
      expect(catalog.intents()).toContain('ping_items');
      expect(catalog.missingMetadata()).toEqual([]);
      for (const platform of ['telegram', 'console'] satisfies CommandPlatform[]) expect(typedHelpNames(catalog.help('en', platform))).toContain('tapak');
      expect(catalog.help('en', 'telegram')).toMatch(/^\/ping – .*\(also \/tapak\)$/m);
      expect(catalog.help('ur', 'console')).toMatch(/^\/ping – .*\(یا \/tapak\)$/m);
      expect(catalog.help('en', 'discord')).toMatch(/^\/ping \[what\] – /m);
      expect(catalog.menu('ur').map((m) => m.command)).toContain('ping');
      expect(buildCommands(catalog, 'en', true).map((c) => c.name)).toContain('ping');
      expect(catalog.route('ping')).toEqual({ kind: 'command', command: 'ping', args: 'what' });
      expect((await h2.say('/ping'))?.text).toBe('pong!');
      expect((await h2.say('/tapak', { platform: 'console' }))?.text).toBe('pong!');
    } finally {
      await h2.cleanup();
    }
  });

  it('refuses two commands claiming the same name, naming both', () => {
    const twin = defineTool({
      name: 'twin', description: 'claims /todo', input: z.object({}), command: { names: { en: ['todo'] }, description: 'cmd_todo', order: 1 },
      execute: async () => ({ reply: { text: '' }, result: {} }),
    }) as Tool;
    expect(() => new CommandCatalog(new ToolRegistry([...ALL_TOOLS, twin])).entries()).toThrow(/\/todo is claimed twice: by tool (twin and by tool create_todo|create_todo and by tool twin)/);
  });
});
