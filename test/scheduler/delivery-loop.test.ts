import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { Channel } from '../../src/core/channel.ts';
import type { Platform } from '../../src/core/inbound.ts';
import { DeliveryLoop } from '../../src/scheduler/delivery-loop.ts';
import { createTemplateRenderer, parseNotificationAction } from '../../src/scheduler/default-render.ts';
import { OutboxClaims } from '../../src/scheduler/outbox-claims.ts';
import { PlatformLimiters } from '../../src/scheduler/rate-limiter.ts';
import { ReminderPlanner, snoozeUntil } from '../../src/scheduler/reminder-planner.ts';
import { harness, makeUser, type Harness } from './harness.ts';
import { RecordingChannel } from './recording-channel.ts';

let h: Harness | undefined;
afterEach(async () => { await h?.cleanup(); h = undefined; });
const HOUR = 3_600_000;

async function reminder(hh: Harness, userId: number, text: string, at: string, recurrence?: string) {
  const r = await hh.db.reminder.create({ data: { userId, text, at: new Date(at), recurrence: recurrence ?? null } });
  await hh.planner.planReminder(r.id);
  return r;
}

describe('firing times', () => {
  it('fires recurring reminders at 09:00 local in three zones and schedules the next occurrence', async () => {
    h = await harness(new Date('2026-11-20T00:00:00Z'));
    const zones = ['Asia/Karachi', 'America/New_York', 'Europe/London'];
    for (const tz of zones) {
      const { user } = await makeUser(h.db, { timezone: tz, externalId: tz });
      await reminder(h, user.id, `standup ${tz}`, { 'Asia/Karachi': '2026-11-20T04:00:00Z', 'America/New_York': '2026-11-20T14:00:00Z', 'Europe/London': '2026-11-20T09:00:00Z' }[tz]!, 'daily@09:00');
    }
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T23:00:00Z'));
    const got = h.telegram.sent.map((s) => `${s.target.userId} ${s.at.toISOString()}`);
    expect(got).toEqual([
      'Asia/Karachi 2026-11-20T04:00:00.000Z', 'Europe/London 2026-11-20T09:00:00.000Z', 'America/New_York 2026-11-20T14:00:00.000Z',
      'Asia/Karachi 2026-11-21T04:00:00.000Z', 'Europe/London 2026-11-21T09:00:00.000Z', 'America/New_York 2026-11-21T14:00:00.000Z',
    ]);
    expect(h.telegram.sent[0]!.reply.text).toContain('standup Asia/Karachi');
    expect(h.telegram.sent[0]!.reply.actions?.map((a) => a.label)).toEqual(['Done', 'Snooze 10 min', 'Snooze 1 h', 'Tomorrow morning']);
    const next = await h.db.reminder.findMany({ orderBy: { id: 'asc' } });
    expect(next.map((r) => r.at.toISOString())).toEqual(['2026-11-22T04:00:00.000Z', '2026-11-22T14:00:00.000Z', '2026-11-22T09:00:00.000Z']);
  });

  it('spring forward: a daily 02:30 reminder fires once, at 03:00, on the transition day', async () => {
    h = await harness(new Date('2026-03-07T00:00:00Z'));
    const { user } = await makeUser(h.db, { timezone: 'America/New_York' });
    await reminder(h, user.id, 'meds', '2026-03-07T07:30:00Z', 'daily@02:30');
    h.loop.start();
    await h.runUntil(new Date('2026-03-10T00:00:00Z'));
    expect(h.telegram.sent.map((s) => s.at.toISOString())).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']);
  });

  it('fall back: a daily 01:30 reminder fires once, not twice, on the transition day', async () => {
    h = await harness(new Date('2026-10-31T00:00:00Z'));
    const { user } = await makeUser(h.db, { timezone: 'America/New_York' });
    await reminder(h, user.id, 'meds', '2026-10-31T05:30:00Z', 'daily@01:30');
    h.loop.start();
    await h.runUntil(new Date('2026-11-03T00:00:00Z'));
    expect(h.telegram.sent.map((s) => s.at.toISOString())).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });
});

