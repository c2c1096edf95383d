import { UserFacingError } from '../core/errors.ts';

/**
 * The item does not exist *for this caller*. Thrown alike for a missing id, an id from another
 * owner or space, and a space scope the user is not a member of, so ids reveal nothing.
 */
export class NotFoundError extends UserFacingError {
  constructor(readonly kind: string) {
    super('notFound', { kind });
    this.name = 'NotFoundError';
  }
}

/** The item is visible but this user may not do that to it (e.g. delete someone else's shared item). */
export class PermissionError extends UserFacingError {
  constructor(readonly action: string) {
    super('notAllowed', { action });
    this.name = 'PermissionError';
  }
}

/**
 * Prisma's "record to update/delete not found" (P2025) becomes our NotFoundError; the row vanished
 * between our scoped read and the write, which to the caller is the same as never having existed.
 */
export function rethrowMissing(kind: string): (error: unknown) => never {
  return (error: unknown) => {
    if ((error as { code?: unknown } | null)?.code === 'P2025') throw new NotFoundError(kind);
    throw error;
  };
}

/** "Skip the next one" on an item that does not repeat (or whose series already ended): nothing to skip. */
export class NotRepeatingError extends UserFacingError {
  constructor(readonly kind: string) {
    super('notRepeating', { kind });
    this.name = 'NotRepeatingError';
  }
}
