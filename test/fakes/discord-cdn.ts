/**
 * The fake Discord's CDN: files a person attaches to a slash command option (`/import file:`).
 * Discord uploads them first, puts them under `data.resolved.attachments` of the interaction (the
 * option's value is the attachment id) and serves them from
 * `cdn.discordapp.com/ephemeral-attachments/<app>/<id>/<filename>?ex=…`; here the same path is
 * served by the fake's own HTTP server. Downloads are recorded so a test can tell whether a bot
 * fetched a file at all.
 */
import type http from 'node:http';
import { snowflake } from './discord-model.ts';

type Json = Record<string, unknown>;

/** A file a test attaches to a command option. */
export interface DiscordAttachmentInput {
  filename: string;
  content: Uint8Array | string;
  contentType?: string;
}

/** Holds attachments and serves them (see file comment). */
export class DiscordCdn {
  /** Paths of every file served, in order. */
  readonly downloads: string[] = [];
  readonly #files = new Map<string, { data: Buffer; contentType: string }>();

  constructor(private readonly baseUrl: () => string, private readonly appId: string) {}

  /** Uploads a file and returns its attachment object, as `resolved.attachments[id]` carries it. */
  add(input: DiscordAttachmentInput): Json {
    const id = snowflake();
    const data = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : Buffer.from(input.content);
    const path = `/ephemeral-attachments/${this.appId}/${id}/${encodeURIComponent(input.filename)}`;
    const contentType = input.contentType ?? 'application/octet-stream';
    this.#files.set(path, { data, contentType });
    const query = `?ex=${Math.floor(Date.now() / 1000 + 86_400).toString(16)}&is=0&hm=fake`;
    return {
      id, filename: input.filename, size: data.length, url: `${this.baseUrl()}${path}${query}`, proxy_url: `${this.baseUrl()}${path}${query}`,
      ...(input.contentType !== undefined && { content_type: input.contentType }), ephemeral: true,
    };
  }

  /** Whether `path` is a CDN path (the server then lets `serve` answer). */
  handles(path: string): boolean {
    return path.startsWith('/ephemeral-attachments/');
  }

  /** Answers a GET for a held file, 404 otherwise (as the CDN does for unknown or expired links). */
  serve(path: string, res: http.ServerResponse): void {
    const file = this.#files.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('This content is no longer available.');
      return;
    }
    this.downloads.push(path);
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length }).end(file.data);
  }
}
