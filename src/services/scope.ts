/**
 * Whose items an operation touches. A DM (or Discord `scope: me`) acts on the user's personal items;
 * a group or guild acts on the space's shared list. Every service query is filtered by this, never by
 * ids that came from a message or a model.
 */
export type Scope = { kind: 'personal'; userId: number } | { kind: 'space'; spaceId: number };

/** The acting user and where they act; built by the pipeline, passed to every service call. */
export interface ServiceContext {
  /** The ClawChat user doing this. */
  userId: number;
  scope: Scope;
  /** Chat admin / Manage Server in the current space: may delete others' shared items. */
  isSpaceAdmin: boolean;
  /** The user's IANA time zone (for "today", "this week"). */
  timeZone: string;
  now: Date;
}

/** Prisma `where` fragment selecting the rows of a scope (items have ownerId xor spaceId). */
export function scopeWhere(scope: Scope): { ownerId: number; spaceId: null } | { spaceId: number } {
  return scope.kind === 'personal' ? { ownerId: scope.userId, spaceId: null } : { spaceId: scope.spaceId };
}

/** Column values that put a new item in a scope. */
export function scopeData(scope: Scope): { ownerId: number | null; spaceId: number | null } {
  return scope.kind === 'personal' ? { ownerId: scope.userId, spaceId: null } : { ownerId: null, spaceId: scope.spaceId };
}
