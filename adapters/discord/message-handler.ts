import type { Client, Message } from 'discord.js';
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
    const text = message.content.replace(new RegExp(`<@!?${me}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
    const place = messagePlace(message);
    const base = { conversation: place.conversation, actor: place.actor, receivedAt: deps.clock.now(), messageId: message.id };
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
  };
}
