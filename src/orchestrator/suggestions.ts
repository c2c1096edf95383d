import type { Clock } from '../core/clock.ts';
import type { Actor, ConversationRef } from '../core/inbound.ts';
import type { Language } from '../i18n/index.ts';
import { conversationScope } from './conversation-scope.ts';
import type { Services } from '../services/index.ts';
import type { ServiceContext } from '../services/scope.ts';
import { reminderLine } from '../tools/reminder-refs.ts';
import { eventView, firstWords, memoView, todoView } from '../tools/views.ts';

/** Item kinds a platform can offer as it-completes-as-you-type choices. */
export type SuggestionKind = 'todo' | 'event' | 'memo' | 'reminder';

/** One autocomplete lookup: who is typing, where, for which kind of item, and what they typed so far. */
export interface SuggestionRequest {
  actor: Actor;
  /** Decides the scope exactly like a message would: a DM is personal, a group/guild is its shared list. */
  conversation: ConversationRef;
  kind: SuggestionKind;
  /** 'open' offers only open todos (for "done"); default 'any'. */
  status?: 'open' | 'any';
  partial: string;
  /** At most this many (Discord shows 25). */
  limit?: number;
}

/** A choice: `name` is what the person sees, `value` the ref the command receives ("#12"). */
export interface Suggestion {
  name: string;
  value: string;
}

/**
 * Read-only item lookups for autocomplete. Unlike listing through a command, it never touches the
 * "last list" a person's "/done 2" refers to, never asks questions and never counts against the
 * message rate limit; it is scoped like every service call, so nobody is offered items they
 * could not act on.
 */
export interface Suggestions {
  suggest(request: SuggestionRequest): Promise<Suggestion[]>;
}

/** What the service-backed suggestions need from the app. */
export interface SuggestionDeps {
  services: Services;
  clock: Pick<Clock, 'now'>;
  defaultTimeZone: string;
  accessMode: 'open' | 'allowlist';
  allowedUsers: readonly string[];
}

const MAX_NAME = 100;

/**
 * Suggestions over the services. The person and the space are resolved the way the pipeline
 * resolves them (so a member's first keystroke in a server already sees the server's list); any
 * failure (not a member, a malformed query) offers nothing rather than an error mid-typing.
 */
export class ServiceSuggestions implements Suggestions {
  readonly #allowed: Set<string>;

  constructor(private readonly deps: SuggestionDeps) {
    this.#allowed = new Set(deps.allowedUsers);
  }

  async suggest(request: SuggestionRequest): Promise<Suggestion[]> {
    const actorKey = `${request.actor.platform}:${request.actor.userId}`;
    if (this.deps.accessMode === 'allowlist' && !this.#allowed.has(actorKey)) return [];
    try {
      const { svc, lang } = await this.#context(request);
      const limit = Math.max(1, Math.min(request.limit ?? 25, 25));
      const views = await this.#find(svc, lang, request, limit);
      return views.slice(0, limit).map((v) => ({ name: clip(v.name), value: `#${v.id}` }));
    } catch {
      return [];
    }
  }

  async #context(request: SuggestionRequest): Promise<{ svc: ServiceContext; lang: Language }> {
    const { services, clock, defaultTimeZone } = this.deps;
    const conv = request.conversation;
    const { user } = await services.users.resolveIdentity({
      platform: request.actor.platform, externalId: request.actor.userId, displayName: request.actor.displayName,
    });
    const { scope } = await conversationScope(services, conv, user.id, request.actor.isChatAdmin ?? false);
    const lang: Language = user.language === 'ur' ? 'ur' : 'en';
    const svc: ServiceContext = {
      userId: user.id, scope, isSpaceAdmin: request.actor.isChatAdmin ?? false,
      timeZone: user.timezone ?? defaultTimeZone, now: clock.now(),
    };
    return { svc, lang };
  }

  async #find(svc: ServiceContext, lang: Language, request: SuggestionRequest, limit: number): Promise<{ id: number; name: string }[]> {
    const { services } = this.deps;
    const partial = request.partial.trim().slice(0, 200);
    const byId = /^#?\s*(\d{1,9})$/.exec(partial);
    switch (request.kind) {
      case 'todo': {
        const open = request.status === 'open';
        const name = (todo: Parameters<typeof todoView>[0]) => {
          const view = todoView(todo, lang, svc);
          return `${view.done ? '✔ ' : ''}${view.title}${view.details[0] ? ` · ${view.details[0]}` : ''}`;
        };
        if (byId) {
          const todo = await services.todos.get(svc, Number(byId[1])).catch(() => null);
          if (todo && (!open || todo.status === 'open')) return [{ id: todo.id, name: name(todo) }];
        }
        if (!partial || byId) {
          const { items } = await services.todos.list(svc, { filter: open ? 'open' : 'all', limit });
          return items.map((x) => ({ id: x.id, name: name(x) }));
        }
        const found = await services.todos.findByWords(svc, partial, { status: open ? 'open' : 'any' });
        return found.map((x) => ({ id: x.id, name: name(x) }));
      }
      case 'event': {
        const name = (e: Parameters<typeof eventView>[0]) => `${e.title} · ${eventView(e, lang, svc).details[0] ?? ''}`;
        if (byId) {
          const event = await services.events.get(svc, Number(byId[1])).catch(() => null);
          if (event) return [{ id: event.id, name: name(event) }];
        }
        const found = !partial || byId ? await services.events.list(svc, { limit }) : await services.events.findByWords(svc, partial);
        return found.map((e) => ({ id: e.id, name: name(e) }));
      }
      case 'memo': {
        const name = (m: Parameters<typeof memoView>[0]) => memoView(m).title || firstWords(m.content, 60);
        if (byId) {
          const memo = await services.memos.get(svc, Number(byId[1])).catch(() => null);
          if (memo) return [{ id: memo.id, name: name(memo) }];
        }
        const found = !partial || byId ? await services.memos.list(svc, { limit }) : await services.memos.findByWords(svc, partial);
        return found.map((m) => ({ id: m.id, name: name(m) }));
      }
      case 'reminder': {
        // The scope's own reminders (a todo's or event's follows its item and is picked there).
        const name = (r: Parameters<typeof reminderLine>[0]) => `${r.text} · ${reminderLine(r, lang, svc).details.join(' · ')}`;
        if (byId) {
          const reminder = await services.reminders.get(svc, Number(byId[1])).catch(() => null);
          if (reminder && (reminder.status === 'pending' || reminder.status === 'paused')) return [{ id: reminder.id, name: name(reminder) }];
        }
        // Both read only upcoming ones (pending or paused): a fired one-off is not offered.
        const found = !partial || byId ? await services.reminders.listUpcoming(svc, { limit }) : await services.reminders.findByWords(svc, partial);
        return found.map((r) => ({ id: r.id, name: name(r) }));
      }
    }
  }
}

/** Discord (and sensible UIs) cap a choice's label at 100 characters; never cut a surrogate pair. */
function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim() || '…';
  if (flat.length <= MAX_NAME) return flat;
  let cut = MAX_NAME - 1;
  const code = flat.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${flat.slice(0, cut)}…`;
}
