/**
 * Edited messages: when a person edits the message that created an item, the item follows the
 * edit. The new text is read again with the offline parser; when it still asks for the same kind of
 * item, the changed title and time go through that kind's update tool (so validation, scope, undo
 * and the scheduler's outbox follow as for any change) and the reply says so. When it no longer
 * reads as that kind of item, the item is left as it was and the reply says that instead. An edit
 * of a message that created nothing is not for us: no reply, and certainly no second item.
 */
import type { InboundCommand, InboundText } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { nextOccurrence } from '../recurrence/next-run.ts';
import { NotFoundError } from '../services/errors.ts';
import type { CommandTextParser } from '../tools/command.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { firstWords } from '../tools/views.ts';
import type { Classifier, ClassifyContext } from './classifier.ts';
import type { CommandCatalog } from './command-catalog.ts';
import type { TurnContext } from './context.ts';
import type { CreatedItem, CreatedKind, MessageItemStore } from './message-items.ts';
import { parseRecurrencePhrase } from './recurrence-phrase.ts';
import { timeRefusal } from './request-guards.ts';

/** What following an edit needs; built once in the orchestrator. */
export interface EditFollowerDeps {
  tools: ToolRegistry;
  commands: CommandCatalog;
  classifier: Classifier;
  parseCommandText: CommandTextParser;
  items: MessageItemStore;
}

/** The create intent of each kind, and the update tool that changes it. */
const FAMILY: Record<CreatedKind, { create: string; update: string }> = {
  todo: { create: 'create_todo', update: 'update_todo' },
  event: { create: 'create_event', update: 'update_event' },
  reminder: { create: 'create_reminder', update: 'update_reminder' },
  memo: { create: 'create_memo', update: 'update_memo' },
};

/** An item as the edit compares it: its words, its time, how it repeats. */
interface ItemState {
  words: string;
  at: Date | null;
  recurrence?: string | null;
}

/** What the edited text now asks for: a create intent with its params, or nothing readable. */
interface Reading {
  tool: string;
  params: Record<string, unknown>;
  /** The words checked for impossible times ("feb 30"). */
  source: string;
}

/** Applies a person's message edit to the items that message created (see file comment). */
export class EditFollower {
  constructor(private readonly deps: EditFollowerDeps) {}

  /** The reply for an edited message, or null when the edit has nothing to change. */
  async follow(turn: TurnContext, msg: InboundText | InboundCommand): Promise<Reply | null> {
    if (!msg.messageId) return null;
    const conversation = turn.conversation;
    const created = await this.deps.items.itemsOf(turn.svc.userId, conversation, msg.messageId);
    const items: { item: CreatedItem; state: ItemState }[] = [];
    for (const item of created) {
      const state = await this.#state(turn, item);
      if (state) items.push({ item, state });
      else await this.deps.items.forget(turn.svc.userId, conversation, msg.messageId, item); // deleted since
    }
    if (items.length === 0) return null;

    const reading = await this.#reread(turn, msg);
    const same = reading ? items.filter(({ item }) => FAMILY[item.kind].create === reading.tool) : [];
    if (same.length > 1) return this.#reply(turn, 'editSeveralItems', {});
    const target = same[0];
    if (reading && target) {
      const refusal = timeRefusal(turn.lang, reading.tool, reading.source);
      if (refusal) return { ...refusal, text: `${refusal.text}\n${t(turn.lang, 'editLeftAsItWas')}` };
    }
    const patch = reading && target ? this.#patch(target.item.kind, target.state, reading.params) : null;
    if (!target || !patch) {
      const first = items[0]!;
      return this.#reply(turn, 'editNotFollowed', { kind: t(turn.lang, `kind_${first.item.kind}`), title: firstWords(first.state.words, 80) });
    }
    if (Object.keys(patch).length === 0) return null; // the edit changed nothing the item holds

    const { item } = target;
    const outcome = await this.deps.tools.run(FAMILY[item.kind].update, turn.tool, { ref: `#${item.id}`, ...patch });
    if (outcome.result.status !== 'updated') return outcome.reply;
    const after = await this.#state(turn, item);
    const what = after ? this.#describe(turn, after) : '';
    return { ...outcome.reply, text: t(turn.lang, 'editFollowed', { what }), language: turn.lang };
  }