describe('edits while the loop runs', () => {
  it('a moved reminder fires at its new time only; a deleted one and a completed todo never fire', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user } = await makeUser(h.db);
    h.loop.start();
    const moved = await reminder(h, user.id, 'moved', '2026-11-21T07:00:00Z');
    const gone = await reminder(h, user.id, 'gone', '2026-11-21T07:30:00Z');
    const todo = await h.db.todo.create({ data: { title: 'finish report', dueAt: new Date('2026-11-21T08:00:00Z'), ownerId: user.id, createdById: user.id } });
    await h.planner.planTodo(todo.id);
    await h.advance(10 * 60_000);
    await h.db.reminder.update({ where: { id: moved.id }, data: { at: new Date('2026-11-21T06:20:00Z') } });
    await h.planner.planReminder(moved.id);
    await h.db.reminder.delete({ where: { id: gone.id } });
    await h.planner.planReminder(gone.id);
    await h.db.todo.update({ where: { id: todo.id }, data: { status: 'done' } });
    await h.planner.todoCompleted(todo.id);
    await h.runUntil(new Date('2026-11-21T12:00:00Z'));
    expect(h.telegram.sent.map((s) => `${s.at.toISOString()} ${s.reply.text}`)).toEqual(['2026-11-21T06:20:00.000Z ⏰ Reminder: moved']);
    expect((await h.db.reminder.findUnique({ where: { id: moved.id } }))!.status).toBe('sent');
  });

  it('snooze re-sends after 10 minutes; Done/Snooze buttons decode; console gets no buttons', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user } = await makeUser(h.db, { platform: 'console', externalId: 'local' });
    await reminder(h, user.id, 'tea', '2026-11-21T06:05:00Z');
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:06:00Z'));
    expect(h.consoleChannel.texts).toEqual(['⏰ Reminder: tea']);
    expect(h.consoleChannel.sent[0]!.reply.actions).toBeUndefined();
    const row = await h.db.notification.findFirstOrThrow({ where: { sourceType: 'reminder' } });
    expect(parseNotificationAction(`ntf:snz:${row.id}:10m`)).toEqual({ action: 'snooze', notificationId: row.id, choice: '10m' });
    expect(parseNotificationAction(`ntf:done:${row.id}`)).toEqual({ action: 'done', notificationId: row.id });
    expect(parseNotificationAction('ntf:snz:1:forever')).toBeNull();
    await h.planner.snooze(row.id, snoozeUntil('10m', h.clock.now(), 'UTC'));
    await h.runUntil(new Date('2026-11-21T06:30:00Z'));
    expect(h.consoleChannel.sent.map((s) => s.at.toISOString())).toEqual(['2026-11-21T06:05:00.000Z', '2026-11-21T06:16:00.000Z']);
  });

  it('sends to the identity the user last talked on, skipping unreachable ones', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user } = await makeUser(h.db, { platform: 'telegram', externalId: 'tg', lastSeenAt: new Date('2026-11-20T00:00:00Z') });
    await h.db.identity.create({ data: { platform: 'console', externalId: 'local', userId: user.id, lastSeenAt: new Date('2026-11-21T05:00:00Z') } });
    await reminder(h, user.id, 'a', '2026-11-21T06:10:00Z');
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:11:00Z'));
    expect(h.consoleChannel.texts).toEqual(['⏰ Reminder: a']);
    await h.db.identity.updateMany({ where: { platform: 'console' }, data: { unreachable: true } });
    await reminder(h, user.id, 'b', '2026-11-21T06:20:00Z');
    await h.runUntil(new Date('2026-11-21T06:21:00Z'));
    expect(h.telegram.texts).toEqual(['⏰ Reminder: b']);
  });
});

