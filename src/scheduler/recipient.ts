/**
 * Where a user's notifications go: a direct message on the platform where they last talked to the
 * bot, chosen among ALL of the user's identities (not only the platforms of this process), skipping
 * identities marked unreachable (blocked bot, DMs closed). A process that does not run the chosen
 * platform leaves the row to one that does (`deliverableBy` filters its claims), so a terminal chat
 * sharing the database never retires a Telegram user's reminder; only a user with no reachable
 * identity at all is retired. Looked up per claimed batch, so 500 reminders cost one query, not 500.
 */
import type { DirectTarget } from '../core/channel.ts';
import type { Platform } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';
import { groupRowOn } from './group-target.ts';

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

/** Platforms a reminder can be delivered on (identities of other kinds are never chosen). */
const PLATFORMS: readonly Platform[] = ['telegram', 'discord', 'console'];

/**
 * The SQL condition (over Notification alias `n`) for rows a process running `platforms` may claim:
 * a group row whose group chat is on one of them, or for a direct row: the user's recipient — the same choice as `findRecipients` — is on one of them, or the user has no
 * reachable identity at all (then any process retires the row).
 */
export function deliverableBy(platforms: ReadonlySet<Platform>, n: string): { sql: string; params: string[] } {
  const mine = PLATFORMS.filter((p) => platforms.has(p));
  // A group reminder goes to its group's chat, so the platform of that chat decides (group-target.ts).
  const group = groupRowOn(mine, n);
  const direct = `COALESCE((SELECT i."platform" FROM "Identity" i WHERE i."userId"=${n}."userId" AND i."unreachable"=0
    AND i."platform" IN (${PLATFORMS.map(() => '?').join(',')}) ORDER BY i."lastSeenAt" DESC, i."id" DESC LIMIT 1),'') IN ('',${mine.map(() => '?').join(',') || "''"})`;
  const sql = `(CASE WHEN ${n}."target" LIKE 'chat:%' THEN ${group.sql} ELSE ${direct} END)`;
  return { sql, params: [...group.params, ...PLATFORMS, ...mine] };
}

/**
 * Resolves the recipient of each user id among all their reachable identities (optionally only
 * among `platforms`). Latest `lastSeenAt` wins; ties go to the newer identity.
 */
export async function findRecipients(db: Db, userIds: readonly number[], platforms: ReadonlySet<Platform> = new Set(PLATFORMS)): Promise<Map<number, RecipientLookup>> {
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
    const idn = u.identities.find((i) => PLATFORMS.includes(i.platform as Platform) && platforms.has(i.platform as Platform));
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
