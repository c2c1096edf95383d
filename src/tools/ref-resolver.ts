import { UserFacingError } from '../core/errors.ts';
import type { ItemView } from '../core/reply.ts';
import { t } from '../i18n/index.ts';
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

/**
 * Turns a ref into an item: "#12" is an id; a bare number is a position in the last list of that
 * kind (or an id when no list was shown); anything else is words of the title. Throws the
 * user-facing "not found" when nothing in the actor's scope matches.
 */
export async function resolveRef<T extends { id: number }>(
  ctx: ToolContext, kind: ListKind, lookup: RefLookup<T>, ref: string, status: 'open' | 'done' | 'any' = 'any',
): Promise<RefResult<T>> {
  const text = ref.trim().replace(/^["'“”‘’]+|["'“”‘’.!?]+$/g, '');
  const hash = /^#\s*(\d{1,9})$/.exec(text);
  const bare = /^(\d{1,9})$/.exec(toAsciiDigits(text));
  if (hash || bare) {
    const n = Number((hash ?? bare)![1]);
    const list = bare ? ctx.lastList.get(kind) : undefined;
    const id = list ? list[n - 1] : n;
    if (!id) throw new UserFacingError('notFoundRef', { kind: t(ctx.lang, `kind_${kind}`), ref: text });
    return { kind: 'one', item: await lookup.get(ctx.svc, id) };
  }
  const found = await lookup.findByWords(ctx.svc, text, { status });
  if (found.length === 0 && status !== 'any') {
    const any = await lookup.findByWords(ctx.svc, text, { status: 'any' });
    if (any.length > 0) return any.length === 1 ? { kind: 'one', item: any[0]! } : { kind: 'many', items: any };
  }
  if (found.length === 0) throw new UserFacingError('notFoundRef', { kind: t(ctx.lang, `kind_${kind}`), ref: text });
  return found.length === 1 ? { kind: 'one', item: found[0]! } : { kind: 'many', items: found };
}

/** The reply that lists several matches, remembers them as the last list and asks which one. */
export function ambiguityOutcome(ctx: ToolContext, kind: ListKind, ref: string, views: ItemView[]): ToolOutcome {
  const shown = views.slice(0, 10).map((v, i) => ({ ...v, position: i + 1 }));
  ctx.lastList.set(kind, shown.map((v) => v.id));
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
