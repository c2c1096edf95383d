import { randomUUID } from 'node:crypto';
import type { Client, Message, MessageCreateOptions, SendableChannels } from 'discord.js';
import type { Logger } from 'pino';
import { DIRECT_BACKOFF, REPLY_BACKOFF, withBackoff, type BackoffPolicy } from '../../src/core/backoff.ts';
import type { Channel, ChannelCapabilities, DirectSendOptions, DirectTarget, MessageHandle } from '../../src/core/channel.ts';
import type { Clock } from '../../src/core/clock.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { ConversationRef } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { PlatformEvents } from '../../src/orchestrator/index.ts';
import { DMS_CLOSED, discordCode, toPlatformError } from './errors.ts';
import { renderReply, type RenderedMessage } from './render.ts';

/**
 * What Discord allows: 2,000 characters a message, and edits of one message at most once a second
 * (its per-route limit is about five edits in five seconds; once a second leaves room for sends).
 * A direct message sent with a nonce and `enforce_nonce` is kept once when repeated within a few
 * minutes; we count on two of them.
 */
export const DISCORD_CAPABILITIES: ChannelCapabilities = {
  maxMessageLength: 2000, minEditIntervalDmMs: 1000, minEditIntervalGroupMs: 1000, buttons: true, format: 'markdown',
  directDedupMs: 2 * 60_000,
};

/** Discord nonces are at most 25 characters. */
const MAX_NONCE = 25;

/**
 * The Channel port over a logged-in discord.js client: channel messages in servers, the bot's DM
 * with a user for `dm` conversations (whose chat id is the user's id) and for direct messages from
 * the scheduler. A user whose DMs are closed (50007) is reported unreachable, and the error comes
 * back permanent so nobody retries it. Every call is retried with backoff honouring retry_after
 * (answers for minutes, direct messages briefly: their queue retries itself); each new message
 * carries a nonce Discord enforces, so a retry after a lost answer never posts it twice.
 */
export class DiscordChannel implements Channel {
  readonly platform = 'discord' as const;
  readonly capabilities = DISCORD_CAPABILITIES;

  constructor(
    private readonly client: Client,
    private readonly events: PlatformEvents,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly backoff: { reply: BackoffPolicy; direct: BackoffPolicy } = { reply: REPLY_BACKOFF, direct: DIRECT_BACKOFF },
  ) {}

  send(conversation: ConversationRef, reply: Reply): Promise<MessageHandle> {
    return this.#send(conversation, reply, 'reply');
  }

