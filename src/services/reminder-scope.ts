/**
 * Whose reminders a context sees. Reminders are not scoped like other items (ownerId xor spaceId):
 * a personal reminder keeps `spaceId` as the place it was set, so the rule lives here, used by every
 * reminder query and by the listing of item reminders.
 */
import type { ConversationRef } from '../core/inbound.ts';
import type { ServiceContext } from './scope.ts';

/** Reminder states that are still ahead: due to fire, or on hold. */
export const UPCOMING = ['pending', 'paused'] as const;

/**
 * Prisma `where` for the reminders of a context: in a DM the user's personal ones (wherever they were
 * set), in a group the group's own (posted in its chat), never another member's personal ones.
 */
export function reminderScopeWhere(ctx: ServiceContext): { userId: number; chatTarget: null } | { spaceId: number; chatTarget: { not: null } } {
  return ctx.scope.kind === 'personal' ? { userId: ctx.userId, chatTarget: null } : { spaceId: ctx.scope.spaceId, chatTarget: { not: null } };
}

/**
 * The chat a group reminder is posted in, as stored on Reminder.chatTarget and Notification.target:
 * "<platform>:<chatId>" plus ":<threadId>" for a topic or thread. Ids hold no ':' on any platform.
 */
export function chatTargetOf(conversation: Pick<ConversationRef, 'platform' | 'chatId' | 'threadId'>): string {
  return `${conversation.platform}:${conversation.chatId}${conversation.threadId ? `:${conversation.threadId}` : ''}`;
}
