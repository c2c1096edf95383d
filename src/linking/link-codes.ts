import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../db/database.ts';

/** How long a /link code stays valid. */
export const LINK_CODE_TTL_MS = 10 * 60_000;

// No 0/O, 1/I/L: a code is read on one screen and typed on another.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** The account that asked for a code. */
export interface CodeIssuer {
  userId: number;
  platform: string;
  externalId: string;
}

/** What redeeming a code found. */
export type RedeemResult =
  | { kind: 'ok'; issuer: CodeIssuer }
  | { kind: 'invalid' | 'expired' | 'used' };

/** Code as people see it: two groups of four ("K7PQ-3MXA"). */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, reduced to the code's characters (case, spaces and dashes ignored), or null. */
export function normalizeCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

function hash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/**
 * One-time linking codes. Only a hash is stored, so the database never holds a usable code; a new
 * code replaces the issuer's unused ones; redeeming marks the row used in one conditional update,
 * so two accounts racing with the same code cannot both succeed.
 */
export class LinkCodes {
  constructor(private readonly db: Db) {}

  /** Makes a fresh code for `issuer`, valid `LINK_CODE_TTL_MS` from `now`; returns it unformatted. */
  async issue(issuer: CodeIssuer, now: Date): Promise<string> {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
    await this.db.$transaction([
      this.db.linkCode.deleteMany({ where: { OR: [{ userId: issuer.userId, usedAt: null }, { expiresAt: { lt: now } }] } }),
      this.db.linkCode.create({
        data: { codeHash: hash(code), userId: issuer.userId, platform: issuer.platform, externalId: issuer.externalId, createdAt: now, expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS) },
      }),
    ]);
    return code;
  }

  /** Who issued a code (used or not), without using it up; null when unknown. */
  async issuerOf(code: string): Promise<CodeIssuer | null> {
    const row = await this.db.linkCode.findUnique({ where: { codeHash: hash(code) } });
    return row && { userId: row.userId, platform: row.platform, externalId: row.externalId };
  }

  /** Uses up a code (already normalized) if it is known, unused and not expired. */
  async redeem(code: string, now: Date): Promise<RedeemResult> {
    const codeHash = hash(code);
    const claimed = await this.db.linkCode.updateMany({ where: { codeHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const row = await this.db.linkCode.findUnique({ where: { codeHash } });
    if (!row) return { kind: 'invalid' };
    if (claimed.count === 1) return { kind: 'ok', issuer: { userId: row.userId, platform: row.platform, externalId: row.externalId } };
    return { kind: row.usedAt ? 'used' : 'expired' };
  }
}
