import type { ChangeHooks } from '../core/change-hooks.ts';
import type { Reply } from '../core/reply.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import type { Services } from '../services/index.ts';
import type { CommandCatalog } from './command-catalog.ts';
import type { TurnContext } from './context.ts';

/** A conversation-level command: gets the turn and the command's argument text. */
export type BuiltinHandler = (turn: TurnContext, args: string) => Promise<Reply>;

/**
 * Commands that are about the conversation rather than an item: greeting, help, undo. Issues that
 * add model chat and background tasks extend this with /new, /tasks, /cancel and the Stop button.
 */
export class BuiltinCommands {
  readonly #extra = new Map<string, BuiltinHandler>();
  constructor(private readonly services: Services, private readonly hooks: ChangeHooks, private readonly commands: CommandCatalog) {}

  /** Adds or replaces a builtin (used by the LLM layer for /new, /tasks, /cancel, stop). */
  register(name: string, run: BuiltinHandler): void {
    this.#extra.set(name, run);
  }

  async run(turn: TurnContext, name: string, args: string): Promise<Reply> {
    const extra = this.#extra.get(name);
    if (extra) return extra(turn, args);
    const lang = turn.lang;
    switch (name) {
      case 'start': {
        const greeting = t(lang, 'start', { name: turn.tool.userName });
        const zone = turn.timeZoneUnset ? t(lang, 'askTimezone') : t(lang, 'timezoneKnown', { zone: turn.svc.timeZone });
        return { text: `${greeting}\n\n${zone}`, language: lang };
      }
      case 'help':
        // Derived from the command catalog: the commands that work here, in this platform's form.
        return { text: this.commands.help(lang, turn.conversation.platform), language: lang };
      case 'undo':
        return this.#undo(turn);
      // Without a language model these have nothing to act on; say so plainly.
      case 'tasks': case 'cancel':
        return { text: t(lang, 'delegateOffline'), language: lang };
      case 'new':
        return { text: t(lang, 'chatOffline'), language: lang };
      case 'stop':
        return { text: t(lang, 'nothingToStop'), language: lang, ephemeral: true };
      default:
        return { text: t(lang, 'comingSoon'), language: lang };
    }
  }

  async #undo(turn: TurnContext): Promise<Reply> {
    const lang = turn.lang;
    const undone = await this.services.undo.undoLast(turn.svc.userId, turn.svc.now);
    if (!undone) return { text: t(lang, 'undoNothing'), language: lang };
    if (undone.entity === 'todo') await this.hooks.todoChanged(undone.entityId);
    else if (undone.entity === 'event') await this.hooks.eventChanged(undone.entityId);
    else if (undone.entity === 'reminder') await this.hooks.reminderChanged(undone.entityId);
    const kind = t(lang, `kind_${undone.entity}` as MessageKey);
    const what = t(lang, `undoWhat_${undone.action}` as MessageKey, { kind });
    return { text: t(lang, 'undoDone', { what }), language: lang, replaceOriginal: turn.message.type === 'button' };
  }
}
