/**
 * An in-memory Channel for scheduler tests: records every direct message and can be told to fail
 * the next sends with a transient or permanent PlatformError, the way a real platform would.
 */
import type { Channel, ChannelCapabilities, DirectTarget, MessageHandle } from '../../src/core/channel.ts';
import type { Clock } from '../../src/core/clock.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { ConversationRef, Platform } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';

/** One recorded direct message. */
export interface SentDirect {
  target: DirectTarget;
  reply: Reply;
  at: Date;
}

/** What the next failing sends should throw. */
export type FailureMode = { kind: 'transient'; retryAfterMs?: number } | { kind: 'permanent' };

/** The recording fake: `sent` holds every successful sendDirect, in order. */
export class RecordingChannel implements Channel {
  readonly sent: SentDirect[] = [];
  readonly capabilities: ChannelCapabilities;
  private failures: FailureMode[] = [];
  private counter = 0;

  constructor(readonly platform: Platform, private readonly clock?: Clock, options: { buttons?: boolean } = {}) {
    this.capabilities = { maxMessageLength: 4096, minEditIntervalDmMs: 1000, minEditIntervalGroupMs: 3000, buttons: options.buttons ?? true, format: 'plain' };
  }

  /** Makes the next `count` sendDirect calls throw as `mode` describes. */
  failNext(mode: FailureMode, count = 1): void {
    for (let i = 0; i < count; i++) this.failures.push(mode);
  }

  /** Texts sent so far, handy for assertions. */
  get texts(): string[] {
    return this.sent.map((s) => s.reply.text);
  }

  async send(conversation: ConversationRef, _reply: Reply): Promise<MessageHandle> {
    return { conversation, messageId: String(++this.counter) };
  }

  async edit(): Promise<void> {}

  async sendDirect(target: DirectTarget, reply: Reply): Promise<MessageHandle> {
    const failure = this.failures.shift();
    if (failure?.kind === 'permanent') throw new PlatformError('Forbidden: bot was blocked by the user', this.platform, 403, true);
    if (failure?.kind === 'transient') throw new PlatformError('Too Many Requests', this.platform, 429, false, failure.retryAfterMs);
    this.sent.push({ target, reply, at: this.clock ? this.clock.now() : new Date() });
    return { conversation: { platform: this.platform, chatId: target.chatId ?? target.userId, kind: 'dm' }, messageId: String(++this.counter) };
  }
}
