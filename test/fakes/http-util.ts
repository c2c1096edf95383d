/**
 * HTTP plumbing shared by the fake Telegram / Discord / OpenAI servers: a loopback server that
 * tracks every socket (so `close()` is instant and vitest exits without open handles), body
 * reading and parsing (JSON, multipart/form-data, urlencoded, query string), and a log poller
 * for `waitFor`. Nothing here knows about any particular API.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A running loopback HTTP server whose sockets are all tracked, so it can be closed at once. */
export interface LoopbackServer {
  readonly server: http.Server;
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Hands a socket to the tracker (used for upgraded sockets the http server forgets). */
  track(socket: Socket): void;
  /** TCP connections accepted so far (a client that reuses its connections keeps this small). */
  readonly connectionsAccepted: number;
  /** Destroys every socket and stops listening. Never waits for clients. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1, port 0. Handler errors become a 500 JSON answer instead of an
 * unhandled rejection, so a bug in a fake shows up as a failing request, not a crashed worker.
 */
export async function startLoopbackServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          sendJson(res, 500, { error: `fake server bug: ${String((err as Error)?.stack ?? err)}` });
        } else res.destroy();
      });
  });
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  let connectionsAccepted = 0;
  server.on('connection', (socket: Socket) => {
    connectionsAccepted++;
    track(socket);
  });
  // Node's default. Node clients read the `Keep-Alive: timeout=N` hint and refuse to pool a socket
  // when N ≤ 1 s, so a short value here made every request after a lull open a new connection.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    track,
    get connectionsAccepted() {
      return connectionsAccepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads a whole request body (bounded at 50 MB so a runaway client cannot hang a test). */
export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 50 * 1024 * 1024) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** One uploaded file from a multipart body. */
export interface UploadedFile {
  /** The form field name the file was sent under. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A parsed request body: plain fields plus any files. */
export interface ParsedBody {
  fields: Record<string, unknown>;
  files: UploadedFile[];
  /** Raw body text when it was not JSON/multipart/form (for diagnostics). */
  raw?: string;
}

/**
 * Parses a body by content type. Multipart parsing is deliberately lenient about header spacing
 * because grammY writes `content-disposition:form-data;name="x";filename=y` with no spaces or quotes.
 */
export function parseBody(req: http.IncomingMessage, body: Buffer): ParsedBody {
  const url = new URL(req.url ?? '/', 'http://x');
  const fields: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) fields[k] = coerceFormValue(k, v);
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (body.length === 0) return { fields, files: [] };
  if (type.includes('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(fields, parsed);
    else fields['$body'] = parsed;
    return { fields, files: [] };
  }
  if (type.includes('multipart/form-data')) {
    const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(String(req.headers['content-type']));
    const boundary = m?.[1] ?? m?.[2];
    if (!boundary) throw new Error('multipart body without boundary');
    const parsed = parseMultipart(body, boundary.trim());
    Object.assign(fields, parsed.fields);
    return { fields, files: parsed.files };
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) fields[k] = coerceFormValue(k, v);
    return { fields, files: [] };
  }
  return { fields, files: [], raw: body.toString('utf8') };
}

const TEXT_KEYS = new Set(['text', 'caption', 'content', 'data', 'description', 'title', 'query']);

/**
 * Form values are strings on the wire; objects/arrays are JSON and ids are numbers, so coerce those
 * (only those: a caption of "123" must stay a string).
 */
export function coerceFormValue(key: string, value: string): unknown {
  if (TEXT_KEYS.has(key)) return value;
  const t = value.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return value;
    }
  }
  if (/(^|_)id$|^offset$|^limit$|^timeout$/.test(key) && /^-?\d+$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return value;
}

/** Splits a multipart/form-data body into fields and files. */
export function parseMultipart(body: Buffer, boundary: string): { fields: Record<string, unknown>; files: UploadedFile[] } {
  const fields: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  const delim = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delim);
  while (pos !== -1) {
    let start = pos + delim.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing "--"
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(delim, start);
    if (next === -1) break;
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    const part = body.subarray(start, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const data = part.subarray(headerEnd + 4);
      const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1] ?? '';
      const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
      const ctype = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      if (filename !== undefined) files.push({ field: name, filename, contentType: ctype, data: Buffer.from(data) });
      else fields[name] = coerceFormValue(name, data.toString('utf8'));
    }
    pos = next;
  }
  return { fields, files };
}

/** Writes a JSON response with the right length, so keep-alive clients never wait for more. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Resolves after `ms`, or at once when ms <= 0. Only used where a test asked for a delay. */
export function delay(ms: number | undefined): Promise<void> {
  if (!ms || ms <= 0) return Promise.resolve();
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `find` every 10 ms until it returns a value, or rejects after `timeoutMs` with `describe()`
 * appended, so a failing test says what the fake actually saw instead of just "timeout".
 */
export function pollUntil<T>(find: () => T | undefined, timeoutMs: number, label: string, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise<T>((resolve, reject) => {
    const tick = (): void => {
      let found: T | undefined;
      try {
        found = find();
      } catch (err) {
        reject(err as Error);
        return;
      }
      if (found !== undefined) resolve(found);
      else if (Date.now() >= deadline) reject(new Error(`${label} timed out after ${timeoutMs} ms.\n${describe()}`));
      else setTimeout(tick, 10);
    };
    tick();
  });
}
