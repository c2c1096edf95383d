/**
 * Files the fake Bot API holds: documents people send (FakeTelegramServer.sendDocument). As on
 * Telegram, `getFile` turns a file_id into a `file_path` (refusing files over 20 MB, which bots may
 * not download), and `GET /file/bot<token>/<file_path>` serves the bytes. Downloads are recorded so
 * a test can tell whether a bot fetched a file at all.
 */
import type http from 'node:http';
import { TgApiError } from './telegram-model.ts';

/** A file the fake can serve. */
export interface TgHeldFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_name?: string;
  mime_type?: string;
  data: Buffer;
}

/** The most a bot may download through the Bot API. */
const BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** The fake's file store (see file comment). */
export class TgFileStore {
  /** file_path of every file served, in order. */
  readonly downloads: string[] = [];
  readonly #byId = new Map<string, TgHeldFile>();
  readonly #byPath = new Map<string, TgHeldFile>();
  #next = 1;

  /** Holds `data` and returns the file (its file_id goes into the message's `document`). */
  add(data: Uint8Array | string, meta: { file_name?: string; mime_type?: string } = {}): TgHeldFile {
    const n = this.#next++;
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(meta.file_name ?? '')?.[0] ?? '';
    const file: TgHeldFile = {
      file_id: `BQACAgIAAx-fake-${n}`, file_unique_id: `AgADfake${n}`, file_path: `documents/file_${n}${ext}`,
      ...meta, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data),
    };
    this.#byId.set(file.file_id, file);
    this.#byPath.set(file.file_path, file);
    return file;
  }

  /** The Telegram Document object for a held file. */
  document(file: TgHeldFile): Record<string, unknown> {
    return {
      file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.data.length,
      ...(file.file_name !== undefined && { file_name: file.file_name }), ...(file.mime_type !== undefined && { mime_type: file.mime_type }),
    };
  }

  /** `getFile`'s result, or the error Telegram gives. */
  getFile(fileId: unknown): Record<string, unknown> {
    const file = this.#byId.get(String(fileId ?? ''));
    if (!file) throw new TgApiError(400, 'Bad Request: invalid file_id');
    if (file.data.length > BOT_DOWNLOAD_LIMIT) throw new TgApiError(400, 'Bad Request: file is too big');
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.data.length, file_path: file.file_path };
  }

  /** Answers `GET /file/bot<token>/<file_path>` (after the server checked the token). */
  serve(filePath: string, res: http.ServerResponse): void {
    const file = this.#byPath.get(filePath);
    if (!file) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return;
    }
    this.downloads.push(filePath);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.length }).end(file.data);
  }
}
