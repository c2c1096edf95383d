/**
 * An in-memory Channel for LLM-layer tests: records every send, edit and direct message with the
 * (fake) time it happened, keeps each message's current text, and can be told to fail edits or
 * sends the way a platform does (retry-after, or a permanent refusal).
 */
import type { Channel, ChannelCapabilities, DirectTarget, MessageHandle } from '../../src/core/channel.ts';
import type { Clock } from '../../src/core/clock.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { ConversationRef, Platform } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';

/** One recorded call. */
export interface ChannelCall {
  kind: 'send' | 'edit' | 'direct';
  messageId: string;
  reply: Reply;
  at: number;
}

/** How the next matching call fails. */
export type Failure = { op: 'send' | 'edit' | 'direct'; retryAfterMs?: number; permanent?: boolean };

/** The recording channel (see file comment). */
export class RecordingChannel implements Channel {
  readonly calls: ChannelCall[] = [];
  readonly capabilities: ChannelCapabilities;
  /** Current text of each message, by id. */
  readonly messages = new Map<string, string>();
  readonly #failures: Failure[] = [];
  #next = 0;
  /** Resolves the waiters of `nextDirect`. */
  #directWaiters: ((c: ChannelCall) => void)[] = [];

  constructor(private readonly clock: Pick<Clock, 'now'>, caps: Partial<ChannelCapabilities> = {}, readonly platform: Platform = 'telegram') {
    this.capabilities = { maxMessageLength: 4096, minEditIntervalDmMs: 0, minEditIntervalGroupMs: 0, buttons: true, format: 'plain', ...caps };
  }

  /** Makes the next call of `failure.op` throw. */
  fail(failure: Failure): void {
    this.#failures.push(failure);
  }

  get sends(): ChannelCall[] { return this.calls.filter((c) => c.kind === 'send'); }
  get edits(): ChannelCall[] { return this.calls.filter((c) => c.kind === 'edit'); }
  get directs(): ChannelCall[] { return this.calls.filter((c) => c.kind === 'direct'); }

  /** The texts of the messages in the chat, in order (what a person would read now). */
  get visible(): string[] {
    return [...this.messages.values()];
  }

  /** Resolves with the next direct message (or one already received beyond `seen`). */
  nextDirect(seen = 0): Promise<ChannelCall> {
    const existing = this.directs[seen];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => this.#directWaiters.push(resolve));
  }

  #maybeFail(op: Failure['op']): void {
    const i = this.#failures.findIndex((f) => f.op === op);
    if (i < 0) return;
    const [f] = this.#failures.splice(i, 1);
    throw new PlatformError(f!.permanent ? 'Bad Request: message can\'t be edited' : 'Too Many Requests', this.platform, f!.permanent ? 400 : 429, Boolean(f!.permanent), f!.retryAfterMs);
  }

  async send(conversation: ConversationRef, reply: Reply): Promise<MessageHandle> {
    this.#maybeFail('send');
    const messageId = String(++this.#next);
    this.calls.push({ kind: 'send', messageId, reply, at: this.clock.now().getTime() });
    this.messages.set(messageId, reply.text);
    return { conversation, messageId };
  }

  async edit(handle: MessageHandle, reply: Reply): Promise<void> {
    this.#maybeFail('edit');
    const before = this.calls.filter((c) => c.messageId === handle.messageId && c.kind !== 'direct').at(-1);
    if (before && before.reply.text === reply.text && JSON.stringify(before.reply.actions ?? []) === JSON.stringify(reply.actions ?? []) && JSON.stringify(before.reply.card ?? null) === JSON.stringify(reply.card ?? null)) {
      throw new PlatformError('Bad Request: message is not modified', this.platform, 400, true);
    }
    this.calls.push({ kind: 'edit', messageId: handle.messageId, reply, at: this.clock.now().getTime() });
    this.messages.set(handle.messageId, reply.text);
  }

  async sendDirect(target: DirectTarget, reply: Reply): Promise<MessageHandle> {
    this.#maybeFail('direct');
    const messageId = String(++this.#next);
    const call: ChannelCall = { kind: 'direct', messageId, reply, at: this.clock.now().getTime() };
    this.calls.push(call);
    for (const w of this.#directWaiters.splice(0)) w(call);
    return { conversation: { platform: this.platform, chatId: target.chatId ?? target.userId, kind: 'dm' }, messageId };
  }
}
