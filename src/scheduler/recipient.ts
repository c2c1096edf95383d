/**
 * Where a user's notifications go: a direct message on the platform where they last talked to the
 * bot, skipping identities marked unreachable (blocked bot, DMs closed) and platforms not running in
 * this process. Looked up per claimed batch, so 500 reminders cost one query, not 500.
 */
import type { DirectTarget } from '../core/channel.ts';
import type { Platform } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';

/** The identity chosen for one user, with what rendering needs to know about the user. */
export interface Recipient {
  userId: number;
  identityId: number;
  target: DirectTarget;
  language: string | null;
  timeZone: string | null;
}

/** What is known about a user even when no identity can be reached (for logs and renderers). */
export interface RecipientLookup {
  recipient: Recipient | null;
  language: string | null;
  timeZone: string | null;
}

const PLATFORMS: ReadonlySet<string> = new Set<Platform>(['telegram', 'discord', 'console']);

/**
 * Resolves the recipient of each user id among `platforms` (those with a channel here). Latest
 * `lastSeenAt` wins; ties go to the newer identity.
 */
export async function findRecipients(db: Db, userIds: readonly number[], platforms: ReadonlySet<Platform>): Promise<Map<number, RecipientLookup>> {
  const unique = [...new Set(userIds)];
  const out = new Map<number, RecipientLookup>();
  if (!unique.length) return out;
  const users = await db.user.findMany({
    where: { id: { in: unique } },
    select: {
      id: true, language: true, timezone: true,
      identities: {
        where: { unreachable: false },
        orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
        select: { id: true, platform: true, externalId: true, dmChatId: true },
      },
    },
  });
  for (const u of users) {
    const idn = u.identities.find((i) => PLATFORMS.has(i.platform) && platforms.has(i.platform as Platform));
    const recipient: Recipient | null = idn
      ? {
          userId: u.id, identityId: idn.id, language: u.language, timeZone: u.timezone,
          target: { platform: idn.platform as Platform, userId: idn.externalId, ...(idn.dmChatId ? { chatId: idn.dmChatId } : {}) },
        }
      : null;
    out.set(u.id, { recipient, language: u.language, timeZone: u.timezone });
  }
  return out;
}

/** Records that a platform refused for good (blocked, DMs closed, chat gone), so we stop trying it. */
export async function markUnreachable(db: Db, identityId: number): Promise<void> {
  await db.identity.updateMany({ where: { id: identityId }, data: { unreachable: true } });
}
