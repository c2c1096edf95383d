/**
 * End-to-end harness for the Discord adapter: the real app (temporary SQLite file), the real
 * discord.js client inside createDiscordBot, and FakeDiscordServer on 127.0.0.1 as Discord. Helpers
 * dispatch slash commands, presses and autocomplete, and read back what a person would see. Given a
 * FakeClock, the app, the bot and the fake Discord run on it and every wait here moves it
 * (test/fakes/clock-driver.ts); discord.js's own REST queue and gateway heartbeat stay on real time.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createDiscordBot, type DiscordBot, type DiscordBotOptions } from '../../adapters/discord/index.ts';
import { createApp, type App, type AppOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock, type Clock } from '../../src/core/clock.ts';
import { createLogger } from '../../src/logger.ts';
import type { MessageHandler, PlatformEvents } from '../../src/orchestrator/index.ts';
import { FakeDiscordServer, type DiscordAttachmentInput, type DiscordGuildSpec, type FakeDiscordOptions, type InteractionRecord } from '../fakes/fake-discord.ts';
import { driveUntil, driveWhile, type DriveOptions } from '../fakes/clock-driver.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { pollUntil } from '../fakes/http-util.ts';
import { withDeferredUpdateEdits } from '../fakes/fake-discord-extra.ts';

export const GUILD = '2000000000000000001';
export const CHANNEL = '2000000000000000002';
export const MOD_ROLE = '2000000000000000003';
export const olivia = { id: '3000000000000000009', username: 'olivia', global_name: 'Olivia' };
export const alice = { id: '3000000000000000001', username: 'alice', global_name: 'Alice' };
export const bob = { id: '3000000000000000002', username: 'bob', global_name: 'Bob' };
export const mona = { id: '3000000000000000003', username: 'mona', global_name: 'Mona' };

/** One server: Olivia owns it, Mona has Manage Server through a role, Alice and Bob are members. */
export const GUILD_SPEC: DiscordGuildSpec = {
  id: GUILD, name: 'Family', ownerId: olivia.id, channels: [{ id: CHANNEL, name: 'general' }],
  roles: [{ id: MOD_ROLE, name: 'mods', permissions: String(1n << 5n) }],
  members: [{ user: olivia }, { user: alice }, { user: bob }, { user: mona, roles: [MOD_ROLE] }],
};

/** What a harness is built from; everything optional. */
export interface HarnessOptions {
  env?: Record<string, string>;
  fake?: FakeDiscordOptions;
  /** Wraps the orchestrator (e.g. to make it slow). */
  wrap?: (handler: MessageHandler) => MessageHandler;
  bot?: Partial<DiscordBotOptions>;
  /** Reuse a directory (for registration state across restarts). */
  dir?: string;
  /** The clock of the app, the bot and the fake Discord (default the system clock). */
  clock?: Clock;
  /** Overrides the app's clock only (scheduler, services), e.g. a fake one while the bot keeps real time. */
  appClock?: Clock;
  /** Parts of the app to put in place of the defaults (e.g. a classifier). */
  app?: AppOptions;
}

/** A running bot against the fake. */
export interface DiscordHarness {
  dc: FakeDiscordServer;
  app: App;
  bot: DiscordBot;
  dir: string;
  logs: string[];
  unreachable: string[];
  /**
   * Dispatches a slash command in the server (default) or, with `dm: true`, in the user's DM with the
   * bot; `attachments` are attachment options (a file uploaded with the command).
   */
  command(user: typeof alice, name: string, opts?: {
    sub?: string; options?: Record<string, string | number | boolean>; attachments?: Record<string, DiscordAttachmentInput>;
    dm?: boolean; roles?: string[]; memberPermissions?: string;
  }): InteractionRecord;
  press(user: typeof alice, customId: string, messageId: string, opts?: { dm?: boolean; roles?: string[] }): InteractionRecord;
  autocomplete(user: typeof alice, name: string, sub: string, options: Record<string, string>, focused: string, opts?: { dm?: boolean }): Promise<{ name: string; value: string }[]>;
  /** Waits until the interaction is answered (a deferral counts only once its edit or follow-up arrived). */
  answer(rec: InteractionRecord, timeoutMs?: number): Promise<Seen[]>;
  /** The harness's FakeClock, when it was given one. */
  clock: FakeClock | undefined;
  /** Waits until `probe` finds a value: moving the FakeClock (fake ms) when there is one, else polling on real time. */
  until<T>(probe: () => T, options?: DriveOptions): Promise<Exclude<T, undefined | null | false>>;
  /** Awaits `work` while moving the FakeClock (a send that backs off, bot.stop's grace). */
  drive<T>(work: Promise<T>): Promise<T>;
  close(opts?: { keepDir?: boolean }): Promise<void>;
}

/** A message as a person sees it. */
export interface Seen {
  id: string;
  content: string;
  embeds: { title?: string; description?: string; footer?: { text: string } }[];
  customIds: string[];
  ephemeral: boolean;
}

