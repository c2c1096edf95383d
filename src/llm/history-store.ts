import { systemClock, type Clock } from '../core/clock.ts';
import type { Db } from '../db/database.ts';
import { estimateTokens } from './tokens.ts';
import type { ModelMessage } from './model-types.ts';

/** Which conversation: one per person per chat (and thread). */
export interface ConversationKey {
  userId: number;
  platform: string;
  chatId: string;
  threadId?: string;
}

/** A tool call made during a turn, kept with its result so later turns see what was done. */
export interface StoredToolCall {
  id: string;
  name: string;
  arguments: string;
  result: string;
}

/** One stored row: the person's message, or the assistant's answer with the tools it used. */
export interface TurnRow {
  role: 'user' | 'assistant';
  content: string;
  toolCalls?: StoredToolCall[];
}

interface Row { id: number; role: string; content: string; toolCalls: string | null; tokens: number }

/** How many rows at most are read to build a window (the token bound is what really limits it). */
const READ_LIMIT = 200;

/**
 * The durable memory of each conversation (Conversation + Message rows), so history survives a
 * restart. The model gets a window of the most recent turns bounded by tokens; turns that fall out
 * of it are folded into the conversation's summary by `compact` and deleted. `/new` opens a fresh
 * conversation.
 */
export class HistoryStore {
  constructor(private readonly db: Db, private readonly windowTokens: number, private readonly clock: Pick<Clock, 'now'> = systemClock) {}

  /** The current conversation for `key` (the newest one), created when there is none. */
  async open(key: ConversationKey): Promise<{ id: number; summary: string | null }> {
    const where = { userId: key.userId, platform: key.platform, chatId: key.chatId, threadId: key.threadId ?? null };
    const found = await this.db.conversation.findFirst({ where, orderBy: { id: 'desc' }, select: { id: true, summary: true } });
    return found ?? this.db.conversation.create({ data: where, select: { id: true, summary: true } });
  }

  /** Starts afresh: later messages go to a new, empty conversation. */
  async startFresh(key: ConversationKey): Promise<void> {
    await this.db.conversation.create({ data: { userId: key.userId, platform: key.platform, chatId: key.chatId, threadId: key.threadId ?? null } });
  }

  /** The most recent turns that fit in the token window, as model messages (oldest first). */
  async window(conversationId: number): Promise<ModelMessage[]> {
    const { inside } = await this.#split(conversationId);
    return inside.flatMap(toModelMessages);
  }

  /** Stores the rows of one finished turn. */
  async append(conversationId: number, rows: readonly TurnRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.$transaction([
      ...rows.map((r) => this.db.message.create({
        data: {
          conversationId, role: r.role, content: r.content,
          toolCalls: r.toolCalls?.length ? JSON.stringify(r.toolCalls) : null,
          tokens: estimateTokens(r.content) + (r.toolCalls ?? []).reduce((n, c) => n + estimateTokens(c.name + c.arguments + c.result), 0),
        },
      })),
      this.db.conversation.update({ where: { id: conversationId }, data: { updatedAt: this.clock.now() } }),
    ]);
  }

  /**
   * Folds turns that no longer fit the window into the summary (through `summarize`, a model call)
   * and deletes them. Waits until at least half a window has fallen out, so it runs now and then,
   * not every turn. Returns true when it compacted.
   */
  async compact(conversationId: number, summarize: (previous: string | null, transcript: string) => Promise<string>): Promise<boolean> {
    const { outside } = await this.#split(conversationId);
    const outsideTokens = outside.reduce((n, r) => n + r.tokens, 0);
    if (outside.length === 0 || outsideTokens < this.windowTokens / 2) return false;
    const conv = await this.db.conversation.findUnique({ where: { id: conversationId }, select: { summary: true } });
    const transcript = outside.map((r) => `${r.role}: ${r.content}${r.toolCalls ? ` [tools: ${(JSON.parse(r.toolCalls) as StoredToolCall[]).map((c) => `${c.name}(${c.arguments}) -> ${c.result}`).join('; ')}]` : ''}`).join('\n');
    const summary = (await summarize(conv?.summary ?? null, transcript)).trim();
    if (!summary) return false;
    await this.db.$transaction([
      this.db.conversation.update({ where: { id: conversationId }, data: { summary } }),
      this.db.message.deleteMany({ where: { conversationId, id: { lte: outside[outside.length - 1]!.id } } }),
    ]);
    return true;
  }

  /** Splits the stored rows into the window (newest that fit) and the older rest. */
  async #split(conversationId: number): Promise<{ inside: Row[]; outside: Row[] }> {
    const rows = (await this.db.message.findMany({
      where: { conversationId }, orderBy: { id: 'desc' }, take: READ_LIMIT,
      select: { id: true, role: true, content: true, toolCalls: true, tokens: true },
    })).reverse();
    let budget = this.windowTokens;
    let start = rows.length;
    while (start > 0 && budget - rows[start - 1]!.tokens >= 0) {
      budget -= rows[start - 1]!.tokens;
      start--;
    }
    // A window opens with the person's message, never halfway through a turn.
    while (start < rows.length && rows[start]!.role !== 'user') start++;
    return { inside: rows.slice(start), outside: rows.slice(0, start) };
  }
}

/** One stored row as model messages: tool calls become an assistant call + tool results + the answer. */
function toModelMessages(row: Row): ModelMessage[] {
  if (row.role === 'user') return [{ role: 'user', content: row.content }];
  const calls = row.toolCalls ? (JSON.parse(row.toolCalls) as StoredToolCall[]) : [];
  const out: ModelMessage[] = [];
  if (calls.length) {
    // Ids are made unique per stored row: servers reuse ids like "call_0" across requests.
    const id = (i: number) => `h${row.id}_${i}`;
    out.push({ role: 'assistant', content: null, tool_calls: calls.map((c, i) => ({ id: id(i), type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) });
    calls.forEach((c, i) => out.push({ role: 'tool', tool_call_id: id(i), content: c.result }));
  }
  if (row.content) out.push({ role: 'assistant', content: row.content });
  return out;
}
