/**
 * Documents people send for /import: fetched here because the core never touches the network
 * (getFile, then `<apiRoot>/file/bot<token>/<file_path>`), and never more than the core takes — a
 * file over MAX_ATTACHMENT_BYTES is passed on by size alone so the core can say it is too big. Also
 * remembers who just sent `/import` without a file, so the document that follows counts as theirs.
 */
import type { Api } from 'grammy';
import type { Document } from 'grammy/types';
import { lruCache, MAX_ATTACHMENT_BYTES, PlatformError, type Clock, type InboundAttachment, type InboundMessage, type LruCache } from '../../src/core/index.ts';

/** A document as the adapter carries it from normalizing to downloading. */
export interface TelegramDocument {
  fileId: string;
  name: string;
  mimeType?: string;
  /** What Telegram says the file weighs; absent for some old files. */
  size?: number;
}

/** Downloads one document as an attachment (see file comment); rejects with PlatformError. */
export type DocumentFetcher = (doc: TelegramDocument, signal?: AbortSignal) => Promise<InboundAttachment>;

/** The adapter's view of a message's document. */
export function documentOf(doc: Document): TelegramDocument {
  return {
    fileId: doc.file_id, name: doc.file_name ?? 'file',
    ...(doc.mime_type && { mimeType: doc.mime_type }), ...(doc.file_size !== undefined && { size: doc.file_size }),
  };
}

/** Builds the fetcher over the bot's Api; `fileRoot` is `<apiRoot>/file/bot<token>` (a secret: never logged). */
export function createDocumentFetcher(api: Api, fileRoot: string): DocumentFetcher {
  return async (doc, signal) => {
    const meta = { name: doc.name, ...(doc.mimeType && { mimeType: doc.mimeType }) };
    const tooBig = (size: number): InboundAttachment => ({ ...meta, content: new Uint8Array(0), size });
    if (doc.size !== undefined && doc.size > MAX_ATTACHMENT_BYTES) return tooBig(doc.size);
    // grammY types its signal with the abort-controller polyfill; Node's own AbortSignal is what it uses.
    const info = await api.getFile(doc.fileId, signal as Parameters<Api['getFile']>[1]);
    if (info.file_size !== undefined && info.file_size > MAX_ATTACHMENT_BYTES) return tooBig(info.file_size);
    if (!info.file_path) throw new PlatformError('getFile returned no file_path', 'telegram', undefined, false);
    const res = await fetch(`${fileRoot}/${info.file_path}`, { ...(signal && { signal }) });
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new PlatformError(`document download failed: HTTP ${res.status}`, 'telegram', res.status, false);
    }
    const read = await readAtMost(res, MAX_ATTACHMENT_BYTES);
    return read.over ? tooBig(read.bytes) : { ...meta, content: read.content };
  };
}

/** Reads a body up to `max` bytes; stops (and says so) as soon as it is longer. */
async function readAtMost(res: Response, max: number): Promise<{ over: false; content: Uint8Array } | { over: true; bytes: number }> {
  if (!res.body) return { over: false, content: new Uint8Array(0) };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > max) {
      await reader.cancel().catch(() => {});
      return { over: true, bytes };
    }
    chunks.push(value);
  }
  const content = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    content.set(c, at);
    at += c.byteLength;
  }
  return { over: false, content };
}

/** How long `/import` without a file waits for the document as the person's next message. */
const IMPORT_WAIT_MS = 10 * 60_000;
/** People waiting at once; past this the longest-waiting are forgotten first (they can send /import again). */
const MAX_WAITING = 10_000;

/**
 * People who sent `/import` without a file, per chat (and topic): their next message, if it is a
 * document, is the file to import. Any other message from them ends the wait.
 */
export class PendingImports {
  /** The one bounded cache: a wait expires IMPORT_WAIT_MS after the /import, on the injected clock. */
  readonly #waiting: LruCache<string, true>;

  constructor(clock: Pick<Clock, 'now'>) {
    this.#waiting = lruCache({ max: MAX_WAITING, ttlMs: IMPORT_WAIT_MS, clock });
  }

  /** Records what a message means for the person's wait (`hasFile`: it came with its document). */
  noteMessage(message: InboundMessage, hasFile: boolean): void {
    if (message.type === 'button') return;
    const key = keyOf(message);
    if (message.type === 'command' && message.name === 'import' && !hasFile) this.#waiting.set(key, true);
    else this.#waiting.delete(key);
  }

  /** Whether a document without a command is the file this person's `/import` waits for (ends the wait). */
  take(message: InboundMessage): boolean {
    const key = keyOf(message);
    const waiting = this.#waiting.get(key) === true;
    this.#waiting.delete(key);
    return waiting;
  }
}

function keyOf(message: InboundMessage): string {
  return `${message.conversation.chatId}|${message.conversation.threadId ?? ''}|${message.actor.userId}`;
}
