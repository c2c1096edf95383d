import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App, type AppOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Clock } from '../../src/core/clock.ts';
import { parseCommandText, type Actor, type ConversationRef, type InboundMessage, type Platform } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createLogger } from '../../src/logger.ts';

/** A clock the test sets by hand; `advance` fires the timers that fall due (messages held by the rate limit). */
export class ManualClock implements Clock {
  #timers: { at: number; fn: () => void }[] = [];
  constructor(public current: Date) {}
  now(): Date { return new Date(this.current); }
  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { at: this.current.getTime() + Math.max(0, ms), fn };
    this.#timers.push(timer);
    return () => { this.#timers = this.#timers.filter((t) => t !== timer); };
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
    const due = this.#timers.filter((t) => t.at <= this.current.getTime()).sort((a, b) => a.at - b.at);
    this.#timers = this.#timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
  }
}

/** Who speaks and where, for `say`/`press`. */
export interface Speaker {
  user?: string;
  name?: string;
  platform?: Platform;
  chat?: string;
  group?: boolean;
  admin?: boolean;
  languageCode?: string;
}

/** The real app (real database file, real services and tools) driven message by message. */
export interface Harness {
  app: App;
  clock: ManualClock;
  logs: string[];
  say(text: string, who?: Speaker): Promise<Reply | null>;
  press(data: string, who?: Speaker): Promise<Reply | null>;
  send(message: InboundMessage): Promise<Reply | null>;
  cleanup(): Promise<void>;
}

let messageCounter = 0;

/** Builds the app on a fresh temporary database; `env` adds or overrides settings, `options` the app's parts. */
export async function createHarness(env: Record<string, string> = {}, now = new Date('2026-11-21T05:00:00Z'), options: AppOptions = {}): Promise<Harness> {
  const file = path.join(os.tmpdir(), `clawchat-harness-${randomUUID()}.db`);
  const config = loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi', ...env });
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } });
  const logger = createLogger('info', sink);
  const clock = new ManualClock(now);
  const app = await createApp(config, logger, clock, options);
  const base = (who: Speaker = {}) => {
    const platform = who.platform ?? 'telegram';
    const user = who.user ?? '100';
    const conversation: ConversationRef = who.group
      ? { platform, chatId: who.chat ?? '-500', kind: 'group', title: 'Family' }
      : { platform, chatId: who.chat ?? user, kind: 'dm' };
    const actor: Actor = { platform, userId: user, displayName: who.name ?? `User ${user}`, isChatAdmin: who.admin, languageCode: who.languageCode };
    return { conversation, actor, receivedAt: clock.now(), messageId: String(++messageCounter) };
  };
  return {
    app, clock, logs,
    send: (m) => app.orchestrator.handle(m),
    say(text, who) {
      const cmd = parseCommandText(text);
      const m: InboundMessage = cmd ? { ...base(who), type: 'command', name: cmd.name, args: cmd.args } : { ...base(who), type: 'text', text };
      return app.orchestrator.handle(m);
    },
    press(data, who) {
      return app.orchestrator.handle({ ...base(who), type: 'button', data });
    },
    async cleanup() {
      await app.close();
      await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));
    },
  };
}

/** All visible text of a reply (text plus card lines), for assertions. */
export function visible(reply: Reply | null): string {
  if (!reply) return '';
  const lines = [reply.text];
  if (reply.card?.type === 'item') lines.push(reply.card.item.title, ...reply.card.item.details);
  if (reply.card?.type === 'list') for (const i of reply.card.items) lines.push(`${i.position ?? ''}. ${i.title} ${i.details.join(' ')}`);
  return lines.join('\n');
}
