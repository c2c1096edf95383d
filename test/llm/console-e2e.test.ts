import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleChannel, runConsoleChat } from '../../adapters/console/console-chat.ts';
import { t } from '../../src/i18n/index.ts';
import { driveUntil, driveWhile } from '../fakes/clock-driver.ts';
import type { RecordedChatRequest } from '../fakes/fake-openai.ts';
import { startHarness, systemOf, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => { await h?.close(); });

/** The "done when" walk-through: the terminal chat against a fake OpenAI-compatible server. */
describe('terminal chat with a model configured', () => {
  it('streams an answer, creates todos through a tool call, answers Urdu in Urdu and delivers a delegated task later', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    // The terminal prints replies and, through the scheduler's outbox, the task result (as `npm start` wires it).
    const channel = new ConsoleChannel(output, false);
    h = await startHarness({}, {}, { deliverTo: channel });
    h.fake.setDefault((r: RecordedChatRequest) => {
      const last = r.messages.at(-1)!;
      const text = String(last.content ?? '');
      if (systemOf(r).includes('background agent')) {
        return r.messages.some((m) => m.role === 'tool') ? { content: 'Plan: Monday milk, Tuesday eggs.' } : { toolCalls: [{ name: 'list_todos', arguments: '{}' }] };
      }
      if (last.role === 'tool') return { content: String(last.content).includes('queued') ? 'Started task #1.' : 'Added milk and eggs.' };
      if (text.includes('کیسے')) return { content: ['میں ٹھیک', ' ہوں، شکریہ!'] };
      if (text.includes('milk')) return { toolCalls: [{ name: 'create_todo', arguments: '{"title":"milk"}' }, { name: 'create_todo', arguments: '{"title":"eggs"}' }] };
      if (text.includes('plan')) return { toolCalls: [{ name: 'delegate_task', arguments: '{"instruction":"plan my week"}' }] };
      return { content: ['Hello', ' from', ' the', ' model!'], chunkDelayMs: 5 };
    });
    let printed = '';
    output.on('data', (d: Buffer) => { printed += d.toString('utf8'); });
    // The console paces edits (100 ms) on the app's clock: the waits below keep fake time moving.
    const chat = runConsoleChat({ handler: h.app.orchestrator, input, output, interactive: false, channel });
    input.write('how are you?\nplease put milk and eggs on my list\nآپ کیسے ہیں؟\nresearch and plan my week\n');
    await driveUntil(h.clock, () => printed.includes('Plan: Monday'), { timeoutMs: 30_000, label: 'the delegated task\'s report', describe: () => printed });
    input.end();
    await driveWhile(h.clock, chat);
    const lines = printed.split('\n');
    expect(lines).toContain('Hello from the model!');
    expect(lines).toContain('Added milk and eggs.');
    expect(lines).toContain('میں ٹھیک ہوں، شکریہ!');
    expect(lines).toContain('Started task #1.');
    expect(printed).toContain(t('en', 'taskDone', { id: 1, result: 'Plan: Monday milk, Tuesday eggs.' }));
    expect((await h.app.db.todo.findMany()).map((x) => x.title).sort()).toEqual(['eggs', 'milk']);
  });
});
