import type { Db } from '../db/database.ts';
import type { Memo } from '../generated/prisma/client.ts';
import { logChange, logCreate } from './change-log.ts';
import { createItem } from './create-item.ts';
import { NotFoundError, rethrowMissing } from './errors.ts';
import { rankAndPreferExact } from './fts-query.ts';
import { bestBySound, SOUND_ALIKE_POOL } from './fuzzy-title-match.ts';
import { ScopeAccess, assertMayDelete, assertMayEdit } from './scope-access.ts';
import { scopeData, scopeWhere, type ServiceContext } from './scope.ts';
import { SearchService } from './search-service.ts';
import type { Changed } from './todo-service.ts';

/** A new memo. */
export interface NewMemo {
  content: string;
  title?: string;
  tags?: readonly string[];
}

/** Fields to change; `null` clears the title. */
export interface MemoPatch {
  content?: string;
  title?: string | null;
  tags?: readonly string[];
}

/**
 * Tags as stored: lower-case, without '#', spaces inside a tag turned into '-', de-duplicated,
 * space-separated. One string column keeps them searchable by the FTS triggers (body = content + tags).
 */
export function encodeTags(tags: readonly string[] | undefined): string {
  const clean = (tags ?? [])
    .map((t) => t.trim().replace(/^#+/, '').trim().toLowerCase().replace(/\s+/g, '-'))
    .filter((t) => t.length > 0);
  return [...new Set(clean)].join(' ');
}

/** A memo's tags as a list (the inverse of encodeTags). */
export function memoTags(memo: Pick<Memo, 'tags'>): string[] {
  return memo.tags.split(' ').filter((t) => t.length > 0);
}

/**
 * Free-form notes in a scope. Listing with a query goes through the search service (ranked FTS),
 * listing without one shows the newest first.
 */
export class MemoService {
  private readonly search: SearchService;

  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db)) {
    this.search = new SearchService(db, access);
  }

  /** Saves a memo in the context's scope. */
  async create(ctx: ServiceContext, input: NewMemo): Promise<Memo> {
    await this.access.assert(ctx, 'memo');
    return createItem(this.db, ctx.now, {
      insert: (tx) => tx.memo.create({
        data: {
          content: input.content.trim(),
          title: input.title?.trim() || null,
          tags: encodeTags(input.tags),
          createdById: ctx.userId,
          ...scopeData(ctx.scope),
        },
      }),
      log: (tx) => logCreate(tx, ctx.userId, 'memo', ctx.now),
      idOf: (m) => m.id,
    });
  }

  /** Newest memos, or with `query` the best-matching ones (search restricted to memos). */
  async list(ctx: ServiceContext, options: { query?: string; limit?: number } = {}): Promise<Memo[]> {
    const limit = Math.max(1, Math.min(options.limit ?? 20, 100));
    if (options.query === undefined || options.query.trim() === '') {
      await this.access.assert(ctx, 'memo');
      return this.db.memo.findMany({
        where: scopeWhere(ctx.scope),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
    }
    const hits = await this.search.search(ctx, options.query, { kinds: ['memo'], limit });
    if (hits.length === 0) return [];
    const ids = hits.map((h) => h.id);
    const rows = await this.db.memo.findMany({ where: { id: { in: ids }, ...scopeWhere(ctx.scope) } });
    const position = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  }

  /** One memo of the scope, or NotFoundError. */
  async get(ctx: ServiceContext, id: number): Promise<Memo> {
    await this.access.assert(ctx, 'memo');
    const memo = await this.db.memo.findFirst({ where: { id, ...scopeWhere(ctx.scope) } });
    if (!memo) throw new NotFoundError('memo');
    return memo;
  }

  /**
   * Memos whose title or text has all the words (as word prefixes); an exact title/content wins
   * alone. When none has, the newest memos whose words sound like them (another script or spelling).
   */
  async findByWords(ctx: ServiceContext, words: string | readonly string[]): Promise<Memo[]> {
    await this.access.assert(ctx, 'memo');
    const ids = await this.search.idsByWords(ctx.scope, 'memo', words, ['title', 'body']);
    if (ids.length === 0) {
      const pool = await this.db.memo.findMany({ where: scopeWhere(ctx.scope), orderBy: { id: 'desc' }, take: SOUND_ALIKE_POOL });
      return bestBySound(words, pool, (m) => [m.title, m.content]);
    }
    const rows = await this.db.memo.findMany({ where: { id: { in: ids }, ...scopeWhere(ctx.scope) } });
    return rankAndPreferExact(rows, ids, words, (m) => [m.title, m.content]);
  }

  /** Edits a memo. */
  async update(ctx: ServiceContext, id: number, patch: MemoPatch): Promise<Changed<Memo>> {
    const before = await this.get(ctx, id);
    const data: Partial<Memo> = {};
    if (patch.content !== undefined) data.content = patch.content.trim();
    if (patch.title !== undefined) data.title = patch.title === null ? null : patch.title.trim() || null;
    if (patch.tags !== undefined) data.tags = encodeTags(patch.tags);
    if (Object.keys(data).length === 0) return { before, after: before };
    assertMayEdit(ctx, before.createdById);
    const [after] = await this.db
      .$transaction([
        this.db.memo.update({ where: { id, ...scopeWhere(ctx.scope) }, data }),
        logChange(this.db, ctx.userId, 'memo', id, 'update', before, ctx.now),
      ])
      .catch(rethrowMissing('memo'));
    return { before, after };
  }

  /** Deletes a memo (shared ones: creator or chat admin only) and returns the deleted row. */
  async delete(ctx: ServiceContext, id: number): Promise<Memo> {
    const before = await this.get(ctx, id);
    assertMayDelete(ctx, before.createdById);
    await this.db
      .$transaction([
        this.db.memo.delete({ where: { id, ...scopeWhere(ctx.scope) }, select: { id: true } }),
        logChange(this.db, ctx.userId, 'memo', id, 'delete', before, ctx.now),
      ])
      .catch(rethrowMissing('memo'));
    return before;
  }
}
