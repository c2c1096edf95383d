import { UserFacingError } from '../core/errors.ts';
import type { ItemView } from '../core/reply.ts';
import { t, type Language } from '../i18n/index.ts';
import { NotFoundError } from '../services/errors.ts';
import type { ServiceContext } from '../services/scope.ts';
import type { ListKind } from './last-list.ts';
import type { ToolContext, ToolOutcome } from './tool.ts';

/** The two lookups every item service offers; both are scoped by the context. */
export interface RefLookup<T> {
  get(ctx: ServiceContext, id: number): Promise<T>;
  findByWords(ctx: ServiceContext, words: string, opts?: { status?: 'open' | 'done' | 'any' }): Promise<T[]>;
}

/** One item found, or several that the person must choose between. */
export type RefResult<T> = { kind: 'one'; item: T } | { kind: 'many'; items: T[] };

/** A list number older than this asks again instead of acting on what may have moved. */
export const LIST_FRESH_MS = 30 * 60_000;

/** The command that shows a list of each kind, named in the questions below. */
const LIST_COMMAND: Record<ListKind, string> = { todo: '/todos', event: '/events', memo: '/memos', reminder: '/reminders' };

/**
 * A list number that cannot safely be read: no list of that kind was shown in this chat, the
 * newest list here is of another kind, it is stale, or its item is gone. The person is asked which
 * item they mean (the tool registry turns this into a question the next message answers) instead
 * of the number being read against the wrong list.
 */
export class RefQuestion extends UserFacingError {
  constructor(key: 'refNoList' | 'refOtherList' | 'refStale' | 'refGone', readonly refKind: ListKind, ref: string, other?: ListKind) {
    super(key, { kind: refKind, ref, command: LIST_COMMAND[refKind], minutes: LIST_FRESH_MS / 60_000, ...(other && { other }) });
    this.name = 'RefQuestion';
  }

  /** The question in the person's language (kinds translated). */
  text(lang: Language): string {
    const vars: Record<string, string | number> = { ...this.vars, kind: t(lang, `kind_${this.refKind}`) };
    if (typeof this.vars.other === 'string') vars.other = t(lang, `kind_${this.vars.other as ListKind}`);
    return t(lang, this.key as 'refNoList', vars);
  }
}

/**
 * Turns a ref into an item: "#12" is an id; a bare number is a position in the list of that kind
 * last shown in this chat; anything else is words of the title. A bare number is read only against
 * a fresh list of the same kind that is also the newest list here, so "/done 2" straight after
 * /memos never completes todo 2 of an older list; otherwise RefQuestion asks. Throws the
 * user-facing "not found" when nothing in the actor's scope matches.
 */
export async function resolveRef<T extends { id: number }>(
  ctx: ToolContext, kind: ListKind, lookup: RefLookup<T>, ref: string, status: 'open' | 'done' | 'any' = 'any',
): Promise<RefResult<T>> {
  const text = ref.trim().replace(/^["'“”‘’]+|["'“”‘’.!?]+$/g, '');
  const hash = /^#\s*(\d{1,9})$/.exec(text);
  if (hash) return { kind: 'one', item: await lookup.get(ctx.svc, Number(hash[1])) };
  const bare = /^(\d{1,9})$/.exec(toAsciiDigits(text));
  if (bare) return { kind: 'one', item: await byPosition(ctx, kind, lookup, Number(bare[1]), text) };
  const found = await lookup.findByWords(ctx.svc, text, { status });
  if (found.length === 0 && status !== 'any') {
    const any = await lookup.findByWords(ctx.svc, text, { status: 'any' });
    if (any.length > 0) return any.length === 1 ? { kind: 'one', item: any[0]! } : { kind: 'many', items: any };
  }
  if (found.length === 0) throw new UserFacingError('notFoundRef', { kind: t(ctx.lang, `kind_${kind}`), ref: text });
  return found.length === 1 ? { kind: 'one', item: found[0]! } : { kind: 'many', items: found };
}

/** The item at `position` of the list of `kind` shown in this chat, or a RefQuestion. */
async function byPosition<T extends { id: number }>(ctx: ToolContext, kind: ListKind, lookup: RefLookup<T>, position: number, text: string): Promise<T> {
  const [shown, latest] = await Promise.all([ctx.lastList.get(kind), ctx.lastList.latest()]);
  if (!shown) throw new RefQuestion('refNoList', kind, text);
  if (latest && latest.kind !== kind) throw new RefQuestion('refOtherList', kind, text, latest.kind);
  if (ctx.svc.now.getTime() - shown.shownAt.getTime() > LIST_FRESH_MS) throw new RefQuestion('refStale', kind, text);
  const id = shown.ids[position - 1];
  if (!id) throw new UserFacingError('notFoundRef', { kind, ref: text });
  try {
    return await lookup.get(ctx.svc, id);
  } catch (error) {
    if (error instanceof NotFoundError) throw new RefQuestion('refGone', kind, text);
    throw error;
  }
}

/** The reply that lists several matches, remembers them as the last list and asks which one. */
export async function ambiguityOutcome(ctx: ToolContext, kind: ListKind, ref: string, views: ItemView[]): Promise<ToolOutcome> {
  const shown = views.slice(0, 10).map((v, i) => ({ ...v, position: i + 1 }));
  await ctx.lastList.set(kind, shown.map((v) => v.id));
  return {
    reply: {
      text: t(ctx.lang, 'ambiguous', { kind: t(ctx.lang, `kind_${kind}`), ref }),
      card: { type: 'list', title: t(ctx.lang, 'ambiguous', { kind: t(ctx.lang, `kind_${kind}`), ref }), items: shown },
      language: ctx.lang,
    },
    result: { status: 'ambiguous', candidates: shown.map((v) => ({ id: v.id, title: v.title })) },
    ask: { param: 'ref' },
  };
}

/** Urdu/Arabic-Indic digits to ASCII, so "۲" picks item 2. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}
