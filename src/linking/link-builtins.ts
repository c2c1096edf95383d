import type { Reply } from '../core/reply.ts';
import { t } from '../i18n/index.ts';
import type { BuiltinHandler } from '../orchestrator/builtins.ts';
import type { TurnContext } from '../orchestrator/context.ts';
import type { AccountLinking, LinkingActor } from './account-linking.ts';
import { formatCode } from './link-codes.ts';

const PLATFORM_NAMES: Record<string, string> = { telegram: 'Telegram', discord: 'Discord', console: 'Terminal' };

/** A platform's name as people know it. */
export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform] ?? platform;
}

function actorOf(turn: TurnContext): LinkingActor {
  return { userId: turn.svc.userId, platform: turn.message.actor.platform, externalId: turn.message.actor.userId };
}

/**
 * `/link` (make a code), `/link <code>` (join this account to the one that made it) and
 * `/unlink [platform]`. Only in private chats: a code shown in a group could be used by anyone there.
 */
export function linkBuiltins(linking: AccountLinking): Record<'link' | 'unlink', BuiltinHandler> {
  return {
    async link(turn, args) {
      const lang = turn.lang;
      const reply = (text: string): Reply => ({ text, language: lang, ephemeral: true });
      if (turn.conversation.kind !== 'dm') return reply(t(lang, 'linkDmOnly'));
      const actor = actorOf(turn);
      if (!args.trim()) {
        const code = formatCode(await linking.issue(actor));
        return reply(t(lang, 'linkCode', { code }));
      }
      const outcome = await linking.redeem(actor, args);
      switch (outcome.kind) {
        case 'linked':
          return reply(t(lang, 'linkDone', {
            platforms: outcome.platforms.map(platformName).join(' + '), moved: outcome.summary.moved, merged: outcome.summary.merged,
          }));
        case 'tooManyTries': return reply(t(lang, 'linkTooManyTries', { minutes: Math.max(1, Math.ceil(outcome.waitMs / 60_000)) }));
        case 'samePlatform': return reply(t(lang, 'linkSamePlatform', { platform: platformName(outcome.platform) }));
        case 'already': return reply(t(lang, 'linkAlready'));
        case 'expired': return reply(t(lang, 'linkExpired'));
        case 'used': return reply(t(lang, 'linkUsed'));
        case 'invalid': return reply(t(lang, 'linkInvalid'));
      }
    },
    async unlink(turn, args) {
      const lang = turn.lang;
      const reply = (text: string): Reply => ({ text, language: lang, ephemeral: true });
      if (turn.conversation.kind !== 'dm') return reply(t(lang, 'linkDmOnly'));
      const outcome = await linking.unlink(actorOf(turn), args);
      if (outcome.kind === 'notLinked') return reply(t(lang, 'unlinkNothing'));
      if (outcome.kind === 'unknownPlatform') {
        return reply(t(lang, 'unlinkUnknownPlatform', { platform: args.trim(), platforms: outcome.platforms.map(platformName).join(', ') }));
      }
      return reply(t(lang, 'unlinkDone', { platform: platformName(outcome.platform), others: outcome.remaining.map(platformName).join(', ') }));
    },
  };
}
