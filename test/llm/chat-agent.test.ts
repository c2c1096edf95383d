import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import { driveUntil, driveWhile } from '../fakes/clock-driver.ts';
import { startHarness, systemOf, toolNames, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => { await h?.close(); });

describe('LLM chat through the real app wiring', () => {
  it('streams general chat token by token through the channel and delivers the exact text', async () => {
    h = await startHarness();
    h.fake.enqueue({ content: ['Hello', ' there', ', how', ' can I', ' help?'], chunkDelayMs: 15 });
    const reply = await h.say('how are you?');
    expect(reply).toBeNull();
    expect(h.channel.visible).toEqual(['Hello there, how can I help?']);
    expect(h.channel.calls.length).toBeGreaterThan(1);
    expect(h.channel.sends[0]!.reply.text.length).toBeLessThan('Hello there, how can I help?'.length);
    expect(h.channel.sends[0]!.reply.actions?.map((a) => a.data)).toEqual(['stop']);
    expect(h.channel.calls.at(-1)!.reply.actions ?? []).toEqual([]);
    const req = h.fake.requests[0]!;
    expect(req.stream).toBe(true);
    expect(systemOf(req)).toContain('2026-11-21T12:00:00+05:00');
    expect(systemOf(req)).toContain('Asia/Karachi');
    expect(systemOf(req)).toContain('Answer in English');
    expect(toolNames(req)).toContain('create_todo');
    expect(toolNames(req)).toContain('delegate_task');
    expect(toolNames(req)).not.toContain('general_chat');
    const createTodo = req.tools.find((x) => (x.function as { name: string }).name === 'create_todo')!.function as { parameters: { properties: Record<string, unknown> } };
    expect(Object.keys(createTodo.parameters.properties)).toEqual(expect.arrayContaining(['title', 'due']));
  });

  it('runs several tool calls from one message in the person\'s scope and streams a short answer', async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [
        { name: 'create_todo', arguments: '{"title":"milk","userId":999,"ownerId":7}' },
        { name: 'create_todo', arguments: '{"title":"eggs"}' },
        { name: 'create_reminder', arguments: '{"text":"buy milk and eggs","at":"2026-11-21T18:00:00+05:00"}' },
      ] },
      { content: ['Added milk and eggs', ', and I\'ll remind you at 6.'] },
    );
    expect(await h.say('add milk and eggs, and remind me at 6')).toBeNull();
    const user = await h.app.db.identity.findFirstOrThrow({ where: { externalId: '42' } });
    const todos = await h.app.db.todo.findMany({ orderBy: { id: 'asc' } });
    expect(todos.map((x) => [x.title, x.ownerId])).toEqual([['milk', user.userId], ['eggs', user.userId]]);
    const reminders = await h.app.db.reminder.findMany();
    expect(reminders.map((r) => [r.text, r.userId, r.at.toISOString()])).toEqual([['buy milk and eggs', user.userId, '2026-11-21T13:00:00.000Z']]);
    const second = h.fake.requests[1]!;
    const toolMsgs = second.messages.filter((m) => m.role === 'tool');
    expect(toolMsgs).toHaveLength(3);
    expect(String(toolMsgs[0]!.content)).toContain('"ok":true');
    expect(h.channel.visible).toEqual(['Added milk and eggs, and I\'ll remind you at 6.']);
  });

  it('returns invalid tool arguments to the model once, then runs the corrected call', async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [{ name: 'create_todo', arguments: '{"title": "call mom", "due": "tomorrow"}' }] },
      { toolCalls: [{ name: 'create_todo', arguments: '{"title":"call mom","due":"2026-11-22T09:00:00+05:00"}' }] },
      { content: 'Added "call mom" for tomorrow 9:00.' },
    );
    await h.say('remember to call mom tomorrow, put it on my list');
    const retry = h.fake.requests[1]!.messages.filter((m) => m.role === 'tool');
    expect(String(retry[0]!.content)).toContain('invalid_arguments');
    expect(String(retry[0]!.content)).toContain('due');
    expect(await h.app.db.todo.count()).toBe(1);
    expect(h.channel.visible).toEqual(['Added "call mom" for tomorrow 9:00.']);
  });

  it('gives a clear reply and writes nothing when the arguments are invalid twice', async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [{ name: 'create_reminder', arguments: '{"text":"stretch","at":"soon' }] },
      { toolCalls: [{ name: 'create_reminder', arguments: '{"text":"stretch","at":"in a bit"}' }] },
    );
    const reply = await h.say('hmm stretch thing later ok');
    expect(reply?.text ?? h.channel.visible.join('')).toBe(t('en', 'llmInvalidToolCall'));
    expect(await h.app.db.reminder.count()).toBe(0);
    expect(h.fake.requests).toHaveLength(2);
  });

  it('does the action when the model answers text for a clear request instead of calling the tool', async () => {
    h = await startHarness();
    h.fake.enqueue({ content: 'Sure, I added it to your list!' });
    const reply = await h.say('add buy milk tomorrow');
    expect(reply?.text).toBe(t('en', 'todoCreated', { title: 'buy milk' }));
    expect(h.channel.calls).toHaveLength(0);
    expect((await h.app.db.todo.findMany()).map((x) => x.title)).toEqual(['buy milk']);
  });

  it('answers Urdu in Urdu', async () => {
    h = await startHarness();
    h.fake.enqueue({ content: ['میں ٹھیک ہوں،', ' شکریہ!'] });
    await h.say('آپ کیسے ہیں؟');
    expect(systemOf(h.fake.requests[0]!)).toContain('Urdu script');
    expect(h.channel.visible).toEqual(['میں ٹھیک ہوں، شکریہ!']);
    expect(h.channel.calls.every((c) => c.reply.language === 'ur')).toBe(true);
  });

  it('stops a streaming answer with the Stop button and keeps what was said', async () => {
    h = await startHarness({}, {}, { modelOnClock: true }); // the 40 ms between chunks is fake time
    h.fake.enqueue({ content: ['Once', ' upon', ' a', ' time', ...Array.from({ length: 50 }, () => ' and')], chunkDelayMs: 40 });
    const answer = h.say('tell me a long story');
    await driveUntil(h.clock, () => h.channel.calls.length > 0, { stepMs: 10, label: 'first streamed text' });
    const stop = await h.press('stop');
    expect(stop?.text).toBe(t('en', 'stopDone'));
    expect(await driveWhile(h.clock, answer, { stepMs: 10 })).toBeNull();
    const final = h.channel.visible[0]!;
    expect(final.startsWith('Once')).toBe(true);
    expect(final.endsWith(t('en', 'streamStopped'))).toBe(true);
    expect(final.split(' and').length).toBeLessThan(50);
    await h.fake.waitFor((r) => r.aborted);
  });
});
