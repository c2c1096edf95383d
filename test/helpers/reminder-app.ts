/**
 * The whole app (createApp on a temporary SQLite file, the offline parser, tools, services and the
 * delivery loop) on a fake clock, with a channel that records what reaches people: for tests that
 * change reminders and then watch the outbox fire (or stay silent) as time moves on.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Channel, DirectTarget, MessageHandle } from '../../src/core/channel.ts';
import { parseCommandText, type ConversationRef, type InboundMessage, type Platform } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { visible } from './harness.ts';

/** Records what reaches people: direct messages by user, group posts by chat. */
export class Recorder implements Channel {
  readonly capabilities = { maxMessageLength: 4096, minEditIntervalDmMs: 0, minEditIntervalGroupMs: 0, buttons: true, format: 'plain' as const };
  readonly direct: { to: string; reply: Reply }[] = [];
  readonly group: { chat: string; reply: Reply }[] = [];
  #n = 0;
  constructor(readonly platform: Platform = 'telegram') {}
  async send(conversation: ConversationRef, reply: Reply): Promise<MessageHandle> {
    this.group.push({ chat: conversation.chatId, reply });
    return { conversation, messageId: String(++this.#n) };
  }
  async edit(): Promise<void> {}
  async sendDirect(target: DirectTarget, reply: Reply): Promise<MessageHandle> {
    this.direct.push({ to: target.userId, reply });
    return { conversation: { platform: this.platform, chatId: target.userId, kind: 'dm' }, messageId: String(++this.#n) };
  }
  /** Reminder texts delivered so far (⏰ lines), direct and group. */
  fired(): string[] {
    return [...this.direct.map((d) => `dm ${d.to}: ${d.reply.text}`), ...this.group.map((g) => `group ${g.chat}: ${g.reply.text}`)].filter((t) => t.includes('⏰'));
  }
}

/** The group chat of `say(…, group)`. */
export const GROUP = '-100777';

/** The app at `start` (default 10:00 in Karachi on Friday 4 December 2026), on `platform`; `cleanup` removes it. */
export async function startReminderApp(platform: Platform = 'telegram', start = '2026-12-04T05:00:00Z') {
  const file = path.join(os.tmpdir(), `clawchat-manage-${randomUUID()}.db`);
  const clock = new FakeClock(start);
  const app: App = await createApp(loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '10000' }), createLogger('silent'), clock);
  const channel = new Recorder(platform);
  await app.startScheduler(new Map([[platform, channel]]));
  let n = 0;
  const base = (user: string, group?: { admin?: boolean }) => ({
    conversation: group ? { platform, chatId: GROUP, kind: 'group' as const, title: 'Office' } : { platform, chatId: user, kind: 'dm' as const },
    actor: { platform, userId: user, displayName: `U${user}`, isChatAdmin: group?.admin ?? false },
    receivedAt: clock.now(), messageId: String(++n),
  });
  const say = async (text: string, user = '1', group?: { admin?: boolean }) => {
    const cmd = parseCommandText(text);
    const m: InboundMessage = cmd ? { ...base(user, group), type: 'command', name: cmd.name, args: cmd.args } : { ...base(user, group), type: 'text', text };
    return visible(await app.orchestrator.handle(m));
  };
  const press = async (data: string, user = '1', group?: { admin?: boolean }) => visible(await app.orchestrator.handle({ ...base(user, group), type: 'button', data }));
  const advance = async (ms: number) => { await clock.advance(ms); await app.scheduler.idle(); };
  const live = (sourceId: number) => app.db.notification.findMany({ where: { sourceType: 'reminder', sourceId, status: { in: ['pending', 'claimed'] } } });
  const cleanup = async () => {
    await app.close();
    await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));
  };
  return { app, clock, channel, say, press, advance, live, cleanup };
}
