import type { ChangeHooks } from '../core/change-hooks.ts';
import type { Clock } from '../core/clock.ts';
import { SlidingWindowLimiter } from '../core/sliding-window.ts';
import type { Db } from '../db/database.ts';
import type { Services } from '../services/index.ts';
import { LinkCodes, normalizeCode, type CodeIssuer } from './link-codes.ts';
import { mergeUsers, type MergeSummary } from './merge-users.ts';
import { detachIdentities } from './unlink-identity.ts';

/** The account speaking, as linking needs it. */
export interface LinkingActor {
  userId: number;
  platform: string;
  externalId: string;
}

/** How redeeming a code ended. */
export type LinkOutcome =
  | { kind: 'linked'; userId: number; platforms: string[]; summary: MergeSummary }
  | { kind: 'invalid' | 'expired' | 'used' | 'already' }
  | { kind: 'samePlatform'; platform: string }
  | { kind: 'tooManyTries'; waitMs: number };

/** How /unlink ended. */
export type UnlinkOutcome =
  | { kind: 'unlinked'; platform: string; newUserId: number; remaining: string[] }
  | { kind: 'notLinked' }
  | { kind: 'unknownPlatform'; platforms: string[] };

/**
 * Wrong /link codes allowed per person in `GUESS_WINDOW_MS`; past that, attempts are refused until
 * the oldest failure leaves the window, so codes cannot be guessed. Kept in memory (the bot is one
 * process); a code space of 31^8 makes guessing hopeless at this rate anyway.
 */
export const MAX_WRONG_CODES = 5;
/** See MAX_WRONG_CODES. */
export const GUESS_WINDOW_MS = 15 * 60_000;

/**
 * Joins and separates accounts across platforms. `issue` gives the speaking account a one-time
 * code; `redeem` on another platform merges the redeemer's user into the issuer's (the issuer's
 * settings win where both are set), then forgets cached identities and re-plans reminders so the
 * next message and the next reminder see one user. Wrong, expired and reused codes count towards a
 * per-person limit on guesses.
 */
export class AccountLinking {
  readonly #codes: LinkCodes;
  readonly #guesses: SlidingWindowLimiter;

  constructor(private readonly deps: { db: Db; services: Services; clock: Clock; hooks: ChangeHooks }) {
    this.#codes = new LinkCodes(deps.db);
    this.#guesses = new SlidingWindowLimiter(deps.clock, { limit: MAX_WRONG_CODES, windowMs: GUESS_WINDOW_MS });
  }

  /** A new code for the speaking account (replacing its unused ones). */
  issue(actor: LinkingActor): Promise<string> {
    const issuer: CodeIssuer = { userId: actor.userId, platform: actor.platform, externalId: actor.externalId };
    return this.#codes.issue(issuer, this.deps.clock.now());
  }

  /** Redeems `typed` for the speaking account and merges the two users. */
  async redeem(actor: LinkingActor, typed: string): Promise<LinkOutcome> {
    const key = `${actor.platform}:${actor.externalId}`;
    const waitMs = this.#guesses.waitMs(key);
    if (waitMs > 0) return { kind: 'tooManyTries', waitMs };
    const code = normalizeCode(typed);
    // A code sent from the wrong account is refused before it is used up, so it still works from the right one.
    const peek = code ? await this.#codes.issuerOf(code) : null;
    if (peek?.userId === actor.userId) return { kind: 'already' };
    if (peek && peek.platform === actor.platform) return { kind: 'samePlatform', platform: peek.platform };
    const result = code ? await this.#codes.redeem(code, this.deps.clock.now()) : { kind: 'invalid' as const };
    if (result.kind !== 'ok') {
      this.#guesses.record(key);
      return result;
    }
    this.#guesses.reset(key);
    const { issuer } = result;
    const survivor = await this.deps.db.user.findUnique({ where: { id: issuer.userId }, select: { id: true } });
    if (!survivor) return { kind: 'invalid' };
    const summary = await mergeUsers(this.deps.db, survivor.id, actor.userId, this.deps.clock.now());
    this.deps.services.users.forgetUsers([survivor.id, actor.userId]);
    await this.#replan(survivor.id, summary);
    const identities = await this.deps.db.identity.findMany({ where: { userId: survivor.id }, select: { platform: true } });
    return { kind: 'linked', userId: survivor.id, platforms: [...new Set(identities.map((i) => i.platform))], summary };
  }

  /**
   * Separates an account from the user: the speaking one when `platform` is empty, else the user's
   * identities on that platform. The separated account starts with an empty list.
   */
  async unlink(actor: LinkingActor, platform: string): Promise<UnlinkOutcome> {
    const identities = await this.deps.db.identity.findMany({ where: { userId: actor.userId }, orderBy: { lastSeenAt: 'desc' } });
    const platforms = [...new Set(identities.map((i) => i.platform))];
    if (platforms.length < 2) return { kind: 'notLinked' };
    const wanted = platform.trim().toLowerCase() || actor.platform;
    const leaving = identities.filter((i) => i.platform === wanted);
    if (!leaving.length) return { kind: 'unknownPlatform', platforms };
    const name = leaving[0]!.displayName ?? wanted;
    const newUserId = await detachIdentities(this.deps.db, actor.userId, leaving.map((i) => i.id), name);
    this.deps.services.users.forgetUsers([actor.userId, newUserId]);
    return { kind: 'unlinked', platform: wanted, newUserId, remaining: platforms.filter((p) => p !== wanted) };
  }

  async #replan(userId: number, summary: MergeSummary): Promise<void> {
    const { hooks } = this.deps;
    for (const id of summary.todoIds) await hooks.todoChanged(id);
    for (const id of summary.eventIds) await hooks.eventChanged(id);
    for (const id of summary.reminderIds) await hooks.reminderChanged(id);
    await hooks.settingsChanged(userId);
  }
}
