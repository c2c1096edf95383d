/**
 * Issue 13 bad inputs with a model configured: the limits hold for the model's own tool calls
 * (a model may turn "feb 30" or "every second" into something storable), and an emoji-only
 * message is answered without asking the model (which used to make it a todo).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => { await h?.close(); });

async function counts() {
  const [todos, reminders] = await Promise.all([h.app.db.todo.count(), h.app.db.reminder.count()]);
  return { todos, reminders };
}

describe('bad input with a model', () => {
  it('an emoji-only message gets "didn\'t understand" and never reaches the model', async () => {
    h = await startHarness();
    h.fake.enqueue({ toolCalls: [{ name: 'create_todo', arguments: '{"title":"🛒🥛"}' }] }, { content: ['Added.'] });
    const reply = await h.say('🛒🥛');
    expect(reply?.text).toMatch(/didn't understand/);
    expect(h.fake.requests).toHaveLength(0);
    expect(await counts()).toEqual({ todos: 0, reminders: 0 });
  });

  it('the model\'s tool calls meet the same limits: far dates, impossible ISO dates, every-second repeats, control characters', async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [
        { name: 'create_reminder', arguments: '{"text":"pills","at":"6109-12-14T12:08:00+05:00"}' },
        { name: 'create_todo', arguments: '{"title":"pay","due":"2027-02-30T09:00:00+05:00"}' },
        { name: 'create_reminder', arguments: '{"text":"blink","at":"2026-11-21T18:00:00+05:00","recurrence":"* * * * * *"}' },
        { name: 'create_todo', arguments: '{"title":"buy\\u0000 bread\\u001b[0m"}' },
      ] },
      { content: ['Done what I could.'] },
    );
    await h.say('do these things');
    expect(await counts()).toEqual({ todos: 1, reminders: 0 });
    expect((await h.app.db.todo.findFirstOrThrow()).title).toBe('buy bread');
    const toolResults = JSON.stringify(h.fake.requests[1]?.messages ?? []);
    expect(toolResults).toMatch(/too far away/);
    expect(toolResults).toMatch(/not a real date/);
    expect(toolResults).toMatch(/more often than once a minute/);
  });
});
