/**
 * Discord adapter figures against the fake Discord server on 127.0.0.1 (real discord.js client):
 * the interaction round trip (INTERACTION_CREATE dispatched → interaction callback received) for a
 * bare discord.js client (the transport baseline), for our bot with an instant handler (baseline +
 * our adapter's own overhead) and for our bot with the real orchestrator; and how many writes a
 * 20-second streamed /ask makes (time scaled 10× so it takes about two seconds; the model's
 * chunk timer overhead stretches the answer a little, so the real span is reported too).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Events, type Interaction } from 'discord.js';
import { createDiscordBot, DISCORD_CLIENT_DEFAULTS } from '../adapters/discord/index.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock, type Clock } from '../src/core/clock.ts';
import { createLogger } from '../src/logger.ts';
import type { MessageHandler, PlatformEvents } from '../src/orchestrator/index.ts';
import { FakeDiscordServer, type InteractionRecord } from '../test/fakes/fake-discord.ts';
import { FakeOpenAIServer } from '../test/fakes/fake-openai.ts';
import { summarize } from './stats.ts';

const GUILD = '2000000000000000001';
const CHANNEL = '2000000000000000002';
const user = { id: '3000000000000000001', username: 'alice', global_name: 'Alice' };
const events: PlatformEvents = { markUnreachable: async () => {}, migrateChat: async () => {} };

/** Runs every Discord figure; returns the report lines. */
export async function runDiscordBench(rounds = 400): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clawchat-discord-bench-'));
  try {
    const base = await roundTrips(dir, 'baseline', rounds);
    const stub = await roundTrips(dir, 'stub', rounds);
    const real = await roundTrips(dir, 'orchestrator', rounds);
    const stream = await streamedAnswer(dir);
    return [
      `discord: interaction round trip against the fake Discord server (dispatch → callback), ${rounds} /todo list each`,
      `  bare discord.js client (transport baseline) ${base.line}`,
      `  our bot, instant handler                    ${stub.line}`,
      `  our bot, real orchestrator + SQLite         ${real.line}`,
      `  our own overhead (p50, bot − baseline): adapter ${(stub.p50 - base.p50).toFixed(3)} ms, with the core ${(real.p50 - base.p50).toFixed(3)} ms (target < 15 ms)`,
      `discord: 20-second streamed /ask (${stream.chars} characters in 200 chunks 100 ms apart, time scaled ×${SCALE})`,
      `  ${stream.writes} writes over ${stream.span.toFixed(1)} s = ${stream.originalEdits} edits of the reply + ${stream.followUps} follow-up + ${stream.followUpEdits} follow-up edits; ${(stream.writes / stream.span).toFixed(2)} writes/s; final text exact: ${stream.exact}`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Times dispatch → first callback for `rounds` interactions, after a warm-up. */
async function roundTrips(dir: string, mode: 'baseline' | 'stub' | 'orchestrator', rounds: number) {
  const dc = new FakeDiscordServer({ guilds: [{ id: GUILD, name: 'Bench', channels: [{ id: CHANNEL }], members: [{ user }] }] });
  await dc.start();
  const arrived = hookCallbacks(dc);
  const app = mode === 'orchestrator' ? await createApp(loadConfig({ DATABASE_URL: `file:${path.join(dir, `${randomUUID()}.db`)}`, RATE_LIMIT_PER_MINUTE: '10000' }), createLogger('silent'), systemClock) : undefined;
  let stop: () => Promise<void>;
  if (mode === 'baseline') {
    const client = new Client({ ...DISCORD_CLIENT_DEFAULTS, rest: { api: dc.apiUrl } });
    client.on(Events.InteractionCreate, (i: Interaction) => { if (i.isChatInputCommand()) void i.reply({ content: 'Your todos' }); });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login('bench.token');
    await ready;
    stop = () => client.destroy();
  } else {
    const stub: MessageHandler = { handle: async () => ({ text: 'Your todos' }) };
    const bot = createDiscordBot({ token: 'bench.token', apiUrl: dc.apiUrl, handler: app?.orchestrator ?? stub, events, suggestions: app?.suggestions, logger: createLogger('silent'), clock: systemClock });
    await bot.start();
    stop = () => bot.stop();
  }
  try {
    if (app) for (let i = 0; i < 20; i++) await app.orchestrator.handle({ type: 'command', name: 'todo', args: `bench item ${i}`, conversation: { platform: 'discord', chatId: CHANNEL, kind: 'group', spaceId: GUILD, title: 'Bench' }, actor: { platform: 'discord', userId: user.id, displayName: 'Alice' }, receivedAt: new Date() });
    const one = async () => {
      const t0 = performance.now();
      const rec = dc.interaction({ kind: 'command', name: 'todo', subcommand: 'list', options: {}, user, guildId: GUILD, channelId: CHANNEL });
      await arrived(rec);
      return performance.now() - t0;
    };
    for (let i = 0; i < 50; i++) await one();
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) samples.push(await one());
    return summarize(samples);
  } finally {
    await stop();
    await dc.stop();
    await app?.close();
  }
}

const SCALE = 10;

/** A clock running SCALE× faster than real time, so a 20-second stream takes two real seconds. */
function scaledClock(): Clock {
  const start = Date.now();
  const t0 = performance.now();
  return {
    now: () => new Date(start + (performance.now() - t0) * SCALE),
    setTimeout(fn, ms) {
      const t = setTimeout(fn, Math.max(0, ms / SCALE));
      t.unref?.();
      return () => clearTimeout(t);
    },
  };
}

/** A /ask whose answer streams for 20 (scaled) seconds: 200 chunks of 16 characters every 100 ms. */
async function streamedAnswer(dir: string) {
  const ai = new FakeOpenAIServer();
  const aiUrl = await ai.start();
  const dc = new FakeDiscordServer({ guilds: [{ id: GUILD, name: 'Bench', channels: [{ id: CHANNEL }], members: [{ user }] }] });
  await dc.start();
  const clock = scaledClock();
  const config = loadConfig({ DATABASE_URL: `file:${path.join(dir, `${randomUUID()}.db`)}`, OPENAI_BASE_URL: `${aiUrl}/v1`, OPENAI_API_KEY: 'bench', OPENAI_MODEL: 'gpt-fake' });
  const app = await createApp(config, createLogger('silent'), clock);
  const bot = createDiscordBot({ token: 'bench.token', apiUrl: dc.apiUrl, handler: app.orchestrator, events, logger: createLogger('silent'), clock });
  try {
    await bot.start();
    const chunks = Array.from({ length: 200 }, (_, i) => `word${String(i).padStart(3, '0')} and more. `.slice(0, 16));
    const text = chunks.join('');
    ai.enqueue({ content: chunks, delayFirstMs: 500 / SCALE, chunkDelayMs: 100 / SCALE });
    const rec = dc.interaction({ kind: 'command', name: 'ask', options: { question: 'tell me a long story' }, user, guildId: GUILD, channelId: CHANNEL });
    const shown = () => dc.messagesIn(CHANNEL).filter((m) => m.interactionId === rec.id).map((m) => m.content).join('');
    const deadline = Date.now() + 15_000;
    while (shown() !== text && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const mine = dc.calls.filter((c) => c.path.includes(rec.token) && c.status === 200);
    const originalEdits = mine.filter((c) => c.method === 'PATCH' && c.path.endsWith('/@original')).length;
    const followUps = mine.filter((c) => c.method === 'POST' && c.path.startsWith('/webhooks/')).length;
    const followUpEdits = mine.filter((c) => c.method === 'PATCH' && !c.path.endsWith('/@original')).length;
    // The answer's span in (scaled) seconds, first write to last.
    const span = mine.length ? ((mine.at(-1)!.at - mine[0]!.at) * SCALE) / 1000 : 0;
    return { chars: text.length, writes: originalEdits + followUps + followUpEdits, originalEdits, followUps, followUpEdits, exact: shown() === text, span };
  } finally {
    await bot.stop();
    await dc.stop();
    await ai.stop();
    await app.close();
  }
}

/** Resolves when the fake records the first callback of an interaction (no polling delay). */
function hookCallbacks(dc: FakeDiscordServer): (rec: InteractionRecord) => Promise<void> {
  const waiters = new Map<string, () => void>();
  const interactions = dc.state.interactions;
  const set = interactions.set.bind(interactions);
  interactions.set = (id: string, rec: InteractionRecord) => {
    const push = rec.callbacks.push.bind(rec.callbacks);
    rec.callbacks.push = (...items) => {
      const n = push(...items);
      waiters.get(id)?.();
      return n;
    };
    return set(id, rec);
  };
  return (rec) => (rec.callbacks.length ? Promise.resolve() : new Promise<void>((resolve) => waiters.set(rec.id, resolve)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await runDiscordBench()).join('\n'));
}
