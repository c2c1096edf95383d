import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import type { OpenAIStep, RecordedChatRequest } from '../fakes/fake-openai.ts';
import { driveUntil } from '../fakes/clock-driver.ts';
import { startHarness, systemOf, toolNames, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => { await h?.close(); });

const isTask = (r: RecordedChatRequest) => systemOf(r).includes('background agent');

/** Chat: delegate, then confirm. Task: list todos, then report. */
function script(taskSteps: OpenAIStep[]) {
  let step = 0;
  return (r: RecordedChatRequest): OpenAIStep => {
    if (isTask(r)) return taskSteps[Math.min(step++, taskSteps.length - 1)]!;
    if (r.messages.some((m) => m.role === 'tool')) return { content: 'On it — I\'ll message you when it\'s done.' };
    return { toolCalls: [{ name: 'delegate_task', arguments: '{"instruction":"plan my week from my todos"}' }] };
  };
}

describe('delegated tasks', () => {
  it('runs in the background over the same tools and sends the result as a direct message', async () => {
    h = await startHarness();
    h.fake.setDefault(script([
      { toolCalls: [{ name: 'list_todos', arguments: '{}' }] },
      { content: 'Your week: Monday pay rent.' },
    ]));
    await h.say('research and plan my week from my todos');
    expect(h.channel.visible).toEqual(['On it — I\'ll message you when it\'s done.']);
    const dmsg = await h.channel.nextDirect();
    expect(dmsg.reply.text).toBe(t('en', 'taskDone', { id: 1, result: 'Your week: Monday pay rent.' }));
    const task = await h.app.db.agentTask.findUniqueOrThrow({ where: { id: 1 } });
    expect([task.status, task.steps, task.instruction]).toEqual(['done', 2, 'plan my week from my todos']);
    const taskReq = h.fake.requests.find(isTask)!;
    expect(toolNames(taskReq)).toContain('list_todos');
    expect(toolNames(taskReq)).not.toContain('delegate_task');
    await h.app.agentTasks!.idle();
    await h.app.scheduler.idle();
    expect((await h.app.db.agentTask.findUniqueOrThrow({ where: { id: 1 } })).deliveredAt).not.toBeNull();
    const list = await h.command('tasks');
    expect(list?.text).toContain('#1 · done · plan my week');
  });

  it('stops at the step limit by asking for a report without tools', async () => {
    h = await startHarness({ LLM_TASK_MAX_STEPS: '2' });
    h.fake.setDefault((r) => (isTask(r)
      ? (r.tools.length ? { toolCalls: [{ name: 'list_todos', arguments: '{}' }] } : { content: 'Report: nothing urgent.' })
      : script([])(r)));
    await h.say('research and plan my week from my todos');
    await h.channel.nextDirect();
    const taskReqs = h.fake.requests.filter(isTask);
    expect(taskReqs).toHaveLength(2);
    expect(taskReqs[1]!.tools).toEqual([]);
    expect((await h.app.db.agentTask.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('done');
  });

  it('/cancel stops a running task', async () => {
    h = await startHarness();
    h.fake.setDefault(script([{ delayFirstMs: 10_000, content: 'too late' }]));
    await h.say('research and plan my week from my todos');
    await h.fake.waitFor(isTask); // the task is marked running before it asks the model
    expect((await h.app.db.agentTask.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('running');
    const reply = await h.command('cancel', '1');
    expect(reply?.text).toBe(t('en', 'taskCancelled', { id: 1 }));
    await h.app.agentTasks!.idle();
    expect((await h.app.db.agentTask.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('cancelled');
    expect(h.channel.directs).toHaveLength(0);
    expect((await h.command('cancel', '#1'))?.text).toBe(t('en', 'taskAlreadyFinished', { id: 1, status: t('en', 'taskStatus_cancelled') }));
    expect((await h.command('cancel', '77'))?.text).toBe(t('en', 'taskNotFound', { ref: '77' }));
  });

  it('fails a task that runs past its time limit (on the injected clock)', async () => {
    h = await startHarness({ LLM_TASK_TIMEOUT_MS: '60000' });
    h.fake.setDefault(script([{ delayFirstMs: 10_000, content: 'too late' }]));
    await h.say('research and plan my week from my todos');
    await h.fake.waitFor(isTask);
    await h.clock.advance(60_000);
    const dmsg = await h.channel.nextDirect();
    expect(dmsg.reply.text).toBe(t('en', 'taskFailed', { id: 1, reason: t('en', 'taskReasonTimeout') }));
    expect((await h.app.db.agentTask.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('failed');
  });

  it('survives a restart: an interrupted task is marked failed and reported, a queued one runs', async () => {
    h = await startHarness();
    h.fake.setDefault((r) => (isTask(r) ? { content: 'Queued task report.' } : { content: 'Hi!' }));
    await h.say('hello'); // creates the user and identity
    const user = await h.app.db.identity.findFirstOrThrow({ where: { externalId: '42' } });
    await h.app.agentTasks!.stop();
    await h.app.db.agentTask.createMany({ data: [
      { userId: user.userId, instruction: 'was running', status: 'running', platform: 'telegram', chatId: '1001', language: 'en' },
      { userId: user.userId, instruction: 'was queued', status: 'queued', platform: 'telegram', chatId: '1001', language: 'en' },
    ] });
    await h.restart();
    await h.app.agentTasks!.idle();
    // Both results go to one Telegram chat, which its limiter allows one message a second (fake time).
    await driveUntil(h.clock, () => h.channel.directs.length >= 2, { timeoutMs: 30_000, label: 'both reports' });
    await h.app.scheduler.idle();
    const texts = h.channel.directs.map((d) => d.reply.text).sort();
    expect(texts).toEqual([
      t('en', 'taskDone', { id: 2, result: 'Queued task report.' }),
      t('en', 'taskFailed', { id: 1, reason: t('en', 'taskReasonInterrupted') }),
    ].sort());
    const rows = await h.app.db.agentTask.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.status, r.deliveredAt !== null])).toEqual([['failed', true], ['done', true]]);
  });
});
