import type { Client, Message, OmitPartialGroupDMChannel, PartialMessage } from 'discord.js';
import type { Logger } from 'pino';
import type { Clock } from '../../src/core/clock.ts';
import { parseCommandText, type InboundMessage } from '../../src/core/inbound.ts';
import { slashCommandText, type MessageHandler } from '../../src/orchestrator/index.ts';
import { messagePlace } from './conversation.ts';
import { answeringIn, type DiscordChannel } from './discord-channel.ts';

/** What message handling needs from the bot. */
export interface MessageDeps {
  client: Client;
  channel: DiscordChannel;
  handler: MessageHandler;
  clock: Clock;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * Handles messages: a DM is a conversation with the assistant (free text, or `/todo …` typed out);
 * in a server only a message that mentions the bot is answered, in place, with the mention taken
 * out. Other bots, system messages and the bot itself are ignored. Needs no privileged intent: a
 * mention carries its content without Message Content.
 */
export function createMessageHandler(deps: MessageDeps): (message: Message) => Promise<void> {
  return async (message) => {
    const me = deps.client.user?.id;
    if (!me || message.author.bot || message.system || message.author.id === me) return;
    const inDm = !message.guildId;
    if (!inDm && !message.mentions.users.has(me)) return;
    await handleMessage(deps, message, me, deps.clock.now(), false);
  };
}

/** A message as discord.js hands an update of it: possibly partial (not cached, e.g. after a restart). */
type UpdatedMessage = OmitPartialGroupDMChannel<Message | PartialMessage>;

/**
 * Handles edits of a person's DM to the bot: the core lets the items the message created follow
 * the new text. Only real content edits count (Discord also sends updates when link embeds load,
 * and discord.js repeats the content then); a message not in the cache arrives partial and is
 * fetched. Server messages are not followed: a mention's edit would reach people in the channel.
 */
export function createMessageUpdateHandler(deps: MessageDeps): (change: { before: UpdatedMessage; after: UpdatedMessage }) => Promise<void> {
  return async ({ before, after }) => {
    const me = deps.client.user?.id;
    if (!me || after.guildId || before.guildId) return;
    let message: Message;
    try {
      message = after.partial ? await after.fetch() : after;
    } catch (error) {
      deps.logger.warn({ err: error, message: after.id }, 'could not fetch an edited message');
      return;
    }
    if (message.author.bot || message.system || message.author.id === me || message.guildId) return;
    if (message.editedTimestamp === null || (!before.partial && before.content === message.content)) return;
    await handleMessage(deps, message, me, new Date(message.editedTimestamp), true);
  };
}

/** Normalizes one message (new or edited), hands it to the core and sends the reply in place. */
async function handleMessage(deps: MessageDeps, message: Message, me: string, receivedAt: Date, edit: boolean): Promise<void> {
  const inDm = !message.guildId;
  const text = message.content.replace(new RegExp(`<@!?${me}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
  const place = messagePlace(message);
  const base = { conversation: place.conversation, actor: place.actor, receivedAt, messageId: message.id, ...(edit && { edit: true as const }) };
  const command = parseCommandText(text);
  const inbound: InboundMessage = command ? { ...base, type: 'command', ...command } : { ...base, type: 'text', text };
  const outlet = inDm ? deps.channel : answeringIn(deps.channel, message);
  try {
    const reply = await deps.handler.handle(inbound, { channel: outlet, conversation: place.conversation, signal: deps.signal });
    if (reply) await outlet.send(place.conversation, reply);
  } catch (error) {
    deps.logger.error({ err: error, message: message.id }, 'message failed');
    await outlet.send(place.conversation, { text: slashCommandText('en', 'genericError') }).catch(() => {});
  }
}
