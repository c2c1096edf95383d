/**
 * The HTTP endpoint for webhook deployments. Every POST must carry the secret token Telegram was
 * given in setWebhook (compared in constant time), so nobody else can inject updates. An update is
 * stored first (the durable inbox) and acknowledged as soon as it is stored, then handled in the
 * background: a streamed answer can take longer than Telegram waits, and a late answer would make
 * it deliver the same update again. When storing fails Telegram gets a 500 and delivers it again. `GET /healthz`
 * says whether the bot is taking updates, for load balancers and orchestrators.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';

/** What the webhook server needs. */
export interface WebhookServerOptions {
  host: string;
  port: number;
  /** Path Telegram posts to (the public URL's path). */
  path: string;
  secret: string;
  /** Stores an update before it is acknowledged; resolves true when it was new (then it is handled). */
  store(update: Update): Promise<boolean>;
  /** Handles an accepted update; must not throw (errors are its own to log). */
  onUpdate(update: Update): void;
  log: Logger;
}

/** A running webhook endpoint. */
export interface WebhookServer {
  readonly port: number;
  /** New updates get 503 (Telegram retries them later); health turns to 503. */
  stopAccepting(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
const HEALTH_PATH = '/healthz';

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reply(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts listening; resolves once the port is bound. */
export async function startWebhookServer(o: WebhookServerOptions): Promise<WebhookServer> {
  let accepting = true;
  const sockets = new Set<Socket>();

  const accept = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], o.secret)) {
      o.log.warn({ remote: req.socket.remoteAddress }, 'webhook request without the right secret token; refused');
      req.resume();
      return reply(res, 401, { ok: false, error: 'unauthorized' });
    }
    if (!accepting) {
      req.resume();
      return reply(res, 503, { ok: false, error: 'shutting down' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reply(res, 413, { ok: false, error: 'too large' });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      let update: Update;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update;
      } catch {
        return reply(res, 400, { ok: false, error: 'bad json' });
      }
      if (typeof update?.update_id !== 'number') return reply(res, 400, { ok: false, error: 'not an update' });
      void o.store(update).then((fresh) => {
        reply(res, 200, { ok: true });
        if (fresh) o.onUpdate(update); // not fresh: Telegram re-sent one it already gave us
      }, (error: unknown) => {
        o.log.error({ err: error, updateId: update.update_id }, 'could not store a webhook update; Telegram will send it again');
        reply(res, 500, { ok: false, error: 'not stored' });
      });
    });
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === HEALTH_PATH) return reply(res, accepting ? 200 : 503, { ok: accepting, mode: 'webhook' });
    if (req.method === 'POST' && path === o.path) return accept(req, res);
    req.resume();
    reply(res, 404, { ok: false, error: 'not found' });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    stopAccepting: () => { accepting = false; },
    close: () => new Promise<void>((resolve) => {
      accepting = false;
      server.close(() => resolve());
      server.closeIdleConnections();
      for (const s of sockets) s.destroy();
    }),
  };
}