describe('restart catch-up', () => {
  it('sends recent misses marked late, folds older ones into one summary, fires a recurring one once and skips forward', async () => {
    h = await harness(new Date('2026-11-18T00:00:00Z'));
    const { user } = await makeUser(h.db);
    await reminder(h, user.id, 'old 1', '2026-11-18T09:00:00Z');
    await reminder(h, user.id, 'old 2', '2026-11-19T09:00:00Z');
    await reminder(h, user.id, 'recent', '2026-11-20T20:00:00Z');
    const daily = await reminder(h, user.id, 'water plants', '2026-11-18T08:00:00Z', 'daily@08:00');
    // The bot is down from the 18th 00:00 until the 21st 06:00; nothing is running.
    h.clock.set(new Date('2026-11-21T06:00:00Z'));
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:01:00Z'));
    const texts = h.telegram.texts;
    expect(texts).toHaveLength(3);
    expect(texts).toContain('⏰ Reminder: recent (late — I was offline)');
    expect(texts).toContain('⏰ Reminder: water plants (late — I was offline)');
    const summary = texts.find((t) => t.startsWith('While I was offline'))!;
    expect(summary).toContain('old 1');
    expect(summary).toContain('old 2');
    const rows = await h.db.notification.findMany({ orderBy: { id: 'asc' } });
    expect(rows.filter((r) => r.status === 'summarized')).toHaveLength(2);
    expect(JSON.parse(rows.find((r) => r.payload.includes('"recent"'))!.payload).late).toBe(true);
    expect((await h.db.reminder.findUnique({ where: { id: daily.id } }))!.at.toISOString()).toBe('2026-11-21T08:00:00.000Z');
    expect(await h.db.reminder.count({ where: { status: 'sent' } })).toBe(3);
    await h.runUntil(new Date('2026-11-21T09:00:00Z'));
    expect(h.telegram.texts.slice(3)).toEqual(['⏰ Reminder: water plants']);
  });
});

