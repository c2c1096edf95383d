/**
 * An in-memory Channel for scheduler tests: records every direct message and can be told to fail
 * the next sends with a transient or permanent PlatformError, the way a real platform would.
 */
import type { Channel, ChannelCapabilities, DirectSendOptions, DirectTarget, MessageHandle } from '../../src/core/channel.ts';
import type { Clock } from '../../src/core/clock.ts';
import { PlatformError, UnknownOutcomeError } from '../../src/core/errors.ts';
import type { ConversationRef, Platform } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';

/** One recorded direct message. */
export interface SentDirect {
  target: DirectTarget;
  reply: Reply;
  at: Date;
}

/**
 * What the next failing sends should do: throw a transient or permanent error, or (`unknown`) show
 * the message and then lose the answer, as when a connection breaks after the platform accepted.
 */
export type FailureMode = { kind: 'transient'; retryAfterMs?: number } | { kind: 'permanent' } | { kind: 'unknown' };

/** The recording fake: `sent` holds every successful sendDirect, in order. */
export class RecordingChannel implements Channel {
  readonly sent: SentDirect[] = [];
  /** The idempotency key of every send that reached the channel, in order. */
  readonly keys: (string | undefined)[] = [];
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

  async sendDirect(target: DirectTarget, reply: Reply, options: DirectSendOptions = {}): Promise<MessageHandle> {
    const failure = this.failures.shift();
    this.keys.push(options.idempotencyKey);
    if (failure?.kind === 'permanent') throw new PlatformError('Forbidden: bot was blocked by the user', this.platform, 403, true);
    if (failure?.kind === 'transient') throw new PlatformError('Too Many Requests', this.platform, 429, false, failure.retryAfterMs);
    this.sent.push({ target, reply, at: this.clock ? this.clock.now() : new Date() });
    if (failure?.kind === 'unknown') throw new UnknownOutcomeError('socket hang up after the request was sent', this.platform, 'ECONNRESET');
    return { conversation: { platform: this.platform, chatId: target.chatId ?? target.userId, kind: 'dm' }, messageId: String(++this.counter) };
  }
}