  /** Sends every part; with `idempotencyKey` each part's nonce is derived from it, so a repeat after a crash is kept once too. */
  async #send(conversation: ConversationRef, reply: Reply, purpose: 'reply' | 'direct', idempotencyKey?: string): Promise<MessageHandle> {
    const channel = await this.#resolve(conversation, purpose);
    let last: Message<boolean> | undefined;
    let i = 0;
    for (const part of renderReply(reply)) {
      const nonce = idempotencyKey === undefined ? undefined : `${idempotencyKey}${i ? `.${i}` : ''}`.slice(-MAX_NONCE);
      last = await this.#write(conversation, purpose, (p): Promise<Message<boolean>> => channel.send(p), part, nonce);
      i++;
    }
    return { conversation, messageId: last!.id };
  }

  async edit(handle: MessageHandle, reply: Reply): Promise<void> {
    const channel = await this.#resolve(handle.conversation, 'reply');
    // One message can only show one message's worth: cut visibly ("…") rather than drop the rest
    // and the buttons without a trace (the reply stream never edits past the limit anyway).
    const max = this.capabilities.maxMessageLength;
    const fitted = reply.text.length > max ? { ...reply, text: `${reply.text.slice(0, max - 1)}…` } : reply;
    const [first, ...rest] = renderReply(fitted);
    await this.#write(handle.conversation, 'reply', () => channel.messages.edit(handle.messageId, first!));
    // A long card continues in new messages rather than losing its last items.
    for (const part of rest) await this.#write(handle.conversation, 'reply', (p): Promise<Message<boolean>> => channel.send(p), part);
  }

  /**
   * A direct message; with an `idempotencyKey` every part's nonce derives from it, so a repeat (the
   * outbox after a crash or a lost answer) returns the message Discord already created.
   */
  async sendDirect(target: DirectTarget, reply: Reply, options: DirectSendOptions = {}): Promise<MessageHandle> {
    const conversation: ConversationRef = { platform: 'discord', chatId: target.userId, kind: 'dm' };
    return this.#send(conversation, reply, 'direct', options.idempotencyKey);
  }

  async typing(conversation: ConversationRef): Promise<void> {
    const channel = await this.#resolve(conversation, 'direct');
    await channel.sendTyping().catch(() => {});
  }

  /** Answers a person's message in place (as a reply to it), continuing like `send`. */
  async replyTo(message: Message, conversation: ConversationRef, reply: Reply): Promise<MessageHandle> {
    const [first, ...rest] = renderReply(reply);
    const firstPart = { ...first!, allowedMentions: { parse: [] as [], repliedUser: false } };
    let last: Message<boolean> = await this.#write(conversation, 'reply', (p) => message.reply(p), firstPart);
    for (const more of rest) last = await this.#write(conversation, 'reply', (p): Promise<Message<boolean>> => (message.channel as SendableChannels).send(p), more);
    return { conversation, messageId: last.id };
  }

  async #resolve(conversation: ConversationRef, purpose: 'reply' | 'direct'): Promise<SendableChannels> {
    const channel = await this.#write(conversation, purpose, async () => {
      if (conversation.kind === 'dm') return this.client.users.createDM(conversation.chatId);
      return this.client.channels.cache.get(conversation.chatId) ?? (await this.client.channels.fetch(conversation.chatId));
    });
    if (channel?.isSendable()) return channel;
    throw new PlatformError(`channel ${conversation.chatId} cannot take messages`, 'discord', 'not_sendable', true);
  }

  /**
   * One Discord call with retries. A new message (`part`) gets a nonce once, kept across attempts,
   * with enforce_nonce: Discord answers a repeat with the message it already created.
   */
  async #write<T>(conversation: ConversationRef, purpose: 'reply' | 'direct', op: (part: MessageCreateOptions) => Promise<T>, part?: RenderedMessage | MessageCreateOptions, nonce?: string): Promise<T> {
    const payload = part ? { ...part, nonce: nonce ?? newNonce(), enforceNonce: true } as MessageCreateOptions : {};
    try {
      return await withBackoff(async () => {
        try {
          return await op(payload);
        } catch (error) {
          throw toPlatformError(error);
        }
      }, {
        clock: this.clock, policy: this.backoff[purpose],
        onRetry: (error, retry, waitMs) => this.logger.warn({ err: error, retry, waitMs, purpose }, 'a Discord call failed; retrying'),
      });
    } catch (error) {
      throw await this.#failed(conversation, error);
    }
  }

  async #failed(conversation: ConversationRef, error: unknown): Promise<PlatformError> {
    if (conversation.kind === 'dm' && discordCode(error) === DMS_CLOSED) {
      this.logger.info({ userId: conversation.chatId }, 'user does not accept DMs from the bot; marked unreachable');
      await this.events.markUnreachable('discord', conversation.chatId).catch((e: unknown) => this.logger.warn({ err: e }, 'markUnreachable failed'));
    }
    return toPlatformError(error);
  }
}

/**
 * A Channel that answers one person's message in place: its first message is a reply to theirs
 * (how a mention in a server is answered); everything else goes through the bot's channel.
 */
export function answeringIn(base: DiscordChannel, message: Message): Channel {
  let first = true;
  return {
    platform: base.platform,
    capabilities: base.capabilities,
    send(conversation, reply) {
      if (!first) return base.send(conversation, reply);
      first = false;
      return base.replyTo(message, conversation, reply);
    },
    edit: (handle, reply) => base.edit(handle, reply),
    sendDirect: (target, reply, options) => base.sendDirect(target, reply, options),
    typing: (conversation) => base.typing(conversation),
  };
}

/** A nonce unique per message the bot means to create. */
function newNonce(): string {
  return randomUUID().replace(/-/g, '').slice(0, MAX_NONCE);
}