describe('durable delivery', () => {
  it('two scheduler processes on one database send each notification exactly once', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'), { batchSize: 7 });
    const users = [];
    for (let i = 0; i < 20; i++) users.push((await makeUser(h.db, { externalId: `u${i}` })).user);
    for (let i = 0; i < 200; i++) await reminder(h, users[i % 20]!.id, `r${i}`, new Date(Date.parse('2026-11-21T06:00:05Z') + (i % 5) * 1000).toISOString());
    const { db: db2 } = await openDatabase(`file:${h.file}`);
    const tg2 = new RecordingChannel('telegram', h.clock);
    const channels2 = new Map<Platform, Channel>([['telegram', tg2]]);
    const noLimit = { telegram: { ratePerSecond: Infinity, perChatIntervalMs: 0 } };
    const loop2 = new DeliveryLoop({ db: db2, clock: h.clock, channels: channels2, render: createTemplateRenderer(db2), workerId: 'w2', batchSize: 7, limiters: new PlatformLimiters(h.clock, noLimit) });
    const loop1 = new DeliveryLoop({ db: h.db, clock: h.clock, channels: h.channels, render: createTemplateRenderer(h.db), workerId: 'w1', batchSize: 7, limiters: new PlatformLimiters(h.clock, noLimit) });
    loop1.start();
    loop2.start();
    for (let i = 0; i < 20; i++) {
      await h.clock.advance(1_000);
      await Promise.all([loop1.idle(), loop2.idle()]);
    }
    await Promise.all([loop1.stop(), loop2.stop()]);
    const all = [...h.telegram.texts, ...tg2.texts];
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect(await h.db.notification.count({ where: { status: 'sent' } })).toBe(200);
    await db2.$disconnect();
  });

  it('concurrent claims from two database clients never overlap', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user } = await makeUser(h.db);
    for (let i = 0; i < 150; i++) await reminder(h, user.id, `c${i}`, '2026-11-21T05:59:00Z');
    const { db: db2 } = await openDatabase(`file:${h.file}`);
    const stores = [new OutboxClaims(h.db, new Set(['telegram'])), new OutboxClaims(db2, new Set(['telegram']))];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.claimDue(h!.clock.now(), `w${i % 2}`, 10, 60_000)));
    const ids = results.flat().map((r) => r.id);
    expect(ids).toHaveLength(150);
    expect(new Set(ids).size).toBe(150);
    expect(results.filter((r, i) => i % 2 === 1 && r.length > 0).length).toBeGreaterThan(0);
    await db2.$disconnect();
  });

  it('a crash between claim and send: the row is taken over when the 30 s lease expires and sent once, never lost', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user } = await makeUser(h.db);
    await reminder(h, user.id, 'survivor', '2026-11-21T06:00:00Z');
    const claimed = await h.claims.claimDue(h.clock.now(), 'crashed-worker', 10, 30_000);
    expect(claimed).toHaveLength(1); // ...and the process dies before sending: no heartbeat renews the lease.
    expect(await h.claims.claimDue(h.clock.now(), 'other', 10, 30_000)).toHaveLength(0);
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:00:29Z'));
    expect(h.telegram.texts).toEqual([]);
    await h.runUntil(new Date('2026-11-21T06:10:00Z'));
    expect(h.telegram.sent.map((s) => `${s.at.toISOString()} ${s.reply.text}`)).toEqual(['2026-11-21T06:00:30.000Z ⏰ Reminder: survivor']);
    const row = await h.db.notification.findUniqueOrThrow({ where: { id: claimed[0]!.id } });
    expect([row.status, row.claimedBy, row.attempts, row.uncertainSends]).toEqual(['sent', 'w1', 2, 0]);
    expect(await h.claims.markSentMany([{ id: row.id, target: null }], 'crashed-worker', h.clock.now())).toEqual(new Set()); // a late mark by the dead worker is refused
  });

  it('a live worker keeps its leases while rows wait in the rate limiter; nobody takes them over', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'), { limiters: new PlatformLimiters(new FakeClock(new Date(0))) });
    const { user } = await makeUser(h.db);
    for (let i = 0; i < 3; i++) await reminder(h, user.id, `q${i}`, '2026-11-21T06:00:00Z');
    h.loop.start();
    await h.advance(0);
    // The limiter's own clock never moves: the rows stay queued and leased far beyond 30 s.
    for (let i = 0; i < 12; i++) await h.advance(10_000);
    const queued = await h.db.notification.findMany({ where: { status: 'claimed' } });
    expect(queued.map((r) => [r.claimedBy, r.attempts])).toEqual([['w1', 1], ['w1', 1]]); // never expired, never re-claimed
    expect(await h.claims.claimDue(h.clock.now(), 'other', 10, 30_000)).toHaveLength(0);
  });

  it('a crash mid-send (row left "sending"): Telegram-like platforms get it once more with a note, never a third time', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user } = await makeUser(h.db);
    await reminder(h, user.id, 'pills', '2026-11-21T06:00:00Z');
    const [row] = await h.claims.claimDue(h.clock.now(), 'crashed-worker', 10, 30_000);
    expect(await h.claims.markSendingMany([row!.id], 'crashed-worker', h.clock.now())).toEqual(new Set([row!.id]));
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:01:00Z'));
    expect(h.telegram.texts).toEqual(['⏰ Reminder: pills (sent again — my first try may not have reached you)']);
    const sent = await h.db.notification.findUniqueOrThrow({ where: { id: row!.id } });
    expect([sent.status, sent.uncertainSends]).toEqual(['sent', 1]);
    expect(sent.lastError).toContain('resent once');

    // Both the send and its resend end unknown: closed as unconfirmed, not sent a third time.
    await reminder(h, user.id, 'twice unknown', '2026-11-21T06:02:00Z');
    const [r2] = await h.claims.claimDue(new Date('2026-11-21T06:02:00Z'), 'crashed-1', 10, 30_000);
    await h.claims.markSendingMany([r2!.id], 'crashed-1', h.clock.now());
    await h.db.notification.update({ where: { id: r2!.id }, data: { uncertainSends: 1 } });
    await h.runUntil(new Date('2026-11-21T06:05:00Z'));
    expect(h.telegram.texts).toHaveLength(1);
    const closed = await h.db.notification.findUniqueOrThrow({ where: { id: r2!.id } });
    expect([closed.status, closed.uncertainSends]).toEqual(['sent', 2]);
    expect(closed.lastError).toContain('unconfirmed');
  });

  it('a crash mid-send on a platform that de-duplicates (Discord nonce): resent with the same key, no note', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    h.telegram.capabilities.directDedupMs = 120_000;
    const { user } = await makeUser(h.db);
    await reminder(h, user.id, 'call mum', '2026-11-21T06:00:00Z');
    const [row] = await h.claims.claimDue(h.clock.now(), 'crashed-worker', 10, 30_000);
    await h.claims.markSendingMany([row!.id], 'crashed-worker', h.clock.now());
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:01:00Z'));
    expect(h.telegram.texts).toEqual(['⏰ Reminder: call mum']);
    expect(h.telegram.keys).toEqual([`clawchat-ntf-${row!.id}`]);
  });

  it('an answer lost after the platform accepted: one resend with a note on Telegram-like platforms', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user } = await makeUser(h.db);
    await reminder(h, user.id, 'rent', '2026-11-21T06:00:00Z');
    h.telegram.failNext({ kind: 'unknown' }, 2);
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:10:00Z'));
    // the first send was accepted (answer lost), the resend too: two messages, never three.
    expect(h.telegram.texts).toEqual(['⏰ Reminder: rent', '⏰ Reminder: rent (sent again — my first try may not have reached you)']);
    const row = await h.db.notification.findFirstOrThrow({ where: { sourceType: 'reminder' } });
    expect([row.status, row.uncertainSends]).toEqual(['sent', 2]);
  });

  it('a worker without Telegram leaves Telegram users\' rows pending, sends the console user\'s, and retires a user reachable nowhere', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user: tgUser } = await makeUser(h.db, { externalId: 'tg-only' });
    const { user: local } = await makeUser(h.db, { platform: 'console', externalId: 'local' });
    const { user: gone, identity } = await makeUser(h.db, { externalId: 'blocked' });
    await h.db.identity.update({ where: { id: identity.id }, data: { unreachable: true } });
    for (const u of [tgUser, local, gone]) await reminder(h, u.id, `for ${u.id}`, '2026-11-21T06:00:00Z');
    const consoleOnly = new DeliveryLoop({ db: h.db, clock: h.clock, channels: new Map<Platform, Channel>([['console', h.consoleChannel]]), render: createTemplateRenderer(h.db), workerId: 'terminal', limiters: new PlatformLimiters(h.clock) });
    consoleOnly.start();
    for (let i = 0; i < 3; i++) { await h.clock.advance(1_000); await consoleOnly.idle(); }
    await consoleOnly.stop();
    expect(h.consoleChannel.texts).toEqual([`⏰ Reminder: for ${local.id}`]);
    const rows = await h.db.notification.findMany({ orderBy: { userId: 'asc' } });
    expect(rows.map((r) => [r.userId, r.status, r.attempts])).toEqual([[tgUser.id, 'pending', 0], [local.id, 'sent', 1], [gone.id, 'failed', 1]]);
    h.loop.start(); // the Telegram worker then sends the Telegram user's
    await h.runUntil(new Date('2026-11-21T06:01:00Z'));
    expect(h.telegram.texts).toEqual([`⏰ Reminder: for ${tgUser.id}`]);
  });

  it('transient errors are retried with backoff (respecting retry-after); too many attempts retire the row', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'), { baseBackoffMs: 30_000, maxAttempts: 3 });
    const { user } = await makeUser(h.db);
    await reminder(h, user.id, 'flaky', '2026-11-21T06:00:00Z');
    h.telegram.failNext({ kind: 'transient' });
    h.telegram.failNext({ kind: 'transient', retryAfterMs: 120_000 });
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:10:00Z'));
    // attempt 1 fails at 06:00 → +30 s; attempt 2 fails at 06:00:30 → retry-after 120 s beats 60 s backoff.
    expect(h.telegram.sent.map((s) => s.at.toISOString())).toEqual(['2026-11-21T06:02:30.000Z']);
    const row = await h.db.notification.findFirstOrThrow({ where: { sourceType: 'reminder' } });
    expect([row.status, row.attempts]).toEqual(['sent', 3]);

    await reminder(h, user.id, 'doomed', '2026-11-21T06:20:00Z');
    h.telegram.failNext({ kind: 'transient' }, 3);
    await h.runUntil(new Date('2026-11-21T07:00:00Z'));
    const doomed = await h.db.notification.findFirstOrThrow({ where: { payload: { contains: 'doomed' } } });
    expect(doomed.status).toBe('failed');
    expect(doomed.lastError).toContain('gave up after 3 attempts');
  });

  it('a permanent error retires the notification and marks the identity unreachable', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'));
    const { user, identity } = await makeUser(h.db);
    await reminder(h, user.id, 'blocked', '2026-11-21T06:00:00Z');
    await reminder(h, user.id, 'later', '2026-11-21T07:00:00Z');
    h.telegram.failNext({ kind: 'permanent' });
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T08:00:00Z'));
    expect(h.telegram.texts).toEqual([]);
    expect((await h.db.identity.findUniqueOrThrow({ where: { id: identity.id } })).unreachable).toBe(true);
    const rows = await h.db.notification.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(rows[0]!.lastError).toContain('permanent');
    expect(rows[1]!.lastError).toBe('no reachable identity');
  });

  it('stopping gives rows still waiting in the rate limiter back to pending', async () => {
    h = await harness(new Date('2026-11-21T06:00:00Z'), { limiters: undefined });
    const { user } = await makeUser(h.db);
    for (let i = 0; i < 5; i++) await reminder(h, user.id, `r${i}`, '2026-11-21T06:00:00Z');
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T06:00:01.500Z')); // one chat: 1 per second
    await h.loop.stop();
    expect(h.telegram.texts).toHaveLength(2);
    const rows = await h.db.notification.findMany();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.attempts)).toEqual([0, 0, 0]);
  });
});

