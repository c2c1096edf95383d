/**
 * Group reminders in the outbox. Their Notification rows carry `target` = "chat:<platform>:<chatId>[:<threadId>]"
 * from the moment they are planned (a direct row's target is only written once sent), so the claim
 * query can tell which process may post them and the loop posts them in the group, not in a DM.
 */
import type { ConversationRef, Platform } from '../core/inbound.ts';

const PREFIX = 'chat:';
const PLATFORMS: ReadonlySet<string> = new Set<Platform>(['telegram', 'discord', 'console']);

/** The outbox target of a group reminder from its Reminder.chatTarget ("<platform>:<chatId>[:<threadId>]"). */
export function groupOutboxTarget(chatTarget: string): string {
  return PREFIX + chatTarget;
}

/** The group chat a row is posted in, or null for a direct (private) row. */
export function groupConversation(target: string | null | undefined): ConversationRef | null {
  if (!target?.startsWith(PREFIX)) return null;
  const [platform, chatId, threadId] = target.slice(PREFIX.length).split(':');
  if (!platform || !PLATFORMS.has(platform) || !chatId) return null;
  return { platform: platform as Platform, chatId, kind: 'group', ...(threadId ? { threadId } : {}) };
}

/** SQL (over Notification alias `n`) true for group rows posted on one of `platforms`. */
export function groupRowOn(platforms: readonly Platform[], n: string): { sql: string; params: string[] } {
  if (!platforms.length) return { sql: '0', params: [] };
  return { sql: `(${platforms.map(() => `${n}."target" LIKE ?`).join(' OR ')})`, params: platforms.map((p) => `${PREFIX}${p}:%`) };
}
