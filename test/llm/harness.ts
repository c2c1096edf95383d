/**
 * The real app (createApp) wired to a FakeOpenAIServer, a temporary SQLite file, a FakeClock and a
 * RecordingChannel, so LLM tests exercise the same wiring `npm start` uses: the scheduler's delivery
 * loop runs on the channel (task results arrive through it, as in `adapters/launch.ts`).
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Channel, ChannelCapabilities } from '../../src/core/channel.ts';
import type { ConversationRef, InboundMessage } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { FakeOpenAIServer, type RecordedChatRequest } from '../fakes/fake-openai.ts';
import { RecordingChannel } from './recording-channel.ts';

/** 12:00 in Karachi on a Saturday. */
export const START = '2026-11-21T07:00:00.000Z';

export const dm: ConversationRef = { platform: 'telegram', chatId: '1001', kind: 'dm' };

/** A running harness; `restart()` reopens the app on the same database (history, tasks). */
export interface Harness {
  app: App;
  fake: FakeOpenAIServer;
  clock: FakeClock;
  channel: RecordingChannel;
  file: string;
  say(text: string, conversation?: ConversationRef): Promise<Reply | null>;
  command(name: string, args?: string): Promise<Reply | null>;
  press(data: string): Promise<Reply | null>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;

/**
 * Starts the app on a FakeClock at START. The scheduler delivers through the recording channel, or
 * through `deliverTo` (e.g. a terminal chat's ConsoleChannel) when given. With `modelOnClock` the
 * fake model's scripted delays (`delayFirstMs`, `chunkDelayMs`) are that clock's too, so a test moves
 * them (test/fakes/clock-driver.ts) instead of waiting real time; by default they are real pauses
 * the clock does not reach.
 */
export async function startHarness(env: Record<string, string> = {}, caps: Partial<ChannelCapabilities> = {}, opts: { modelOnClock?: boolean; deliverTo?: Channel } = {}): Promise<Harness> {
  const clock = new FakeClock(START);
  const fake = new FakeOpenAIServer(opts.modelOnClock ? { clock } : {});
  const url = await fake.start();
  const file = path.join(os.tmpdir(), `clawchat-llm-${randomUUID()}.db`);
  const channel = new RecordingChannel(clock, caps);
  const config = loadConfig({
    DATABASE_URL: `file:${file}`, OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: 'test', OPENAI_MODEL: 'gpt-fake',
    DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '1000', OPENAI_TIMEOUT_MS: '2000', OPENAI_MAX_RETRIES: '2', ...env,
  });
  const logger = createLogger('silent');
  const base = (conversation: ConversationRef) => ({
    conversation, actor: { platform: conversation.platform, userId: '42', displayName: 'Ayesha' }, receivedAt: clock.now(), messageId: `m${++seq}`,
  });
  const open = async (): Promise<App> => {
    const app = await createApp(config, logger, clock);
    const delivery = opts.deliverTo ?? channel;
    await app.startScheduler(new Map([[delivery.platform, delivery]]));
    return app;
  };
  const h: Harness = {
    app: await open(), fake, clock, channel, file,
    say: (text, conversation = dm) => h.app.orchestrator.handle({ ...base(conversation), type: 'text', text }, { channel, conversation }),
    command: (name, args = '') => h.app.orchestrator.handle({ ...base(dm), type: 'command', name, args } as InboundMessage, { channel, conversation: dm }),
    press: (data) => h.app.orchestrator.handle({ ...base(dm), type: 'button', data }, { channel, conversation: dm }),
    async restart() {
      await h.app.close();
      h.app = await open();
    },
    async close() {
      await h.app.close();
      await fake.stop();
      await Promise.all(['', '-wal', '-shm', '-journal'].map((s) => rm(file + s, { force: true })));
    },
  };
  return h;
}

/** The system prompt a request carried. */
export function systemOf(req: RecordedChatRequest): string {
  return String(req.messages[0]?.content ?? '');
}

/** Tool names offered in a request. */
export function toolNames(req: RecordedChatRequest): string[] {
  return req.tools.map((t) => String((t.function as { name: string }).name));
}
