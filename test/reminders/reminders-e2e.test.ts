import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleChannel } from '../../adapters/console/console-chat.ts';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { parseCommandText, type InboundMessage } from '../../src/core/inbound.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

/** The real app on a fake clock, with the terminal as its only channel. */
async function terminalApp(now = '2026-11-21T05:00:00Z') {
  const file = path.join(os.tmpdir(), `clawchat-rem-${randomUUID()}.db`);
  const clock = new FakeClock(now);
  const app: App = await createApp(loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi' }), createLogger('silent'), clock);
  const out = new PassThrough();
  let printed = '';
  out.on('data', (d) => { printed += String(d); });
  const channel = new ConsoleChannel(out, false);
  await app.startScheduler(new Map([['console', channel]]));
  let n = 0;
  const say = (text: string, user = 'local', platform: 'console' | 'telegram' = 'console') => {
    const cmd = parseCommandText(text);
    const base = { conversation: { platform, chatId: user, kind: 'dm' as const }, actor: { platform, userId: user, displayName: user }, receivedAt: clock.now(), messageId: String(++n) };
    const m: InboundMessage = cmd ? { ...base, type: 'command', name: cmd.name, args: cmd.args } : { ...base, type: 'text', text };
    return app.orchestrator.handle(m);
  };
  const press = (data: string, user = 'local', platform: 'console' | 'telegram' = 'console') =>
    app.orchestrator.handle({ conversation: { platform, chatId: user, kind: 'dm' }, actor: { platform, userId: user, displayName: user }, receivedAt: clock.now(), messageId: String(++n), type: 'button', data });
  cleanup = async () => {
    await app.close();
    await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));
  };
  return { app, clock, say, press, printed: () => printed };
}

describe('reminders through the whole app', () => {
  it('"remind me to stretch in 1 minute" prints the reminder in the terminal a minute later', async () => {
    const t = await terminalApp();
    expect((await t.say('remind me to stretch in 1 minute'))!.text).toContain('stretch');
    await t.clock.advance(59_000);
    await t.app.scheduler.idle();
    expect(t.printed()).not.toContain('⏰');
    await t.clock.advance(1_500);
    await t.app.scheduler.idle();
    expect(t.printed()).toContain('⏰ Reminder: stretch');
    expect(await t.app.db.notification.count({ where: { status: 'sent' } })).toBe(1);
  });

  it('editing, completing and deleting items moves or cancels their reminders', async () => {
    const t = await terminalApp();
    await t.say('/todo submit report today 3pm');
    const todo = await t.app.db.todo.findFirstOrThrow();
    const pending = () => t.app.db.notification.findMany({ where: { sourceType: 'todo', sourceId: todo.id, status: 'pending' } });
    expect((await pending()).map((n) => n.dueAt.toISOString())).toEqual(['2026-11-21T10:00:00.000Z']);
    await t.say('/edit report due today 5pm');
    expect((await pending()).map((n) => n.dueAt.toISOString())).toEqual(['2026-11-21T12:00:00.000Z']);
    await t.say('/done report');
    expect(await pending()).toHaveLength(0);

    await t.say('/event dentist tomorrow 4pm');
    const event = await t.app.db.event.findFirstOrThrow();
    const eventRows = () => t.app.db.notification.findMany({ where: { sourceType: 'event', sourceId: event.id, status: 'pending' } });
    expect((await eventRows()).map((n) => n.dueAt.toISOString())).toEqual(['2026-11-22T10:45:00.000Z']); // 15 minutes before
    await t.press(`del:event:${event.id}`);
    expect(await eventRows()).toHaveLength(0);
  });

  it('"every weekday at 9" repeats: it fires, then the next occurrence is planned', async () => {
    const t = await terminalApp('2026-11-20T05:00:00Z'); // Friday 10:00 Karachi
    const r = await t.say('remind me every weekday at 9 to stand up');
    expect(r!.text).toContain('stand up');
    const reminder = await t.app.db.reminder.findFirstOrThrow();
    expect(reminder.recurrence).toBe('weekdays@09:00');
    expect(reminder.at.toISOString()).toBe('2026-11-23T04:00:00.000Z'); // Monday 09:00
    await t.clock.advanceTo(new Date('2026-11-23T04:00:30Z'));
    await t.app.scheduler.idle();
    expect(t.printed()).toContain('⏰ Reminder: stand up');
    const next = await t.app.db.notification.findMany({ where: { sourceType: 'reminder', status: 'pending' } });
    expect(next.map((n) => n.dueAt.toISOString())).toEqual(['2026-11-24T04:00:00.000Z']);
  });

  it('Snooze and Done buttons act on the presser\'s own reminder only', async () => {
    const t = await terminalApp();
    await t.say('/remind 5m drink water', '42', 'telegram');
    await t.app.scheduler.planner.planReminder((await t.app.db.reminder.findFirstOrThrow()).id);
    const row = await t.app.db.notification.findFirstOrThrow({ where: { sourceType: 'reminder' } });
    // Someone else pressing a copied button changes nothing.
    expect((await t.press(`ntf:snz:${row.id}:10m`, '99', 'telegram'))!.text).toMatch(/no longer valid/);
    const snoozed = await t.press(`ntf:snz:${row.id}:10m`, '42', 'telegram');
    expect(snoozed!.text).toMatch(/Snoozed until/);
    expect(snoozed!.replaceOriginal).toBe(true);
    expect(await t.app.db.notification.count({ where: { dedupeKey: { startsWith: `snooze:${row.id}:` } } })).toBe(1);
    const done = await t.press(`ntf:done:${row.id}`, '42', 'telegram');
    expect(done!.text).toContain('drink water');
    expect((await t.app.db.reminder.findFirstOrThrow()).status).toBe('done');
    expect(await t.app.db.notification.count({ where: { status: 'pending' } })).toBe(0);
  });

  it('a daily briefing is off until turned on, then arrives at the local time', async () => {
    const t = await terminalApp('2026-11-21T01:00:00Z'); // 06:00 Karachi
    expect(await t.app.db.notification.count({ where: { kind: 'briefing' } })).toBe(0);
    expect((await t.say('/briefing 07:30'))!.text).toContain('07:30');
    await t.say('/event team sync today 11am');
    await t.clock.advanceTo(new Date('2026-11-21T02:30:30Z'));
    await t.app.scheduler.idle();
    expect(t.printed()).toContain('Good morning! Your day');
    expect(t.printed()).toContain('team sync');
  });
});
