/**
 * Structured replies as Telegram HTML plus an inline keyboard. Everything that came from a person
 * or a model is escaped, so a todo called "<b>" or "a & b" shows as typed and never breaks
 * parse_mode (a 400 "can't parse entities" would lose the whole reply).
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Card, ItemView, Reply, ReplyAction } from '../../src/core/index.ts';
import { splitMessage } from '../../src/orchestrator/index.ts';

/** Telegram's limit for one message's text, in UTF-16 units after entity parsing. */
export const TELEGRAM_MAX_MESSAGE_LENGTH = 4096;

/** Telegram's limit for callback_data, in bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

/** A reply ready for sendMessage/editMessageText. */
export interface RenderedReply {
  /** HTML for parse_mode "HTML". */
  html: string;
  /** What Telegram counts against the 4096 limit (the text without tags and escapes). */
  length: number;
  /** Absent when the reply has no buttons (an edit without it removes the old keyboard). */
  keyboard?: InlineKeyboardMarkup;
  /** Buttons left out because their data does not fit 64 bytes (a core bug worth a log line). */
  dropped: ReplyAction[];
}

/** One output line: its HTML and its visible length. */
interface Line {
  html: string;
  plain: string;
}

const RLM = '\u200F';

/** Escapes the three characters Telegram's HTML parser reserves. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const plainLines = (text: string): Line[] => text.split('\n').map((l) => ({ html: escapeHtml(l), plain: l }));
const wrap = (tag: string, l: Line): Line => ({ html: `<${tag}>${l.html}</${tag}>`, plain: l.plain });
const join = (parts: Line[], sep: string): Line => ({ html: parts.map((p) => p.html).join(escapeHtml(sep)), plain: parts.map((p) => p.plain).join(sep) });
const text = (s: string): Line => ({ html: escapeHtml(s), plain: s });

function itemTitle(item: ItemView): Line {
  return item.done ? join([text('✅'), wrap('s', text(item.title))], ' ') : wrap('b', text(item.title));
}

function cardLines(card: Card, replyText: string): Line[] {
  if (card.type === 'item') {
    const lines = [itemTitle(card.item)];
    if (card.item.details.length) lines.push(wrap('i', text(card.item.details.join(' · '))));
    return lines;
  }
  if (card.items.length === 0) return card.emptyText && card.emptyText !== replyText ? plainLines(card.emptyText) : [];
  const lines: Line[] = [];
  if (card.title && card.title !== replyText) lines.push(wrap('b', text(card.title)));
  for (const [i, item] of card.items.entries()) {
    const head = text(`${item.position ?? i + 1}. `);
    const title = item.done ? join([text('✅'), wrap('s', text(item.title))], ' ') : text(item.title);
    const parts = [head, title];
    if (item.details.length) parts.push(text(' — '), wrap('i', text(item.details.join(' · '))));
    lines.push(join(parts, ''));
  }
  if (card.pages && card.pages > 1) lines.push(text(`(${card.page ?? 1}/${card.pages})`));
  return lines;
}

function keyboardOf(actions: readonly ReplyAction[] | undefined): { keyboard?: InlineKeyboardMarkup; dropped: ReplyAction[] } {
  const dropped: ReplyAction[] = [];
  const usable = (actions ?? []).filter((a) => {
    const ok = a.label.trim() !== '' && a.data !== '' && Buffer.byteLength(a.data, 'utf8') <= MAX_CALLBACK_DATA_BYTES;
    if (!ok) dropped.push(a);
    return ok;
  });
  if (!usable.length) return { dropped };
  const button = (a: ReplyAction): InlineKeyboardButton => ({ text: a.label, callback_data: a.data });
  // Previous/Next get a row of their own under the item buttons; at most three buttons per row.
  const paging = usable.filter((a) => a.data.startsWith('page:'));
  const others = usable.filter((a) => !a.data.startsWith('page:'));
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < others.length; i += 3) rows.push(others.slice(i, i + 3).map(button));
  if (paging.length) rows.push(paging.map(button));
  return { keyboard: { inline_keyboard: rows }, dropped };
}

/**
 * Renders text, card and buttons. Urdu replies get a right-to-left mark at the start of each line
 * (when it still fits), so numbered lists and lines that begin with digits or Latin words keep the
 * right-to-left paragraph direction on every client.
 */
