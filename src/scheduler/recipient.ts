/**
 * Where a user's notifications go — the one recipient rule, for reminders, briefings and task
 * results alike: a direct message to the user's reachable identity (not blocked, DMs open) seen
 * most recently, chosen among ALL of the user's identities (not only the platforms of this
 * process). A row that belongs on one platform (a task result, asked there) prefers the user's
 * latest identity on that platform and falls back to the rule above when none is reachable.
 *
 * The rule is written once, as SQL (`chosenIdentity`), and used both to filter claims
 * (`deliverableBy`: a process that does not run the chosen platform leaves the row to one that
 * does, so a terminal chat sharing the database never retires a Telegram user's reminder; only a
 * user with no reachable identity at all is retired) and to resolve the targets of a claimed batch
 * (`findRecipients`: one query per batch, so 500 reminders cost one query, not 500).
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

/** Whom one message is for: the user and, for a message that belongs on one platform, that platform. */
export interface RecipientRequest {
  userId: number;
  platform?: string | null;
}

/** Platforms a notification can be delivered on (identities of other kinds are never chosen). */
const PLATFORMS: readonly Platform[] = ['telegram', 'discord', 'console'];

/** Requests per statement (two parameters each). */
const CHUNK = 400;

/**
 * The recipient rule as a scalar subquery: `column` of the identity chosen for the user id SQL
 * expression `user`, preferring the platform expression `preferred` (NULL: no preference), among
 * identities on `among` (bound as parameters, in order, where the subquery appears).
 */
function chosenIdentity(column: 'id' | 'platform', user: string, preferred: string, among: readonly Platform[]): string {
  const platforms = among.length ? among.map(() => '?').join(',') : 'NULL';
  return `(SELECT i."${column}" FROM "Identity" i WHERE i."userId"=${user} AND i."unreachable"=0 AND i."platform" IN (${platforms})
    ORDER BY CASE WHEN i."platform"=${preferred} THEN 0 ELSE 1 END, i."lastSeenAt" DESC, i."id" DESC LIMIT 1)`;
}

/**
 * The SQL condition (over Notification alias `n`) for rows a process running `platforms` may claim:
 * a group row whose group chat is on one of them; for a direct row, the row's recipient — the same
 * choice as `findRecipients` — is on one of them, or the user has no
 * reachable identity at all (then any process retires the row).
 */
export function deliverableBy(platforms: ReadonlySet<Platform>, n: string): { sql: string; params: string[] } {
  const mine = PLATFORMS.filter((p) => platforms.has(p));
  // A group reminder goes to its group's chat, so the platform of that chat decides (group-target.ts).
  const group = groupRowOn(mine, n);
  const direct = `COALESCE(${chosenIdentity('platform', `${n}."userId"`, `${n}."platform"`, PLATFORMS)},'') IN ('',${mine.map(() => '?').join(',') || "''"})`;
  const sql = `(CASE WHEN ${n}."target" LIKE 'chat:%' THEN ${group.sql} ELSE ${direct} END)`;
  return { sql, params: [...group.params, ...PLATFORMS, ...mine] };
}

/** Recipients resolved for a batch, looked up the way they were asked for. */
export class Recipients {
  readonly #found = new Map<string, RecipientLookup>();

  /** The lookup for `userId` (with the `platform` it was requested with); undefined for an unknown user. */
  get(userId: number, platform?: string | null): RecipientLookup | undefined {
    return this.#found.get(requestKey(userId, platform));
  }

  /** Records one resolved request (findRecipients). */
  set(userId: number, platform: string | null, lookup: RecipientLookup): void {
    this.#found.set(requestKey(userId, platform), lookup);
  }
}

function requestKey(userId: number, platform?: string | null): string {
  return `${userId}\u0000${platform ?? ''}`;
}

/**
 * Resolves the recipient of each request (a user id, or a user with a preferred platform) among
 * the user's reachable identities, optionally only among `platforms`. One statement per 400 requests.
 */
export async function findRecipients(db: Db, requests: readonly (number | RecipientRequest)[], platforms: ReadonlySet<Platform> = new Set(PLATFORMS)): Promise<Recipients> {
  const out = new Recipients();
  const unique = new Map<string, { userId: number; platform: string | null }>();
  for (const r of requests) {
    const req = typeof r === 'number' ? { userId: r, platform: null } : { userId: r.userId, platform: r.platform ?? null };
    unique.set(requestKey(req.userId, req.platform), req);
  }
  const among = PLATFORMS.filter((p) => platforms.has(p));
  const all = [...unique.values()];
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    const rows = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `WITH req("userId","platform") AS (VALUES ${chunk.map(() => '(?,?)').join(',')})
       SELECT req."userId" AS "userId", req."platform" AS "preferred", u."language" AS "language", u."timezone" AS "timezone",
              i."id" AS "identityId", i."platform" AS "platform", i."externalId" AS "externalId", i."dmChatId" AS "dmChatId"
       FROM req JOIN "User" u ON u."id"=req."userId"
       LEFT JOIN "Identity" i ON i."id"=${chosenIdentity('id', 'req."userId"', 'req."platform"', among)}`,
      ...chunk.flatMap((c) => [c.userId, c.platform]), ...among,
    );
    for (const r of rows) {
      const userId = Number(r.userId);
      const language = (r.language as string | null) ?? null;
      const timeZone = (r.timezone as string | null) ?? null;
      const recipient: Recipient | null = r.identityId === null || r.identityId === undefined ? null : {
        userId, identityId: Number(r.identityId), language, timeZone,
        target: { platform: r.platform as Platform, userId: String(r.externalId), ...(r.dmChatId ? { chatId: String(r.dmChatId) } : {}) },
      };
      out.set(userId, (r.preferred as string | null) ?? null, { recipient, language, timeZone });
    }
  }
  return out;
}

/** Records that a platform refused for good (blocked, DMs closed, chat gone), so we stop trying it. */
export async function markUnreachable(db: Db, identityId: number): Promise<void> {
  await db.identity.updateMany({ where: { id: identityId }, data: { unreachable: true } });
}
