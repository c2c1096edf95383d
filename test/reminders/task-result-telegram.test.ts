/**
 * A delegated task's result reaches Telegram through the outbox and the real adapter (against the
 * local fake Bot API): a report longer than one Telegram message is split the way replies are, in
 * order, with nothing lost, and without buttons.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import { queueTaskResults } from '../../src/scheduler/task-results.ts';
import { alice, plain, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';

describe('task results on Telegram', () => {
  let tg: TelegramHarness | undefined;
  afterEach(async () => { await tg?.close(); tg = undefined; });

  it('a long report arrives in Alice\'s DM split into whole messages, in order', async () => {
    tg = await startTelegramHarness();
    await tg.app.startScheduler(new Map([['telegram', tg.bot.channel]]));
    tg.say(alice, '/todos');
    await tg.nextReply(alice.id);
    const identity = await tg.app.db.identity.findUniqueOrThrow({ where: { platform_externalId: { platform: 'telegram', externalId: String(alice.id) } } });
    const report = Array.from({ length: 120 }, (_, i) => `Line ${i + 1}: ${'plan the week carefully '.repeat(2)}`).join('\n');
    expect(report.length).toBeGreaterThan(6_000);
    const task = await tg.app.db.agentTask.create({
      data: { userId: identity.userId, instruction: 'plan my week', status: 'done', result: report, platform: 'telegram', chatId: String(alice.id), language: 'en', finishedAt: new Date() },
    });
    // What the runner's finishing transaction writes (see agent-tasks.ts), then the wake it sends.
    await queueTaskResults(tg.app.db, 't."id"=?', [task.id], new Date());
    tg.app.scheduler.wake();
    const isResult = (c: { params: Record<string, unknown> }) => Number(c.params.chat_id) === alice.id && /Task #|Line \d+:/.test(plain(c.params.text));
    await tg.tg.waitForCall('sendMessage', isResult, 2, 10_000);
    await tg.app.scheduler.idle();
    const parts = tg.tg.callsOf('sendMessage').filter(isResult).map((c) => ({ text: plain(c.params.text), markup: c.params.reply_markup }));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.every((p) => p.text.length <= 4_096 && p.markup === undefined)).toBe(true);
    expect(parts.map((p) => p.text).join('\n')).toBe(t('en', 'taskDone', { id: task.id, result: report }));
    expect(await tg.app.db.notification.findUniqueOrThrow({ where: { dedupeKey: `task:${task.id}` } })).toMatchObject({ status: 'sent' });
  });
});
