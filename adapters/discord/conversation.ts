import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, type Interaction, type Message } from 'discord.js';
import type { Actor, ConversationRef } from '../../src/core/inbound.ts';

/** Where an interaction or message happened, as the core sees it, and how answers must be shown. */
export interface Place {
  conversation: ConversationRef;
  actor: Actor;
  /**
   * The person acts on their personal items although others can see the channel (a server with
   * `scope: me`, a group DM, a server where only the user installed the app): every answer is
   * ephemeral and buttons are tagged personal, so personal items never appear there.
   */
  personal: boolean;
  /** Others can read the channel (a server or a private channel), so ephemeral answers make sense. */
  shared: boolean;
}

/**
 * The place of an interaction. In a server the bot is installed in, the conversation is the
 * server's shared list (chat = channel, space = guild) unless the person chose `scope: me`; DMs
 * with the bot are personal (chat id = the user's id, the same as `scope: me`, so "/done 2" works
 * across both); private channels and user-only installs are personal and answered ephemerally.
 */
export function interactionPlace(interaction: Interaction, scopeMe = false): Place {
  const user = interaction.user;
  const isAdmin = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
  const actor: Actor = {
    platform: 'discord', userId: user.id, displayName: displayNameOf(interaction), isChatAdmin: isAdmin, languageCode: interaction.locale,
  };
  const dm: ConversationRef = { platform: 'discord', chatId: user.id, kind: 'dm' };
  if (interaction.guildId) {
    const owners = interaction.authorizingIntegrationOwners ?? {};
    const guildInstalled = interaction.guild !== null || owners[ApplicationIntegrationType.GuildInstall] !== undefined;
    if (!guildInstalled || scopeMe) return { conversation: dm, actor, personal: true, shared: true };
    const title = interaction.guild?.name;
    return {
      conversation: { platform: 'discord', chatId: interaction.channelId ?? interaction.guildId, kind: 'group', spaceId: interaction.guildId, ...(title && { title }) },
      actor, personal: false, shared: true,
    };
  }
  if (interaction.context === InteractionContextType.PrivateChannel) return { conversation: dm, actor, personal: true, shared: true };
  return { conversation: dm, actor, personal: false, shared: false };
}

/**
 * The place of a message: a DM is personal; a server message (one that mentions the bot) belongs to
 * the server's shared list and is answered in its channel.
 */
export function messagePlace(message: Message): Place {
  let isAdmin = false;
  try {
    isAdmin = message.member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false;
  } catch {
    // A partial member without cached roles: treat as a regular member.
  }
  const actor: Actor = {
    platform: 'discord', userId: message.author.id,
    displayName: message.member?.displayName ?? message.author.globalName ?? message.author.username, isChatAdmin: isAdmin,
  };
  if (!message.guildId) return { conversation: { platform: 'discord', chatId: message.author.id, kind: 'dm' }, actor, personal: false, shared: false };
  const title = message.guild?.name;
  return {
    conversation: { platform: 'discord', chatId: message.channelId, kind: 'group', spaceId: message.guildId, ...(title && { title }) },
    actor, personal: false, shared: true,
  };
}

function displayNameOf(interaction: Interaction): string {
  const member = interaction.member;
  if (member && 'displayName' in member && typeof member.displayName === 'string') return member.displayName;
  const nick = member && 'nick' in member && typeof member.nick === 'string' ? member.nick : undefined;
  return nick ?? interaction.user.globalName ?? interaction.user.username;
}
