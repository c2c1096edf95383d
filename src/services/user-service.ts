import { systemClock, type Clock } from '../core/clock.ts';
import { UserFacingError } from '../core/errors.ts';
import { isValidTimeZone } from '../core/zoned-time.ts';
import type { Db } from '../db/database.ts';
import type { Identity, User } from '../generated/prisma/client.ts';
import { deleteWhere, lruCache } from '../core/lru.ts';

/** Who is speaking, as an adapter sees it. */
export interface IdentityInput {
  platform: string;
  externalId: string;
  displayName: string;
  /** The chat id to DM this person, when the platform tells us. */
  dmChatId?: string;
}

/** Languages the assistant answers in. */
export type Language = 'en' | 'ur';

const SEEN_EVERY_MS = 60_000;
const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/**
 * Users and their platform identities. resolveIdentity runs on every message, so it keeps
 * (platform, externalId) → identity and userId → user in bounded caches and only writes when
 * something changed (name, DM chat, reachability, platform) or lastSeenAt is a minute old.
 * All user mutations must go through this service to keep the cache true.
 */
export class UserService {
  private readonly identities = lruCache<string, Identity>({ max: 10_000 });
  private readonly users = lruCache<number, User>({ max: 10_000 });

  constructor(private readonly db: Db, private readonly clock: Pick<Clock, 'now'> = systemClock) {}

  /** Finds or creates the user behind a platform account; `created` is true for a first contact. */
  async resolveIdentity(input: IdentityInput): Promise<{ user: User; identity: Identity; created: boolean }> {
    const now = this.clock.now();
    const key = identityKey(input.platform, input.externalId);
    let identity = this.identities.get(key);
    let user = identity ? this.users.get(identity.userId) : undefined;
    if (!identity || !user) {
      const found = await this.findIdentity(input.platform, input.externalId);
      if (!found) return this.createIdentity(input, now);
      ({ identity, user } = found);
    }
    const identityStale =
      identity.unreachable ||
      identity.displayName !== input.displayName ||
      (input.dmChatId !== undefined && identity.dmChatId !== input.dmChatId) ||
      now.getTime() - identity.lastSeenAt.getTime() >= SEEN_EVERY_MS;
    const userStale = user.lastPlatform !== input.platform || user.displayName !== input.displayName;
    if (identityStale || userStale) {
      [identity, user] = await this.db.$transaction([
        this.db.identity.update({
          where: { id: identity.id },
          data: {
            lastSeenAt: now,
            displayName: input.displayName,
            unreachable: false,
            ...(input.dmChatId !== undefined ? { dmChatId: input.dmChatId } : {}),
          },
        }),
        userStale
          ? this.db.user.update({ where: { id: user.id }, data: { lastPlatform: input.platform, displayName: input.displayName } })
          : this.db.user.findUniqueOrThrow({ where: { id: user.id } }),
      ]);
    }
    this.identities.set(key, identity);
    this.users.set(user.id, user);
    return { user, identity, created: false };
  }

  /** A user by id (cached), or null. */
  async get(userId: number): Promise<User | null> {
    const cached = this.users.get(userId);
    if (cached) return cached;
    const user = await this.db.user.findUnique({ where: { id: userId } });
    if (user) this.users.set(userId, user);
    return user;
  }

  /** Sets the user's IANA time zone; an unknown zone is refused ('unknownTimezone' {zone}). */
  async setTimezone(userId: number, timeZone: string): Promise<User> {
    const zone = timeZone.trim();
    if (!isValidTimeZone(zone)) throw new UserFacingError('unknownTimezone', { zone: timeZone });
    return this.updateUser(userId, { timezone: zone });
  }

  /** Sets the language replies use. */
  async setLanguage(userId: number, language: Language): Promise<User> {
    if (language !== 'en' && language !== 'ur') throw new UserFacingError('unknownLanguage', { language });
    return this.updateUser(userId, { language });
  }

  /**
   * Sets the daily briefing time (HH:MM, 00:00–23:59; "9:05" is stored as "09:05") and/or turns it
   * on or off. A bad time is refused ('invalidTime' {time}).
   */
  async setBriefing(userId: number, options: { time?: string; enabled?: boolean }): Promise<User> {
    const data: { briefingTime?: string; briefingEnabled?: boolean } = {};
    if (options.time !== undefined) {
      const m = HHMM.exec(options.time.trim());
      if (!m) throw new UserFacingError('invalidTime', { time: options.time });
      data.briefingTime = `${m[1]!.padStart(2, '0')}:${m[2]}`;
    }
    if (options.enabled !== undefined) data.briefingEnabled = options.enabled;
    return this.updateUser(userId, data);
  }

