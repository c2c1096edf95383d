import { z } from 'zod';
import type { ReplyAction } from '../core/reply.ts';
import { t, type Language } from '../i18n/index.ts';
import { parseNotificationAction } from '../scheduler/default-render.ts';

/**
 * Button payloads (`ntf:…` are a delivered reminder's Done/Snooze, defined by the scheduler). Each is a short string (≤ 64 bytes: Telegram's callback_data limit, well under
 * Discord's 100-character custom_id) that is parsed and validated again when pressed, and acted on
 * only through the presser's own scope.
 */
export type ButtonCommand =
  | { verb: 'done' | 'del'; kind: 'todo' | 'event' | 'memo' | 'reminder'; id: number }
  | { verb: 'pause' | 'resume'; kind: 'reminder'; id: number }
  | { verb: 'ntf'; data: string }
  | { verb: 'undo' }
  | { verb: 'stop' }
  | { verb: 'page'; kind: 'todo' | 'event' | 'memo'; page: number; filter: string }
  /** One reading of a "Did you mean…?" question: `token` ties the press to that very question, `choice` 0 is "none of these". */
  | { verb: 'pick'; token: string; choice: number };

const id = z.coerce.number().int().positive().max(2_000_000_000);
const kind = z.enum(['todo', 'event', 'memo', 'reminder']);

/** Parses pressed-button data; null for anything malformed or forged beyond repair. */
export function parseButton(data: string): ButtonCommand | null {
  if (typeof data !== 'string' || data.length === 0 || Buffer.byteLength(data) > 64) return null;
  const parts = data.split(':');
  const [verb, a, b, c] = parts;
  if (verb === 'undo' && parts.length === 1) return { verb: 'undo' };
  if (verb === 'stop' && parts.length === 1) return { verb: 'stop' };
  if ((verb === 'done' || verb === 'del') && parts.length === 3) {
    const k = kind.safeParse(a);
    const n = id.safeParse(b);
    return k.success && n.success ? { verb, kind: k.data, id: n.data } : null;
  }
  if ((verb === 'pause' || verb === 'resume') && a === 'reminder' && parts.length === 3) {
    const n = id.safeParse(b);
    return n.success ? { verb, kind: 'reminder', id: n.data } : null;
  }
  if (verb === 'ntf') return parseNotificationAction(data) ? { verb, data } : null;
  if (verb === 'page' && parts.length === 4) {
    const k = z.enum(['todo', 'event', 'memo']).safeParse(a);
    const p = z.coerce.number().int().min(1).max(10_000).safeParse(b);
    const f = z.string().regex(/^[a-z_]{0,12}$/).safeParse(c);
    return k.success && p.success && f.success ? { verb, kind: k.data, page: p.data, filter: f.data } : null;
  }
  if (verb === 'pick' && parts.length === 3 && /^[A-Za-z0-9_-]{6,16}$/.test(a!) && /^[0-9]$/.test(b!)) {
    return { verb, token: a!, choice: Number(b) };
  }
  return null;
}

/** Serializes a button command (the inverse of parseButton). */
export function buttonData(cmd: ButtonCommand): string {
  switch (cmd.verb) {
    case 'undo': case 'stop': return cmd.verb;
    case 'done': case 'del': case 'pause': case 'resume': return `${cmd.verb}:${cmd.kind}:${cmd.id}`;
    case 'ntf': return cmd.data;
    case 'page': return `page:${cmd.kind}:${cmd.page}:${cmd.filter}`;
    case 'pick': return `pick:${cmd.token}:${cmd.choice}`;
  }
}

/** The Undo button that follows every change. */
export function undoAction(lang: Language): ReplyAction {
  return { label: t(lang, 'button_undo'), data: buttonData({ verb: 'undo' }), style: 'secondary' };
}

/** Done + Delete (+ Undo) under a todo card. */
export function todoActions(lang: Language, todoId: number, open: boolean, withUndo: boolean): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (open) actions.push({ label: t(lang, 'button_done'), data: buttonData({ verb: 'done', kind: 'todo', id: todoId }), style: 'primary' });
  actions.push({ label: t(lang, 'button_delete'), data: buttonData({ verb: 'del', kind: 'todo', id: todoId }), style: 'danger' });
  if (withUndo) actions.push(undoAction(lang));
  return actions;
}

/** Previous/Next buttons for a paged list. */
export function pageActions(lang: Language, kind: 'todo' | 'event' | 'memo', page: number, pages: number, filter: string): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (page > 1) actions.push({ label: t(lang, 'button_prev'), data: buttonData({ verb: 'page', kind, page: page - 1, filter }) });
  if (page < pages) actions.push({ label: t(lang, 'button_next'), data: buttonData({ verb: 'page', kind, page: page + 1, filter }) });
  return actions;
}