export function renderReply(reply: Reply): RenderedReply {
  const lines = replyLines(reply);
  let html = lines.map((l) => l.html).join('\n');
  let length = lines.reduce((n, l) => n + l.plain.length, 0) + Math.max(0, lines.length - 1);
  if (reply.language === 'ur' && length + lines.length <= TELEGRAM_MAX_MESSAGE_LENGTH) {
    html = lines.map((l) => (l.plain === '' ? l.html : RLM + l.html)).join('\n');
    length += lines.filter((l) => l.plain !== '').length;
  }
  const { keyboard, dropped } = keyboardOf(reply.actions);
  return keyboard ? { html, length, keyboard, dropped } : { html, length, dropped };
}

/** The reply's output lines: its text (or the list's bold title), then the card. */
function replyLines(reply: Reply): Line[] {
  const lines: Line[] = [];
  const card = reply.card ? cardLines(reply.card, reply.text) : [];
  const titleIsText = reply.card?.type === 'list' && reply.card.items.length > 0 && reply.card.title === reply.text && reply.text !== '';
  if (titleIsText) lines.push(wrap('b', text(reply.text)));
  else if (reply.text !== '') lines.push(...plainLines(reply.text));
  if (card.length) {
    if (lines.length && reply.card?.type === 'item') lines.push(text(''));
    lines.push(...card);
  }
  return lines;
}

/**
 * A reply as as many messages as Telegram needs, each within `max` visible characters (4,096,
 * counted after entity parsing, direction marks included): whole lines are packed in order, so
 * a list card is cut between items and a tag or an entity is never cut; a single line longer than
 * a message is cut like splitMessage (on a space where it can), as plain text. The buttons go on
 * the last message, which is the one a later edit targets.
 */
export function renderReplyParts(reply: Reply, max = TELEGRAM_MAX_MESSAGE_LENGTH): RenderedReply[] {
  const rtl = reply.language === 'ur';
  const cost = (l: Line): number => l.plain.length + (rtl && l.plain !== '' ? 1 : 0);
  const lines = replyLines(reply).flatMap((l) => (cost(l) <= max ? [l] : splitMessage(l.plain, max - (rtl ? 1 : 0)).map(text)));
  const parts: Line[][] = [];
  let current: Line[] = [];
  let used = 0;
  for (const line of lines) {
    const extra = (current.length ? 1 : 0) + cost(line);
    if (current.length && used + extra > max) {
      parts.push(current);
      current = [];
      used = 0;
    }
    used += (current.length ? 1 : 0) + cost(line);
    current.push(line);
  }
  parts.push(current);
  const shown = parts.map(trimBlank).filter((p) => p.length > 0);
  if (shown.length === 0) return [renderReply(reply)];
  const { keyboard, dropped } = keyboardOf(reply.actions);
  return shown.map((part, i) => {
    const html = part.map((l) => (rtl && l.plain !== '' ? RLM + l.html : l.html)).join('\n');
    const length = part.reduce((n, l) => n + cost(l), 0) + part.length - 1;
    const last = i === shown.length - 1;
    return last && keyboard ? { html, length, keyboard, dropped } : { html, length, dropped: last ? dropped : [] };
  });
}

/** A part without blank lines at its ends (Telegram trims them, and a blank part would be refused). */
function trimBlank(part: Line[]): Line[] {
  let start = 0;
  let end = part.length;
  while (start < end && part[start]!.plain.trim() === '') start++;
  while (end > start && part[end - 1]!.plain.trim() === '') end--;
  return part.slice(start, end);
}