  /**
   * Records that DMs to this account fail (blocked bot, deleted account) so deliveries stop
   * choosing it; the next message from the account makes it reachable again.
   */
  async markUnreachable(platform: string, externalId: string): Promise<void> {
    await this.db.identity.updateMany({ where: { platform, externalId }, data: { unreachable: true } });
    this.identities.delete(identityKey(platform, externalId));
  }

  /**
   * Drops everything cached about these users and their identities. Account linking moves
   * identities between users and deletes the merged one in a transaction of its own; after it the
   * next message must read the new owner from the database.
   */
  forgetUsers(userIds: readonly number[]): void {
    const ids = new Set(userIds);
    for (const id of ids) this.users.delete(id);
    deleteWhere(this.identities, (_key, identity) => ids.has(identity.userId));
  }

  private async updateUser(userId: number, data: Partial<User>): Promise<User> {
    const user = await this.db.user.update({ where: { id: userId }, data }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'P2025') throw new UserFacingError('notFound', { kind: 'user' });
      throw error;
    });
    this.users.set(userId, user);
    return user;
  }

  /**
   * An identity and its user in one query (a raw join: Prisma's `include` costs a second round trip,
   * and this runs for every first message of a person the cache does not hold).
   */
  private async findIdentity(platform: string, externalId: string): Promise<{ identity: Identity; user: User } | null> {
    const rows = await this.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT i."id" AS "i_id", i."platform" AS "i_platform", i."externalId" AS "i_externalId", i."userId" AS "i_userId",
              i."displayName" AS "i_displayName", i."dmChatId" AS "i_dmChatId", i."unreachable" AS "i_unreachable",
              i."lastSeenAt" AS "i_lastSeenAt", i."createdAt" AS "i_createdAt", u.*
         FROM "Identity" i JOIN "User" u ON u."id" = i."userId"
        WHERE i."platform" = ? AND i."externalId" = ?`,
      platform, externalId,
    );
    const row = rows[0];
    if (!row) return null;
    const identity = {} as Record<string, unknown>;
    const user = {} as Record<string, unknown>;
    for (const [k, v] of Object.entries(row)) {
      if (k.startsWith('i_')) identity[k.slice(2)] = v;
      else user[k] = v;
    }
    return { identity: identity as unknown as Identity, user: user as unknown as User };
  }

  /**
   * First contact: the user and their identity in one batch transaction (raw SQL with RETURNING, about
   * twice as fast as Prisma's nested create, which runs an interactive transaction). The identity's
   * userId is read from sqlite_sequence, which inside the batch holds the user id just inserted.
   */
  private async createIdentity(input: IdentityInput, now: Date): Promise<{ user: User; identity: Identity; created: boolean }> {
    try {
      const [users, identities] = await this.db.$transaction([
        this.db.$queryRawUnsafe<User[]>(
          `INSERT INTO "User" ("displayName", "lastPlatform", "createdAt", "updatedAt") VALUES (?, ?, ?, ?) RETURNING *`,
          input.displayName, input.platform, now, now,
        ),
        this.db.$queryRawUnsafe<Identity[]>(
          `INSERT INTO "Identity" ("platform", "externalId", "userId", "displayName", "dmChatId", "lastSeenAt", "createdAt")
           SELECT ?, ?, "seq", ?, ?, ?, ? FROM "sqlite_sequence" WHERE "name" = 'User' RETURNING *`,
          input.platform, input.externalId, input.displayName, input.dmChatId ?? null, now, now,
        ),
      ]);
      const user = users[0]!;
      const identity = identities[0]!;
      this.identities.set(identityKey(input.platform, input.externalId), identity);
      this.users.set(user.id, user);
      return { user, identity, created: true };
    } catch (error) {
      // Two first messages raced; the other one created the identity (and this batch rolled back).
      if (isUniqueViolation(error)) return this.resolveIdentity(input);
      throw error;
    }
  }
}

/** A unique-constraint failure, as Prisma reports it for model queries (P2002) or raw SQL. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; meta?: { code?: unknown; message?: unknown } } | null;
  return e?.code === 'P2002' || /UNIQUE constraint failed/.test(String(e?.message ?? '') + String(e?.meta?.message ?? ''));
}

function identityKey(platform: string, externalId: string): string {
  return `${platform}\u0000${externalId}`;
}
