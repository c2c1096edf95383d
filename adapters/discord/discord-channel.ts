import type { Client, Message, SendableChannels } from 'discord.js';
import type { Logger } from 'pino';
import type { Channel, ChannelCapabilities, DirectSendOptions, DirectTarget, MessageHandle } from '../../src/core/channel.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { ConversationRef } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { PlatformEvents } from '../../src/orchestrator/index.ts';
import { DMS_CLOSED, discordCode, toPlatformError } from './errors.ts';
import { renderReply } from './render.ts';

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
 * back permanent so nobody retries it.
 */
export class DiscordChannel implements Channel {
  readonly platform = 'discord' as const;
  readonly capabilities = DISCORD_CAPABILITIES;

  constructor(private readonly client: Client, private readonly events: PlatformEvents, private readonly logger: Logger) {}

  async send(conversation: ConversationRef, reply: Reply): Promise<MessageHandle> {
    const channel = await this.#resolve(conversation);
    const sent = await this.#write(conversation, () => sendAll(channel, reply));
    return { conversation, messageId: sent.id };
  }

  async edit(handle: MessageHandle, reply: Reply): Promise<void> {
    const channel = await this.#resolve(handle.conversation);
    // One message can only show one message's worth: cut visibly ("…") rather than drop the rest
    // and the buttons without a trace (the reply stream never edits past the limit anyway).
    const max = this.capabilities.maxMessageLength;
    const fitted = reply.text.length > max ? { ...reply, text: `${reply.text.slice(0, max - 1)}…` } : reply;
    const [first] = renderReply(fitted);
    await this.#write(handle.conversation, () => channel.messages.edit(handle.messageId, first!));
  }

  /**
   * A direct message; with an `idempotencyKey` every part carries it as nonce with `enforceNonce`,
   * so a repeat (discord.js retrying a 5xx, or the outbox after a crash) returns the message Discord
   * already created instead of a second one.
   */
  async sendDirect(target: DirectTarget, reply: Reply, options: DirectSendOptions = {}): Promise<MessageHandle> {
    const conversation: ConversationRef = { platform: 'discord', chatId: target.userId, kind: 'dm' };
    const key = options.idempotencyKey;
    if (key === undefined) return this.send(conversation, reply);
    const channel = await this.#resolve(conversation);
    const sent = await this.#write(conversation, () => sendAll(channel, reply, (i) => `${key}${i ? `.${i}` : ''}`.slice(-MAX_NONCE)));
    return { conversation, messageId: sent.id };
  }

  async typing(conversation: ConversationRef): Promise<void> {
    const channel = await this.#resolve(conversation);
    await channel.sendTyping().catch(() => {});
  }

  /** Answers a person's message in place (as a reply to it), continuing like `send`. */
  async replyTo(message: Message, conversation: ConversationRef, reply: Reply): Promise<MessageHandle> {
    const [first, ...rest] = renderReply(reply);
    const sent = await this.#write(conversation, async () => {
      let lastId = (await message.reply({ ...first!, allowedMentions: { parse: [], repliedUser: false } })).id;
      for (const more of rest) lastId = (await (message.channel as SendableChannels).send(more)).id;
      return { id: lastId };
    });
    return { conversation, messageId: sent.id };
  }

  async #resolve(conversation: ConversationRef): Promise<SendableChannels> {
    try {
      if (conversation.kind === 'dm') return await this.client.users.createDM(conversation.chatId);
      const channel = this.client.channels.cache.get(conversation.chatId) ?? (await this.client.channels.fetch(conversation.chatId));
      if (channel?.isSendable()) return channel;
    } catch (error) {
      throw await this.#failed(conversation, error);
    }
    throw new PlatformError(`channel ${conversation.chatId} cannot take messages`, 'discord', 'not_sendable', true);
  }

  async #write<T>(conversation: ConversationRef, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
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

async function sendAll(channel: SendableChannels, reply: Reply, nonceOf?: (part: number) => string): Promise<Message> {
  let last: Message | undefined;
  let i = 0;
  for (const part of renderReply(reply)) {
    last = await channel.send(nonceOf ? { ...part, nonce: nonceOf(i), enforceNonce: true } : part);
    i++;
  }
  return last!;
}
