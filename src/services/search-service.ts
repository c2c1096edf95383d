import type { Db } from '../db/database.ts';
import { matchExpression, searchTokens, type MatchOptions } from './fts-query.ts';
import type { ScopeAccess } from './scope-access.ts';
import type { Scope, ServiceContext } from './scope.ts';

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
 * several words, any word will do (OR). Titles weigh four times as much as bodies in bm25.
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
    if (hits.length > 0 || tokens.length < 2) return hits;
    return this.run(ctx.scope, tokens, { join: 'OR', prefix: 'last' }, kinds, limit);
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
