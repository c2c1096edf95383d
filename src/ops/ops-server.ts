import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../core/clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { HealthRegistry } from './health.ts';
import type { Metrics } from './metrics.ts';

/** What the operations endpoints read. */
export interface OpsServerOptions {
  port: number;
  host?: string;
  db: Db;
  health: HealthRegistry;
  metrics: Metrics;
  logger: Logger;
  /** Longest wait for the database before /healthz calls it unreachable. */
  dbTimeoutMs?: number;
  /** Times that wait (default the system clock). */
  clock?: Clock;
}

/** A running operations server. */
export interface OpsServer {
  /** The port actually bound (useful with port 0 in tests). */
  port: number;
  close(): Promise<void>;
}

/** Checks the database with a trivial query, bounded in time. */
async function databaseCheck(db: Db, timeoutMs: number, clock: Clock): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now(); // a measured duration for the report, not a decision
  let cancel: (() => void) | undefined;
  try {
    await Promise.race([
      db.$queryRawUnsafe('SELECT 1'),
      new Promise((_, reject) => { cancel = clock.setTimeout(() => reject(new Error('timed out')), timeoutMs); }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message.slice(0, 200) : 'failed' };
  } finally {
    cancel?.();
  }
}

/**
 * GET /healthz (200 when the database answers and every platform this process runs is connected,
 * else 503; JSON details either way) and GET /metrics (Prometheus text). Nothing else is served.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const log = options.logger.child({ area: 'ops' });
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
    if (url.pathname === '/healthz') {
      void databaseCheck(options.db, options.dbTimeoutMs ?? 2_000, options.clock ?? systemClock).then((database) => {
        const platforms = options.health.platforms();
        const healthy = database.ok && Object.values(platforms).every((p) => p.connected);
        send(healthy ? 200 : 503, 'application/json', `${JSON.stringify({ status: healthy ? 'ok' : 'unhealthy', database, platforms })}\n`);
      });
      return;
    }
    if (url.pathname === '/metrics') {
      options.metrics.render().then(
        (text) => send(200, options.metrics.contentType, text),
        (error: unknown) => {
          log.error({ err: error }, 'collecting metrics failed');
          send(500, 'text/plain', 'metrics unavailable\n');
        },
      );
      return;
    }
    send(404, 'text/plain', 'not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, host: options.host ?? '127.0.0.1' }, 'health and metrics endpoints listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
