import type { Db } from '../db/database.ts';
import { matchExpression, searchTokens, type MatchOptions } from './fts-query.ts';
import { rankBySound, SOUND_ALIKE_POOL } from './fuzzy-title-match.ts';
import type { ScopeAccess } from './scope-access.ts';
import { scopeWhere, type Scope, type ServiceContext } from './scope.ts';

/** The item kinds the full-text index holds. */
export type SearchKind = 'todo' | 'event' | 'memo';

/** One ranked search result; `snippet` marks matched words with [brackets]. */
export interface SearchHit {
  kind: SearchKind;
  id: number;
  title: string;
  snippet: string;
  /** bm25 score: lower is better (FTS5 convention). */
  rank: number;
}

/** Options for a search. */
export interface SearchOptions {
  kinds?: readonly SearchKind[];
  /** At most this many hits (default 10, capped at 100). */
  limit?: number;
}

const ALL_KINDS: readonly SearchKind[] = ['todo', 'event', 'memo'];

/** SearchIndex rowids are `scopeKey * 2^33 + itemId * 4 + kind` (see the search_index migration). */
const SCOPE_SHIFT = 33n;
const KIND_CODE: Record<SearchKind, number> = { todo: 1, event: 2, memo: 3 };
const KIND_BY_CODE: Record<number, SearchKind> = { 1: 'todo', 2: 'event', 3: 'memo' };
/** SQL for an item's id and kind code from its rowid. */
const ID_SQL = '((rowid & 8589934591) >> 2)';
const KIND_SQL = '(rowid & 3)';
/**
 * When a query matches more than this many items in a scope, only the newest this-many are ranked:
 * bm25 over tens of thousands of rows costs tens of milliseconds, and in a personal assistant the
 * recent items are the likely ones.
 */
export const RANK_WINDOW = 500;

/** The rowid range holding one scope's rows, so a search reads no other scope's index entries. */
export function scopeRange(scope: Scope): { lo: bigint; hi: bigint } {
  const key = scope.kind === 'personal' ? BigInt(scope.userId) * 2n : BigInt(scope.spaceId) * 2n + 1n;
  const lo = key << SCOPE_SHIFT;
  return { lo, hi: lo + (1n << SCOPE_SHIFT) - 1n };
}

interface RawHit {
  kind: number | bigint;
  id: number | bigint;
  title: string | null;
  snippet: string | null;
  rank: number;
}

/**
 * Full-text search over todos, events and memos through the FTS5 `SearchIndex` (kept in sync by
 * triggers). Words are ANDed with the last one as a prefix; if that finds nothing and there are
 * several words, any word will do (OR). Titles weigh four times as much as bodies in bm25. When no
 * word is found at all, items whose words sound like the query (another script or spelling:
 * "dudh" for "دودھ لینا") are the hits.
 */
export class SearchService {
  constructor(private readonly db: Db, private readonly access: ScopeAccess) {}

  /** Ranked hits for the user's words in the context's scope; [] when there is nothing searchable. */
  async search(ctx: ServiceContext, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    await this.access.assert(ctx, 'space');
    const tokens = searchTokens(query);
    if (tokens.length === 0) return [];
    const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : ALL_KINDS;
    const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
    const hits = await this.run(ctx.scope, tokens, { join: 'AND', prefix: 'last' }, kinds, limit);
    if (hits.length > 0) return hits;
    const any = tokens.length < 2 ? [] : await this.run(ctx.scope, tokens, { join: 'OR', prefix: 'last' }, kinds, limit);
    return any.length > 0 ? any : this.soundAlike(ctx.scope, query, kinds, limit);
  }

  /** Hits whose words sound like the query, over the scope's newest items of each kind; rank is minus the score. */
  private async soundAlike(scope: Scope, query: string, kinds: readonly SearchKind[], limit: number): Promise<SearchHit[]> {
    const where = scopeWhere(scope);
    const newest = { orderBy: { id: 'desc' as const }, take: SOUND_ALIKE_POOL };
    const [todos, events, memos] = await Promise.all([
      kinds.includes('todo') ? this.db.todo.findMany({ where, ...newest, select: { id: true, title: true } }) : [],
      kinds.includes('event') ? this.db.event.findMany({ where, ...newest, select: { id: true, title: true } }) : [],
      kinds.includes('memo') ? this.db.memo.findMany({ where, ...newest, select: { id: true, title: true, content: true } }) : [],
    ]);
    const pool = [
      ...todos.map((t) => ({ kind: 'todo' as const, id: t.id, title: t.title, texts: [t.title] })),
      ...events.map((e) => ({ kind: 'event' as const, id: e.id, title: e.title, texts: [e.title] })),
      ...memos.map((m) => ({ kind: 'memo' as const, id: m.id, title: m.title ?? m.content.trim().slice(0, 60), texts: [m.title, m.content] })),
    ];
    return rankBySound(query, pool, (p) => p.texts)
      .slice(0, limit)
      .map(({ item, score }) => ({ kind: item.kind, id: item.id, title: item.title, snippet: item.title, rank: -score }));
  }

