import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { withCorrelation } from '../../src/core/correlation.ts';
import { meteredChannel } from '../../src/ops/instrumented.ts';
import { startOpsServer, type OpsServer } from '../../src/ops/ops-server.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { Channel } from '../../src/core/channel.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

let h: Harness;
let ops: OpsServer;
const get = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${ops.port}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

beforeEach(async () => {
  h = await createHarness();
  ops = await startOpsServer({ port: 0, db: h.app.db, health: h.app.health, metrics: h.app.metrics, logger: createLogger('silent') });
});
afterEach(async () => {
  await ops.close();
  await h.cleanup();
});

describe('GET /healthz', () => {
  it('is 200 while the database answers and every platform is connected, 503 otherwise', async () => {
    const empty = await get('/healthz');
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.body)).toMatchObject({ status: 'ok', database: { ok: true }, platforms: {} });

    h.app.health.report('telegram', true);
    h.app.health.report('discord', true);
    expect((await get('/healthz')).status).toBe(200);
    h.app.health.report('discord', false);
    const down = await get('/healthz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toMatchObject({ status: 'unhealthy', platforms: { telegram: { connected: true }, discord: { connected: false } } });
    h.app.health.report('discord', true);
    expect((await get('/healthz')).status).toBe(200);

    await h.app.db.$disconnect();
    await (h.app.db as unknown as { $connect(): Promise<void> }).$connect(); // still reachable after a reconnect
    expect((await get('/healthz')).status).toBe(200);
  });

  it('reports an unreachable database', async () => {
    const broken = { $queryRawUnsafe: () => Promise.reject(new Error('SQLITE_CANTOPEN: unable to open database file')) };
    const other = await startOpsServer({ port: 0, db: broken as never, health: h.app.health, metrics: h.app.metrics, logger: createLogger('silent') });
    try {
      const res = await fetch(`http://127.0.0.1:${other.port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ database: { ok: false, error: expect.stringContaining('unable to open') } });
    } finally {
      await other.close();
    }
  });

  it('answers only GET and HEAD on the two paths', async () => {
    expect((await get('/')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${ops.port}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});

describe('GET /metrics', () => {
  it('exposes messages, tool calls, notifications and platform errors in Prometheus text format', async () => {
    await h.say('/todo buy milk tomorrow 9am');
    await h.say('/todos');
    await h.say('/done 7'); // no such item: the tool refuses
    await h.press('done:todo:abc'); // a malformed button never reaches a tool
    const user = await h.app.db.user.findFirstOrThrow();
    const due = new Date('2026-11-21T04:00:00Z');
    await h.app.db.notification.createMany({ data: [
      { kind: 'reminder', userId: user.id, dueAt: due, status: 'sent', sentAt: new Date(due.getTime() + 5_000), dedupeKey: 'a' },
      { kind: 'reminder', userId: user.id, dueAt: due, status: 'sent', sentAt: new Date(due.getTime() + 3 * 3_600_000), dedupeKey: 'b' },
      { kind: 'reminder', userId: user.id, dueAt: due, status: 'failed', dedupeKey: 'c' },
    ] });
    // A platform refusing a reminder, seen through the metered channel the scheduler gets.
    const refusing: Channel = {
      platform: 'telegram', capabilities: { maxMessageLength: 4096, minEditIntervalDmMs: 1, minEditIntervalGroupMs: 1, buttons: true, format: 'html' },
      send: () => Promise.reject(new PlatformError('Forbidden: bot was blocked by the user', 'telegram', 403, true)),
      edit: () => Promise.resolve(), sendDirect: () => Promise.reject(new PlatformError('Too Many Requests', 'telegram', 429, false, 3_000)),
    };
    const metered = meteredChannel(refusing, (p, code) => h.app.health.reportError(p, code));
    await expect(metered.sendDirect({ platform: 'telegram', userId: '1' }, { text: 'x' })).rejects.toThrow(PlatformError);
    await expect(metered.send({ platform: 'telegram', chatId: '1', kind: 'dm' }, { text: 'x' })).rejects.toThrow(PlatformError);
    h.app.health.reportError('discord', 50007);

    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = res.body;
    expect(body).toContain('# TYPE clawchat_messages_handled_total counter');
    expect(body).toContain('clawchat_messages_handled_total{platform="telegram",type="command"} 3');
    expect(body).toContain('clawchat_messages_handled_total{platform="telegram",type="button"} 1');
    expect(body).toContain('clawchat_tool_calls_total{tool="create_todo",outcome="ok"} 1');
    expect(body).toContain('clawchat_tool_calls_total{tool="list_todos",outcome="ok"} 1');
    expect(body).toMatch(/clawchat_tool_calls_total\{tool="complete_todo",outcome="(ok|error)"\} 1/);
    expect(body).toContain('clawchat_notifications{outcome="sent"} 2');
    expect(body).toContain('clawchat_notifications{outcome="failed"} 1');
    expect(body).toContain('clawchat_notifications{outcome="late"} 1');
    expect(body).toContain('clawchat_platform_errors_total{platform="telegram",code="403"} 1');
    expect(body).toContain('clawchat_platform_errors_total{platform="telegram",code="429"} 1');
    expect(body).toContain('clawchat_platform_errors_total{platform="discord",code="50007"} 1');
    expect(body).toContain('# TYPE clawchat_model_request_duration_seconds histogram');
  });

  it('times model calls and counts their tokens', async () => {
    const { meteredModel } = await import('../../src/ops/instrumented.ts');
    const model = meteredModel({ name: 'test-model', complete: async () => ({ content: 'hi', toolCalls: [], finishReason: 'stop', promptTokens: 120, completionTokens: 30 }) }, h.app.metrics);
    await model.complete({ messages: [] });
    const failing = meteredModel({ name: 'test-model', complete: async () => { throw new Error('down'); } }, h.app.metrics);
    await expect(failing.complete({ messages: [] })).rejects.toThrow('down');
    const body = (await get('/metrics')).body;
    expect(body).toContain('clawchat_model_request_duration_seconds_count{model="test-model",outcome="ok"} 1');
    expect(body).toContain('clawchat_model_request_duration_seconds_count{model="test-model",outcome="error"} 1');
    expect(body).toContain('clawchat_model_tokens_total{model="test-model",kind="prompt"} 120');
    expect(body).toContain('clawchat_model_tokens_total{model="test-model",kind="completion"} 30');
  });
});

describe('correlation ids', () => {
  it('every log line written while a message is handled carries its id', async () => {
    h.app.orchestrator.registerBuiltin('export', async () => { throw new Error('disk on fire'); });
    await h.send({
      type: 'command', name: 'export', args: '', correlationId: 'tg-update-4242',
      conversation: { platform: 'telegram', chatId: '100', kind: 'dm' }, actor: { platform: 'telegram', userId: '100', displayName: 'Ali' }, receivedAt: h.clock.now(),
    });
    const failed = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'message failed');
    expect(failed).toMatchObject({ cid: 'tg-update-4242', level: 'error' });
  });

  it('makes one per message when the adapter did not, and keeps an adapter\'s own', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }));
    withCorrelation(undefined, () => logger.info('a'));
    withCorrelation('outer', () => withCorrelation('inner', () => logger.child({ area: 'db' }).info('b')));
    logger.info('c');
    const [a, b, c] = lines.map((l) => JSON.parse(l) as { cid?: string });
    expect(a!.cid).toMatch(/^[0-9a-f]{12}$/);
    expect(b!.cid).toBe('outer');
    expect(c!.cid).toBeUndefined();
  });
});

describe('METRICS_PORT', () => {
  it('is off by default and serves both endpoints when set', async () => {
    expect(await h.app.startOps()).toBeNull();
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const withPort = await createHarness({ METRICS_PORT: String(port) });
    try {
      const started = await withPort.app.startOps();
      expect(started?.port).toBe(port);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('clawchat_process_cpu_seconds_total');
    } finally {
      await withPort.cleanup();
    }
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
