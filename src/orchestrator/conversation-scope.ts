import type { ConversationRef } from '../core/inbound.ts';
import type { Services } from '../services/index.ts';
import type { Scope } from '../services/scope.ts';

/**
 * Whose list a conversation acts on: a DM is the user's personal list; a group (Telegram) or server
 * (Discord) is its shared space, which the user joins on first sight (with their admin right).
 * Messages and autocomplete both use this, so they can never disagree about scope.
 */
export async function conversationScope(services: Services, conv: ConversationRef, userId: number, isAdmin: boolean): Promise<{ scope: Scope; spaceTitle?: string }> {
  if (conv.kind !== 'group') return { scope: { kind: 'personal', userId } };
  const space = await services.spaces.ensureSpace({
    platform: conv.platform, externalId: conv.spaceId ?? conv.chatId,
    kind: conv.platform === 'discord' ? 'guild' : 'group', title: conv.title,
  });
  await services.spaces.ensureMember(space.id, userId, isAdmin);
  return { scope: { kind: 'space', spaceId: space.id }, spaceTitle: space.title ?? conv.title };
}
