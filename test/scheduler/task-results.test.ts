/**
 * Delegated-task results through the real delivery loop (issue 16): the runner finishes a task and
 * queues its result in the outbox in one transaction; the loop delivers it like a reminder. A
 * scripted ChatModel stands in for the model, the recording channel for the platform, the fake clock
 * for time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/inbound.ts';
import { t } from '../../src/i18n/index.ts';
import type { ChatModel } from '../../src/llm/model-client.ts';
import { UsageMeter } from '../../src/llm/usage-meter.ts';
import { createLogger } from '../../src/logger.ts';
import { AgentTaskRunner } from '../../src/orchestrator/agent-tasks.ts';
import { DeliveryLoop } from '../../src/scheduler/delivery-loop.ts';
import { createTemplateRenderer } from '../../src/scheduler/default-render.ts';
import { PlatformLimiters } from '../../src/scheduler/rate-limiter.ts';
import { createServices } from '../../src/services/index.ts';
import { ToolRegistry } from '../../src/tools/registry.ts';
import { harness, makeUser, type Harness } from './harness.ts';

const START = new Date('2026-11-21T07:00:00Z');
let h: Harness | undefined;
let runner: AgentTaskRunner | undefined;
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  await h?.cleanup();
  h = undefined;
});

/** A model that answers every task with `report` at once (no tool calls). */
function reporting(report: string): ChatModel {
  return { name: 'scripted', complete: async () => ({ content: report, toolCalls: [], finishReason: 'stop', promptTokens: 1, completionTokens: 1 }) };
}

/** The runner as the app builds it, waking the harness's loop when a result is queued. */
function startRunner(hh: Harness, model: ChatModel): AgentTaskRunner {
  const r = new AgentTaskRunner({
    db: hh.db, services: createServices(hh.db, { clock: hh.clock }), tools: new ToolRegistry(), model,
    usage: new UsageMeter(hh.db, 0), clock: hh.clock, logger: createLogger('silent'), defaultTimeZone: 'UTC',
    maxSteps: 3, timeLimitMs: 60_000, onResultQueued: (at) => hh.loop.poke(at),
  });
  runner = r;
  return r;
}

/** Queues a task for `userId` as if asked in a DM on `platform`, and waits until it has finished. */
async function runTask(r: AgentTaskRunner, userId: number, o: { platform?: Platform; language?: 'en' | 'ur'; instruction?: string } = {}): Promise<number> {
  await r.start();
  const id = await r.enqueue({
    userId, instruction: o.instruction ?? 'plan my week', language: o.language ?? 'en',
    conversation: { platform: o.platform ?? 'telegram', chatId: `dm-${userId}`, kind: 'dm' },
  });
  await r.idle();
  return id;
}

async function resultRow(hh: Harness, taskId: number) {
  return hh.db.notification.findUniqueOrThrow({ where: { dedupeKey: `task:${taskId}` } });
}