  /** The new text read as a plan, the way the router reads a new message (commands and free text). */
  async #reread(turn: TurnContext, msg: InboundText | InboundCommand): Promise<Reading | null> {
    const ctx: ClassifyContext = { now: turn.svc.now, timeZone: turn.svc.timeZone, language: turn.lang };
    const words = msg.type === 'command' ? msg.args : msg.text;
    const repeat = parseRecurrencePhrase(words, { now: turn.svc.now, timeZone: turn.svc.timeZone });
    const rest = repeat ? repeat.rest : words;
    let tool: string;
    let params: Record<string, unknown>;
    if (msg.type === 'command') {
      const plan = this.deps.commands.plan(msg.name, rest, this.deps.parseCommandText, ctx);
      if (plan.kind !== 'tool') return null;
      ({ tool, params } = plan);
    } else {
      ({ intent: tool, params } = await this.deps.classifier.classify(rest, ctx));
    }
    if (repeat && (tool === 'create_reminder' || tool === 'create_todo')) {
      const first = nextOccurrence(repeat.rule, turn.svc.timeZone, turn.svc.now);
      params = { ...params, recurrence: repeat.rule, ...(first && { [tool === 'create_reminder' ? 'at' : 'due']: first.toISOString() }) };
    }
    return { tool, params, source: words };
  }

  /**
   * The update for one item from the new params: only the fields that changed. Null when the new
   * text gives none of the item's fields (a bare "/todo" is not a new version of a todo).
   */
  #patch(kind: CreatedKind, state: ItemState, params: Record<string, unknown>): Record<string, unknown> | null {
    const text = (key: string) => (typeof params[key] === 'string' && (params[key] as string).trim() !== '' ? (params[key] as string).trim() : undefined);
    const words = text(kind === 'reminder' ? 'text' : kind === 'memo' ? 'content' : 'title');
    const timeKey = kind === 'reminder' ? 'at' : kind === 'event' ? 'start' : kind === 'todo' ? 'due' : undefined;
    const when = timeKey ? text(timeKey) : undefined;
    if (words === undefined && when === undefined) return null;
    const patch: Record<string, unknown> = {};
    const wordsKey = kind === 'reminder' ? 'text' : kind === 'memo' ? 'content' : 'title';
    if (words !== undefined && words !== state.words) patch[wordsKey] = words;
    if (timeKey && when !== undefined && new Date(when).getTime() !== state.at?.getTime()) patch[timeKey] = when;
    if (kind === 'event' && patch.start !== undefined && text('end') !== undefined) patch.end = text('end');
    const rule = text('recurrence');
    if (kind === 'reminder' && rule !== undefined && rule !== state.recurrence) patch.recurrence = rule;
    return patch;
  }

  /** The item as it is now in the person's scope, or null when it is gone. */
  async #state(turn: TurnContext, item: CreatedItem): Promise<ItemState | null> {
    const { services } = turn.tool;
    try {
      switch (item.kind) {
        case 'todo': { const x = await services.todos.get(turn.svc, item.id); return { words: x.title, at: x.dueAt }; }
        case 'event': { const x = await services.events.get(turn.svc, item.id); return { words: x.title, at: x.startAt }; }
        case 'reminder': { const x = await services.reminders.get(turn.svc, item.id); return { words: x.text, at: x.at, recurrence: x.recurrence }; }
        case 'memo': { const x = await services.memos.get(turn.svc, item.id); return { words: x.content, at: null }; }
      }
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** "buy oat milk — Fri 4 Dec, 17:00": what the item now says, for the reply. */
  #describe(turn: TurnContext, state: ItemState): string {
    const words = firstWords(state.words, 80);
    return state.at ? `${words} — ${formatDateTime(turn.lang, state.at, turn.svc.timeZone, turn.svc.now)}` : words;
  }

  #reply(turn: TurnContext, key: 'editNotFollowed' | 'editSeveralItems', vars: Record<string, string>): Reply {
    return { text: t(turn.lang, key, vars), language: turn.lang };
  }
}
