import type { Db } from '../db/database.ts';
import type { Space } from '../generated/prisma/client.ts';
import { lruCache } from '../core/lru.ts';
import { ScopeAccess } from './scope-access.ts';

/** What kind of conversation a space is. */
export type SpaceKind = 'dm' | 'group' | 'guild' | 'channel';

/** A space as an adapter sees it. */
export interface SpaceInput {
  platform: string;
  externalId: string;
  kind: SpaceKind;
  title?: string;
}

/**
 * Shared spaces (groups, guilds) and their members. Called on every group message, so spaces and
 * memberships are cached and written only when new or changed. Membership lives in the shared
 * ScopeAccess cache, which the item services consult to refuse non-members.
 */
export class SpaceService {
  private readonly spaces = lruCache<string, Space>({ max: 10_000 });

  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db)) {}

  /** Finds or creates the space; updates its title when the chat was renamed. */
  async ensureSpace(input: SpaceInput): Promise<Space> {
    const key = spaceKey(input.platform, input.externalId);
    const cached = this.spaces.get(key);
    if (cached && (input.title === undefined || cached.title === input.title)) return cached;
    const space = await this.db.space.upsert({
      where: { platform_externalId: { platform: input.platform, externalId: input.externalId } },
      create: { platform: input.platform, externalId: input.externalId, kind: input.kind, title: input.title ?? null },
      update: input.title === undefined ? {} : { title: input.title },
    });
    this.spaces.set(key, space);
    return space;
  }

  /** Makes the user a member, keeping the admin flag in step with the chat's. */
  async ensureMember(spaceId: number, userId: number, isAdmin: boolean): Promise<void> {
    if (this.access.cachedAdmin(spaceId, userId) === isAdmin) return;
    await this.db.spaceMember.upsert({
      where: { spaceId_userId: { spaceId, userId } },
      create: { spaceId, userId, isAdmin },
      update: { isAdmin },
    });
    this.access.remember(spaceId, userId, isAdmin);
  }

  /** Whether the user belongs to the space (cached after a positive answer). */
  isMember(spaceId: number, userId: number): Promise<boolean> {
    return this.access.isMember(spaceId, userId);
  }

  /** Removes a member (left or was kicked); their shared items stay with the space. */
  async removeMember(spaceId: number, userId: number): Promise<void> {
    await this.db.spaceMember.deleteMany({ where: { spaceId, userId } });
    this.access.forget(spaceId, userId);
  }

  /**
   * A chat changed id (Telegram group → supergroup). The space keeps its list: if the new id is
   * unknown the space is simply renamed; if a space already exists under the new id (messages
   * arrived there first), the old space's items and members move into it and the old one is removed.
   * Returns the surviving space, or null when neither id is known.
   */
  /**
   * Group reminders name their chat ("<platform>:<chatId>[:<threadId>]" on the reminder, "chat:" + that
   * on its outbox rows): when the chat's id changes (a Telegram group upgraded to a supergroup), they
   * follow it, so the next one is posted in the chat that now exists.
   */
  #groupTargetMoves(platform: string, oldChatId: string, newChatId: string) {
    const from = `${platform}:${oldChatId}`;
    const to = `${platform}:${newChatId}`;
    return [
      this.db.$executeRawUnsafe(
        `UPDATE "Reminder" SET "chatTarget" = ? || substr("chatTarget", ?) WHERE "chatTarget" = ? OR "chatTarget" LIKE ?`,
        to, from.length + 1, from, `${from}:%`,
      ),
      this.db.$executeRawUnsafe(
        `UPDATE "Notification" SET "target" = ? || substr("target", ?) WHERE "target" = ? OR "target" LIKE ?`,
        `chat:${to}`, `chat:${from}`.length + 1, `chat:${from}`, `chat:${from}:%`,
      ),
    ];
  }

  async migrateSpace(platform: string, oldExternalId: string, newExternalId: string): Promise<Space | null> {
    const [oldSpace, newSpace] = await Promise.all([
      this.db.space.findUnique({ where: { platform_externalId: { platform, externalId: oldExternalId } } }),
      this.db.space.findUnique({ where: { platform_externalId: { platform, externalId: newExternalId } } }),
    ]);
    this.spaces.delete(spaceKey(platform, oldExternalId));
    this.spaces.delete(spaceKey(platform, newExternalId));
    if (!oldSpace || oldSpace.id === newSpace?.id) return newSpace;
    const moveTargets = this.#groupTargetMoves(platform, oldExternalId, newExternalId);
    if (!newSpace) {
      const [moved] = await this.db.$transaction([this.db.space.update({ where: { id: oldSpace.id }, data: { externalId: newExternalId } }), ...moveTargets]);
      return moved;
    }
    const from = oldSpace.id;
    const to = newSpace.id;
    await this.db.$transaction([
      this.db.todo.updateMany({ where: { spaceId: from }, data: { spaceId: to } }),
      this.db.event.updateMany({ where: { spaceId: from }, data: { spaceId: to } }),
      this.db.memo.updateMany({ where: { spaceId: from }, data: { spaceId: to } }),
      this.db.reminder.updateMany({ where: { spaceId: from }, data: { spaceId: to } }),
      this.db.$executeRawUnsafe(
        `INSERT OR IGNORE INTO "SpaceMember" ("spaceId", "userId", "isAdmin", "joinedAt")
         SELECT ?, "userId", "isAdmin", "joinedAt" FROM "SpaceMember" WHERE "spaceId" = ?`,
        to, from,
      ),
      this.db.space.delete({ where: { id: from } }),
      ...moveTargets,
    ]);
    this.access.forgetSpace(from);
    return newSpace;
  }
}

function spaceKey(platform: string, externalId: string): string {
  return `${platform}\u0000${externalId}`;
}