/** Starts the fake, the app and the bot; resolves once commands are registered. */
export async function startHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'clawchat-discord-')));
  const clock = options.clock ?? systemClock;
  const fakeClock = clock instanceof FakeClock ? clock : undefined;
  const dc = withDeferredUpdateEdits(new FakeDiscordServer({ guilds: [GUILD_SPEC], ...(fakeClock && { clock: fakeClock }), ...options.fake }));
  await dc.start();
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _e, cb) { logs.push(String(chunk)); cb(); } });
  const logger = createLogger('info', sink);
  const config = loadConfig({ DATABASE_URL: `file:${path.join(dir, `db-${randomUUID()}.db`)}`, DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '1000', ...options.env });
  const app = await createApp(config, logger, options.appClock ?? clock, options.app);
  const unreachable: string[] = [];
  const events: PlatformEvents = {
    async markUnreachable(platform, userId) {
      unreachable.push(`${platform}:${userId}`);
      await app.services.users.markUnreachable(platform, userId);
    },
    async migrateChat() {},
  };
  const bot = createDiscordBot({
    token: 'fake.discord.token', apiUrl: dc.apiUrl, handler: options.wrap ? options.wrap(app.orchestrator) : app.orchestrator, commands: app.orchestrator.commands,
    events, suggestions: app.suggestions, logger, clock, commandStateFile: path.join(dir, 'discord-commands.json'), ...options.bot,
  });
  await bot.start();

  const seen = (rec: InteractionRecord): Seen[] => dc.messagesIn(rec.channelId)
    .filter((m) => m.interactionId === rec.id)
    .map((m) => toSeen(m.id, m.raw, m.ephemeral));

  /** Like pollUntil, but on the FakeClock (moving it) when there is one. */
  const until = <T>(find: () => T | undefined, timeoutMs: number, label: string): Promise<T> => (fakeClock
    ? driveUntil(fakeClock, find, { timeoutMs, label, quiet: () => dc.busy === 0, describe: () => dc.describeCalls() }) as Promise<T>
    : pollUntil(find, timeoutMs, label, () => dc.describeCalls()));
  const drive = <T>(work: Promise<T>): Promise<T> => (fakeClock ? driveWhile(fakeClock, work, { timeoutMs: 60_000, quiet: () => dc.busy === 0 }) : work);

  return {
    dc, app, bot, dir, logs, unreachable, clock: fakeClock, drive,
    until(probe, o = {}) {
      const found = () => { const v = probe(); return v === undefined || v === null || v === false ? undefined : v as Exclude<ReturnType<typeof probe>, undefined | null | false>; };
      return until(found, o.timeoutMs ?? 10_000, o.label ?? 'until');
    },
    command(user, name, opts = {}) {
      return dc.interaction({
        kind: 'command', user, name, ...(opts.sub && { subcommand: opts.sub }), options: opts.options ?? {},
        ...(opts.attachments && { attachments: opts.attachments }),
        ...(!opts.dm && { guildId: GUILD, channelId: CHANNEL }), ...(opts.roles && { roles: opts.roles }),
        ...(opts.memberPermissions && { memberPermissions: opts.memberPermissions }),
      });
    },
    press(user, customId, messageId, opts = {}) {
      return dc.interaction({ kind: 'component', user, customId, messageId, ...(!opts.dm && { guildId: GUILD, channelId: CHANNEL }), ...(opts.roles && { roles: opts.roles }) });
    },
    async autocomplete(user, name, sub, options, focused, opts = {}) {
      const rec = dc.interaction({ kind: 'autocomplete', user, name, subcommand: sub, options, focused, ...(!opts.dm && { guildId: GUILD, channelId: CHANNEL }) });
      await until(() => (rec.callbacks.length ? true : undefined), 3_000, 'autocomplete answer');
      const cb = rec.callbacks[0]!;
      if (cb.type !== 8) throw new Error(`autocomplete answered with callback type ${cb.type}`);
      return (cb.data as { choices: { name: string; value: string }[] }).choices;
    },
    async answer(rec, timeoutMs = 3_000) {
      return until(() => {
        const cb = rec.callbacks[0];
        if (!cb) return undefined;
        if (cb.type === 7) {
          const msg = dc.messagesIn(rec.channelId).find((m) => m.id === (rec.payload.message as { id: string }).id);
          return msg ? [toSeen(msg.id, msg.raw, msg.ephemeral)] : undefined;
        }
        if (cb.type === 6) {
          const msg = dc.messagesIn(rec.channelId).find((m) => m.id === (rec.payload.message as { id: string }).id);
          const edited = dc.calls.some((c) => c.method === 'PATCH' && c.path.includes(`/${rec.token}/messages/`) && c.status === 200);
          if (msg && edited) return [toSeen(msg.id, msg.raw, msg.ephemeral)];
          const followUps = seen(rec).filter((m) => m.id !== msg?.id);
          return followUps.length ? followUps : undefined;
        }
        const all = seen(rec);
        if (cb.type === 5 && !all.some((m) => m.content || m.embeds.length)) return undefined;
        return all.length ? all.filter((m) => m.content || m.embeds.length) : undefined;
      }, timeoutMs, `answer to interaction ${rec.id}`);
    },
    async close(opts = {}) {
      await drive(bot.stop());
      await dc.stop();
      await app.close();
      if (!opts.keepDir && !options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function toSeen(id: string, raw: Record<string, unknown>, ephemeral: boolean): Seen {
  const rows = (raw.components as { components?: { custom_id?: string }[] }[] | undefined) ?? [];
  return {
    id, content: String(raw.content ?? ''), embeds: (raw.embeds as Seen['embeds'] | undefined) ?? [],
    customIds: rows.flatMap((r) => (r.components ?? []).map((c) => c.custom_id ?? '')), ephemeral,
  };
}

/** All visible text of messages (content + embed title/description), for assertions. */
export function text(messages: Seen[]): string {
  return messages.map((m) => [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])].join('\n')).join('\n');
}
