import type { Db } from '../db/database.ts';
import { deleteWhere, lruCache } from '../core/lru.ts';
import { NotFoundError, PermissionError } from './errors.ts';
import type { ServiceContext } from './scope.ts';

/**
 * The last line of defence for scoping: even if the pipeline builds a context for a space the user
 * is not in (or a personal scope of someone else), services refuse as if the item did not exist.
 * Membership is cached (space, user) → isAdmin so the check costs no query on the hot path; the
 * space service keeps the cache current when it adds or removes members.
 */
export class ScopeAccess {
  private readonly members = lruCache<string, boolean>({ max: 10_000 });

  constructor(private readonly db: Db) {}

  /** Throws NotFoundError(kind) unless the acting user may act in `ctx.scope`. */
  async assert(ctx: ServiceContext, kind: string): Promise<void> {
    const scope = ctx.scope;
    if (scope.kind === 'personal') {
      if (scope.userId !== ctx.userId) throw new NotFoundError(kind);
      return;
    }
    if (!(await this.isMember(scope.spaceId, ctx.userId))) throw new NotFoundError(kind);
  }

  /** Whether the user is a member of the space (cached after the first positive answer). */
  async isMember(spaceId: number, userId: number): Promise<boolean> {
    const key = `${spaceId}:${userId}`;
    if (this.members.get(key) !== undefined) return true;
    const row = await this.db.spaceMember.findUnique({
      where: { spaceId_userId: { spaceId, userId } },
      select: { isAdmin: true },
    });
    if (!row) return false;
    this.members.set(key, row.isAdmin);
    return true;
  }

  /** The cached admin flag, or undefined when membership is not cached. */
  cachedAdmin(spaceId: number, userId: number): boolean | undefined {
    return this.members.get(`${spaceId}:${userId}`);
  }

  /** Records a membership the space service just wrote. */
  remember(spaceId: number, userId: number, isAdmin: boolean): void {
    this.members.set(`${spaceId}:${userId}`, isAdmin);
  }

  /** Drops a membership (user left / was removed). */
  forget(spaceId: number, userId: number): void {
    this.members.delete(`${spaceId}:${userId}`);
  }

  /** Drops every cached membership of a space (space merged away). */
  forgetSpace(spaceId: number): void {
    const prefix = `${spaceId}:`;
    deleteWhere(this.members, (key) => key.startsWith(prefix));
  }
}

/**
 * Shared items may be deleted by their creator or a chat admin; personal items only ever reach
 * here for their owner. Throws PermissionError otherwise.
 */
export function assertMayDelete(ctx: ServiceContext, createdById: number): void {
  if (!mayChange(ctx, createdById)) throw new PermissionError('delete');
}

/**
 * Editing a shared item (title, time, notes, priority…) follows the delete rule: a member who may
 * not delete someone else's item may not rename it into something else either. Completing a shared
 * todo stays open to every member (that is what a shared list is for).
 */
export function assertMayEdit(ctx: ServiceContext, createdById: number): void {
  if (!mayChange(ctx, createdById)) throw new PermissionError('edit');
}

function mayChange(ctx: ServiceContext, createdById: number): boolean {
  return ctx.scope.kind !== 'space' || createdById === ctx.userId || ctx.isSpaceAdmin;
}
