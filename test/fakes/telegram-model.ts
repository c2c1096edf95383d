/**
 * Data shapes used by the fake Telegram Bot API: users, chats, stored messages, recorded calls,
 * injectable faults, and the Telegram error type. Kept apart from the server so the server file is
 * only about routing and behaviour.
 */

/** A Telegram user as a test describes it (the fake adds `is_bot: false`). */
export interface TgUserInput {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_bot?: boolean;
}

/** Telegram chat types the fake understands. */
export type TgChatType = 'private' | 'group' | 'supergroup' | 'channel';

/** A chat object exactly as Telegram puts it in a Message. */
export interface TgChat {
  id: number;
  type: TgChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  is_forum?: true;
}

/** A message the fake knows about (sent by the bot or injected as from a user), with its final state. */
export interface TgStoredMessage {
  message_id: number;
  chatId: number;
  fromBot: boolean;
  text?: string;
  caption?: string;
  parse_mode?: string;
  reply_markup?: unknown;
  message_thread_id?: number;
  reply_parameters?: unknown;
  document?: { file_id: string; file_unique_id: string; file_name?: string; mime_type?: string; file_size?: number };
  /** Texts (or captions) before each edit, oldest first. */
  history: string[];
  edits: number;
  deleted: boolean;
  /** The Telegram Message object as last returned / delivered. */
  raw: Record<string, unknown>;
}

/** One recorded Bot API call. `error` is set when the fake answered ok:false. */
export interface TgCall {
  method: string;
  params: Record<string, unknown>;
  /** Files uploaded in a multipart request (field name, filename, size, and the bytes). */
  files: { field: string; filename: string; size: number; data: Buffer }[];
  /** When the request arrived (ms), on the fake's clock (the wall clock by default). */
  at: number;
  result?: unknown;
  error?: { error_code: number; description: string };
}

/**
 * A scripted failure for `failNext`. `code` answers with a Telegram error (429 adds retry_after),
 * `drop` destroys the socket (the client sees a network error), `acceptThenDrop` carries the call
 * out (the message exists) and then destroys the socket before answering (the answer is lost),
 * `hang` holds the request unanswered until the client goes away and never carries it out (a stuck
 * API, or a request the client died waiting on), `delayMs` holds the request first (alone it only delays a normal answer).
 */
export type TgFault =
  | { code: number; description?: string; retryAfter?: number; migrateToChatId?: number; delayMs?: number }
  | { drop: true; delayMs?: number }
  | { acceptThenDrop: true; delayMs?: number }
  | { hang: true }
  | { delayMs: number };

/** A Bot API error; the server turns it into `{ ok:false, error_code, description, parameters }`. */
export class TgApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }
}

/** The descriptions Telegram uses for common codes when a fault does not give its own. */
export function defaultDescription(code: number, retryAfter?: number): string {
  switch (code) {
    case 400: return 'Bad Request';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden: bot was blocked by the user';
    case 404: return 'Not Found';
    case 409: return 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
    case 429: return `Too Many Requests: retry after ${retryAfter ?? 1}`;
    case 500: return 'Internal Server Error';
    case 502: return 'Bad Gateway';
    default: return `Error ${code}`;
  }
}

/** The exact description Telegram gives when an edit changes nothing. */
export const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

/**
 * Telegram's entities for an incoming text: bot_command for `/cmd` or `/cmd@bot` and mention for
 * `@username`, with UTF-16 offsets (JS string indices are UTF-16, so they match Telegram's).
 */
export function computeEntities(text: string): { type: 'bot_command' | 'mention'; offset: number; length: number }[] {
  const out: { type: 'bot_command' | 'mention'; offset: number; length: number }[] = [];
  const re = /(^|[\s([{,;!?])(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?|@[A-Za-z0-9_]{4,32})(?![A-Za-z0-9_@/])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const token = m[2] as string;
    const offset = m.index + (m[1] as string).length;
    out.push({ type: token.startsWith('/') ? 'bot_command' : 'mention', offset, length: token.length });
  }
  return out;
}

/** A rough visible length (tags/escapes removed) for Telegram's 4096-character text limit. */
export function visibleLength(text: string, parseMode: unknown): number {
  const mode = typeof parseMode === 'string' ? parseMode.toLowerCase() : '';
  if (mode === 'html') return text.replace(/<[^>]*>/g, '').replace(/&(lt|gt|amp|quot|#\d+);/g, '_').length;
  if (mode === 'markdownv2') return text.replace(/\\(.)/g, '$1').replace(/[*_~|`]/g, '').length;
  return text.length;
}

/** Full chat info (`getChat`) from the short chat object. */
export function chatFullInfo(chat: TgChat): Record<string, unknown> {
  return { ...chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false } };
}

/** Number from a param that may arrive as a number or numeric string; undefined otherwise. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}
