import type { Identity, User } from '../generated/prisma/client.ts';
import type { Services } from '../services/index.ts';
import type { Db } from '../db/database.ts';

/** The one account an MCP server acts for, from MCP_USER ("telegram:12345", "console:local"). */
export interface McpAccount {
  platform: string;
  externalId: string;
}

/** Splits MCP_USER (already validated by the config schema). */
export function parseMcpUser(value: string): McpAccount {
  const i = value.indexOf(':');
  return { platform: value.slice(0, i), externalId: value.slice(i + 1) };
}

/**
 * The ClawChat user behind the configured account, looked up on every call: a /link or /unlink in
 * chat may move the account to another user while the server runs. An account that never wrote
 * to the bot gets a user (as the terminal chat would on its first line).
 */
export async function resolveMcpUser(db: Db, services: Services, account: McpAccount): Promise<{ user: User; identity: Identity }> {
  const found = await db.identity.findUnique({
    where: { platform_externalId: { platform: account.platform, externalId: account.externalId } }, include: { user: true },
  });
  if (found) {
    const { user, ...identity } = found;
    return { user, identity };
  }
  const created = await services.users.resolveIdentity({ platform: account.platform, externalId: account.externalId, displayName: account.externalId });
  return { user: created.user, identity: created.identity };
}