  /**
   * Ids of items of one kind whose chosen columns contain every word (as a word prefix), best first.
   * Used by the item services' findByWords (case- and accent-insensitive, any script).
   */
  async idsByWords(
    scope: Scope,
    kind: SearchKind,
    words: string | readonly string[],
    columns: readonly ('title' | 'body')[],
    limit = 50,
  ): Promise<number[]> {
    const tokens = searchTokens(words);
    // Whole words with the last as a prefix first (fast: exact doclists); only if that finds nothing,
    // every word as a prefix ("dent appoint" → "Dentist appointment"), which FTS5 answers slower.
    const exact = await this.matchIds(scope, kind, matchExpression(tokens, { join: 'AND', prefix: 'last', columns }), limit);
    if (exact.length > 0 || tokens.length < 2) return exact;
    return this.matchIds(scope, kind, matchExpression(tokens, { join: 'AND', prefix: 'all', columns }), limit);
  }

  private async matchIds(scope: Scope, kind: SearchKind, match: string | null, limit: number): Promise<number[]> {
    if (match === null) return [];
    const { lo, hi } = scopeRange(scope);
    const rows = await this.db.$queryRawUnsafe<{ id: number | bigint }[]>(
      `SELECT ${ID_SQL} AS id FROM SearchIndex
        WHERE SearchIndex MATCH ? AND rowid BETWEEN ? AND ? AND ${KIND_SQL} = ? ORDER BY rank LIMIT ?`,
      match, lo, hi, KIND_CODE[kind], limit,
    );
    return rows.map((r) => Number(r.id));
  }

  private async run(
    scope: Scope,
    tokens: string[],
    how: MatchOptions,
    kinds: readonly SearchKind[],
    limit: number,
  ): Promise<SearchHit[]> {
    const match = matchExpression(tokens, how);
    if (match === null) return [];
    const { lo, hi } = scopeRange(scope);
    const kindSql = kinds.length === ALL_KINDS.length ? '' : ` AND ${KIND_SQL} IN (${kinds.map(() => '?').join(', ')})`;
    const kindParams = kinds.length === ALL_KINDS.length ? [] : kinds.map((k) => KIND_CODE[k]);
    // Phase one: the rowid of the RANK_WINDOW-th newest match (cheap: rowid order needs no ranking).
    const floorRows = await this.db.$queryRawUnsafe<{ rowid: number | bigint }[]>(
      `SELECT rowid FROM SearchIndex WHERE SearchIndex MATCH ? AND rowid BETWEEN ? AND ?${kindSql}
        ORDER BY rowid DESC LIMIT 1 OFFSET ${RANK_WINDOW - 1}`,
      match, lo, hi, ...kindParams,
    );
    const floor = floorRows[0] ? BigInt(floorRows[0].rowid) : lo;
    // Phase two: rank (titles weigh 4× bodies) only within that window.
    const rows = await this.db.$queryRawUnsafe<RawHit[]>(
      `SELECT ${KIND_SQL} AS kind, ${ID_SQL} AS id,
              CASE WHEN title = '' THEN substr(trim(body), 1, 60) ELSE title END AS title,
              snippet(SearchIndex, -1, '[', ']', '…', 10) AS snippet, rank
         FROM SearchIndex
        WHERE SearchIndex MATCH ? AND rank MATCH 'bm25(4.0, 1.0)' AND rowid BETWEEN ? AND ?${kindSql}
        ORDER BY rank LIMIT ?`,
      match, floor, hi, ...kindParams, limit,
    );
    return rows.map((r) => ({
      kind: KIND_BY_CODE[Number(r.kind)]!,
      id: Number(r.id),
      title: r.title ?? '',
      snippet: r.snippet ?? '',
      rank: Number(r.rank),
    }));
  }
}