describe('daily briefing', () => {
  it('arrives at the chosen local time with today\'s events, due and overdue todos and priorities; an empty day gets one line', async () => {
    h = await harness(new Date('2026-11-21T00:00:00Z'));
    const { user } = await makeUser(h.db, { timezone: 'Asia/Karachi', briefingTime: '08:00', briefingEnabled: true });
    const { user: idle } = await makeUser(h.db, { timezone: 'Europe/London', briefingTime: '07:00', briefingEnabled: true, externalId: 'idle' });
    const mine = { ownerId: user.id, createdById: user.id };
    await h.db.event.create({ data: { title: 'Dentist', startAt: new Date('2026-11-21T10:00:00Z'), ...mine } });
    await h.db.event.create({ data: { title: 'Tomorrow thing', startAt: new Date('2026-11-22T10:00:00Z'), ...mine } });
    await h.db.todo.create({ data: { title: 'Pay bills', dueAt: new Date('2026-11-21T12:00:00Z'), ...mine } });
    await h.db.todo.create({ data: { title: 'Call bank', dueAt: new Date('2026-11-19T12:00:00Z'), ...mine } });
    await h.db.todo.create({ data: { title: 'Write thesis', priority: 'high', ...mine } });
    await h.planner.planAllBriefings();
    h.loop.start();
    await h.runUntil(new Date('2026-11-21T08:00:00Z'));
    expect(h.telegram.sent.map((s) => s.at.toISOString())).toEqual(['2026-11-21T03:00:00.000Z', '2026-11-21T07:00:00.000Z']);
    const [full, empty] = h.telegram.texts;
    expect(full).toContain('Dentist');
    expect(full).not.toContain('Tomorrow thing');
    expect(full).toMatch(/Due today:\n• Pay bills/);
    expect(full).toMatch(/Overdue:\n• Call bank/);
    expect(full).toMatch(/Top priorities:\n• Write thesis/);
    expect(empty).toBe('Good morning! Nothing scheduled today (2026-11-21).');
    // tomorrow's are planned
    const next = await h.db.notification.findMany({ where: { kind: 'briefing', status: 'pending' }, orderBy: { dueAt: 'asc' } });
    expect(next.map((n) => n.dueAt.toISOString())).toEqual(['2026-11-22T03:00:00.000Z', '2026-11-22T07:00:00.000Z']);
    expect(idle.id).toBeGreaterThan(0);
  });
});
