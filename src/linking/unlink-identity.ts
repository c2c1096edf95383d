import type { Db } from '../db/database.ts';

/**
 * Moves the given identities of a user to a new user of their own, copying time zone and language
 * so the separated account still speaks the same way. Items, reminders and the rest stay with the
 * remaining accounts; chat history of the separated platform goes with it. One transaction.
 * Returns the new user's id.
 */
export async function detachIdentities(db: Db, userId: number, identityIds: readonly number[], displayName: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    const identities = await tx.identity.findMany({ where: { id: { in: [...identityIds] }, userId } });
    const fresh = await tx.user.create({
      data: { displayName, timezone: user.timezone, language: user.language, lastPlatform: identities[0]?.platform ?? null },
    });
    await tx.identity.updateMany({ where: { id: { in: identities.map((i) => i.id) } }, data: { userId: fresh.id } });
    const platforms = [...new Set(identities.map((i) => i.platform))];
    await tx.conversation.updateMany({ where: { userId, platform: { in: platforms } }, data: { userId: fresh.id } });
    await tx.linkCode.deleteMany({ where: { userId, usedAt: null } });
    return fresh.id;
  });
}