describe('task results through the outbox', () => {
  it('are delivered once, in the language the task was asked in, and the task notes the delivery', async () => {
    h = await harness(START);
    const { user } = await makeUser(h.db, { externalId: 'ayesha' });
    h.loop.start();
    const r = startRunner(h, reporting('Your week: Monday pay rent.'));
    const en = await runTask(r, user.id);
    const ur = await runTask(r, user.id, { language: 'ur' });
    await h.runUntil(new Date(START.getTime() + 3_600_000));
    expect(h.telegram.texts).toEqual([
      t('en', 'taskDone', { id: en, result: 'Your week: Monday pay rent.' }),
      t('ur', 'taskDone', { id: ur, result: 'Your week: Monday pay rent.' }),
    ]);
    expect(h.telegram.sent.every((s) => s.target.userId === 'ayesha' && s.reply.actions === undefined)).toBe(true);
    expect(h.telegram.keys).toEqual([`clawchat-ntf-${(await resultRow(h, en)).id}`, `clawchat-ntf-${(await resultRow(h, ur)).id}`]);
    expect(await resultRow(h, en)).toMatchObject({ kind: 'task', status: 'sent', attempts: 1, platform: 'telegram', sourceType: 'agentTask', sourceId: en });
    const tasks = await h.db.agentTask.findMany({ orderBy: { id: 'asc' } });
    expect(tasks.map((x) => [x.status, x.deliveredAt !== null])).toEqual([['done', true], ['done', true]]);
  });

  it('while the platform fails, are retried on the loop\'s backoff and delivered once', async () => {
    h = await harness(START);
    const { user } = await makeUser(h.db);
    h.telegram.failNext({ kind: 'transient', retryAfterMs: 2_000 }, 2);
    h.loop.start();
    const id = await runTask(startRunner(h, reporting('done it')), user.id);
    await h.runUntil(new Date(START.getTime() + 2 * 3_600_000));
    expect(h.telegram.texts).toEqual([t('en', 'taskDone', { id, result: 'done it' })]);
    expect(h.telegram.keys).toHaveLength(3); // two refusals, then the send that went through
    expect(await resultRow(h, id)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('survive a crash between finishing and delivering: the next process claims the row and sends it', async () => {
    h = await harness(START);
    const { user } = await makeUser(h.db);
    // The process finishes the task and dies before its delivery loop ran.
    const id = await runTask(startRunner(h, reporting('kept safe')), user.id);
    await runner!.stop();
    expect((await h.db.agentTask.findUniqueOrThrow({ where: { id } })).status).toBe('done');
    expect(await resultRow(h, id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(h.telegram.sent).toHaveLength(0);
    // The next process: a new worker on the same database.
    const next = new DeliveryLoop({ db: h.db, clock: h.clock, channels: h.channels, render: createTemplateRenderer(h.db), limiters: new PlatformLimiters(h.clock), workerId: 'w2' });
    next.start();
    await next.idle();
    await h.advance(0);
    await next.stop();
    expect(h.telegram.texts).toEqual([t('en', 'taskDone', { id, result: 'kept safe' })]);
    expect(await resultRow(h, id)).toMatchObject({ status: 'sent', claimedBy: 'w2' });
  });

  it('are news whenever they arrive: after a long downtime sent as they are, never folded into a summary', async () => {
    h = await harness(START);
    const { user } = await makeUser(h.db);
    const id = await runTask(startRunner(h, reporting('still useful')), user.id);
    await runner!.stop();
    const missed = await h.db.reminder.create({ data: { userId: user.id, text: 'missed one', at: START } });
    await h.planner.planReminder(missed.id);
    await h.advance(13 * 3_600_000); // down for longer than the 12 h grace
    h.loop.start();
    await h.advance(0);
    await h.advance(1_000); // the summary waits its turn in the chat's limiter
    expect(h.telegram.texts).toEqual([
      t('en', 'taskDone', { id, result: 'still useful' }),
      expect.stringContaining('missed one'),
    ]);
    expect((await h.db.notification.findMany({ where: { kind: 'summary' } }))).toHaveLength(1);
  });

  it('survive a crash mid-send: the lease runs out, another worker takes the row over and sends it once more with a note', async () => {
    h = await harness(START);
    const { user } = await makeUser(h.db);
    const id = await runTask(startRunner(h, reporting('maybe seen')), user.id);
    // A worker recorded its intent to send, then died (its lease is never renewed).
    const row = await resultRow(h, id);
    await h.db.notification.update({ where: { id: row.id }, data: { status: 'sending', claimedBy: 'dead', claimedAt: START, attempts: 1, firstSendAt: START } });
    h.loop.start();
    await h.advance(0);
    expect(h.telegram.sent).toHaveLength(0); // the lease still holds
    await h.runUntil(new Date(START.getTime() + 60_000));
    expect(h.telegram.texts).toEqual([`${t('en', 'taskDone', { id, result: 'maybe seen' })}${t('en', 'notif_resent')}`]);
    expect(await resultRow(h, id)).toMatchObject({ status: 'sent', claimedBy: 'w1', uncertainSends: 1 });
  });

  it('to a user who blocked the bot are retired, not retried, and the identity is marked unreachable', async () => {
    h = await harness(START);
    const { user, identity } = await makeUser(h.db);
    h.telegram.failNext({ kind: 'permanent' });
    h.loop.start();
    const id = await runTask(startRunner(h, reporting('nobody reads this')), user.id);
    await h.runUntil(new Date(START.getTime() + 3_600_000));
    expect(h.telegram.sent).toHaveLength(0);
    expect(h.telegram.keys).toHaveLength(1);
    expect(await resultRow(h, id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await h.db.identity.findUniqueOrThrow({ where: { id: identity.id } })).unreachable).toBe(true);
    expect((await h.db.agentTask.findUniqueOrThrow({ where: { id } })).deliveredAt).toBeNull();

    // A later task for the same user has nobody to reach at all: retired at once, nothing sent.
    const later = await runTask(runner!, user.id);
    await h.advance(0);
    expect(await resultRow(h, later)).toMatchObject({ status: 'failed', lastError: 'no reachable identity' });
    expect(h.telegram.keys).toHaveLength(1);
  });

  it('wait for the platform\'s limiter: several results to one chat go a second apart', async () => {
    h = await harness(START);
    const { user } = await makeUser(h.db);
    h.loop.start();
    const r = startRunner(h, reporting('report'));
    await r.start();
    for (let i = 0; i < 3; i++) await r.enqueue({ userId: user.id, instruction: `task ${i}`, language: 'en', conversation: { platform: 'telegram', chatId: 'dm', kind: 'dm' } });
    await r.idle();
    await h.advance(0);
    expect(h.telegram.sent).toHaveLength(1); // the chat's next message must wait its interval
    // Small steps, settling in between: a send the limiter starts at 1 s finishes its database
    // work before fake time moves on (one jump to 5 s would stamp it with a later time).
    for (let ms = 0; ms < 5_000; ms += 250) await h.advance(250);
    const at = h.telegram.sent.map((s) => s.at.getTime() - START.getTime());
    expect(at).toEqual([0, 1_000, 2_000]);
  });

  it('go where the task was asked while that identity is reachable; reminders follow the platform used last', async () => {
    h = await harness(START);
    const { user } = await makeUser(h.db, { externalId: 'tg-1', lastSeenAt: new Date('2026-11-20T00:00:00Z') });
    await h.db.identity.create({ data: { platform: 'console', externalId: 'local', userId: user.id, lastSeenAt: new Date('2026-11-21T06:00:00Z') } });
    h.loop.start();
    const r = startRunner(h, reporting('telegram answer'));
    const asked = await runTask(r, user.id, { platform: 'telegram' });
    const reminder = await h.db.reminder.create({ data: { userId: user.id, text: 'stretch', at: START } });
    await h.planner.planReminder(reminder.id);
    await h.runUntil(new Date(START.getTime() + 60_000));
    expect(h.telegram.texts).toEqual([t('en', 'taskDone', { id: asked, result: 'telegram answer' })]);
    expect(h.consoleChannel.texts).toEqual([t('en', 'notif_reminder', { text: 'stretch' })]);

    // Telegram blocked: the next Telegram task's answer falls back to where the user is reachable.
    await h.db.identity.updateMany({ where: { platform: 'telegram' }, data: { unreachable: true } });
    const fallback = await runTask(r, user.id, { platform: 'telegram' });
    await h.runUntil(new Date(START.getTime() + 120_000));
    expect(h.consoleChannel.texts.at(-1)).toBe(t('en', 'taskDone', { id: fallback, result: 'telegram answer' }));
  });

  it('of a cancelled task are never queued; an interrupted one is reported after the restart', async () => {
    h = await harness(START);
    const { user } = await makeUser(h.db);
    h.loop.start();
    const r = startRunner(h, reporting('unused'));
    await r.start();
    await r.stop();
    const cancelled = await h.db.agentTask.create({ data: { userId: user.id, instruction: 'a', status: 'queued', platform: 'telegram', language: 'en' } });
    await r.cancel(user.id, String(cancelled.id));
    const running = await h.db.agentTask.create({ data: { userId: user.id, instruction: 'b', status: 'running', platform: 'telegram', language: 'en' } });
    const restarted = startRunner(h, reporting('unused'));
    await restarted.start();
    await h.advance(0);
    expect(await h.db.notification.count({ where: { dedupeKey: `task:${cancelled.id}` } })).toBe(0);
    expect(h.telegram.texts).toEqual([t('en', 'taskFailed', { id: running.id, reason: t('en', 'taskReasonInterrupted') })]);
    // Starting again (another restart) does not queue it a second time.
    await restarted.stop();
    await startRunner(h, reporting('unused')).start();
    await h.advance(5_000);
    expect(await h.db.notification.count({ where: { kind: 'task' } })).toBe(1);
    expect(h.telegram.sent).toHaveLength(1);
  });
});
