import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import { startHarness, systemOf, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => { await h?.close(); });

const contents = (msgs: Record<string, unknown>[]) => msgs.filter((m) => m.role !== 'system').map((m) => `${String(m.role)}:${String(m.content ?? '')}`);

describe('conversation history', () => {
  it('sends earlier turns (with their tool calls) to the model, survives a restart, and /new starts afresh', async () => {
    h = await startHarness();
    h.fake.enqueue(
      { content: 'Nice to meet you, Ayesha.' },
      { toolCalls: [{ name: 'create_todo', arguments: '{"title":"water plants"}' }] },
      { content: 'Added.' },
    );
    await h.say('my favourite colour is green');
    await h.say('remind me somehow: water plants, on the list');
    await h.restart();
    h.fake.enqueue({ content: 'Green!' });
    await h.say('what is my favourite colour?');
    const req = h.fake.requests.at(-1)!;
    expect(contents(req.messages)).toEqual([
      'user:my favourite colour is green', 'assistant:Nice to meet you, Ayesha.',
      'user:remind me somehow: water plants, on the list', 'assistant:', 'tool:' + String(req.messages.find((m) => m.role === 'tool')!.content), 'assistant:Added.',
      'user:what is my favourite colour?',
    ]);
    const reply = await h.command('new');
    expect(reply?.text).toBe(t('en', 'newConversation'));
    h.fake.enqueue({ content: 'I don\'t know yet.' });
    await h.say('what is my favourite colour?');
    expect(contents(h.fake.requests.at(-1)!.messages)).toEqual(['user:what is my favourite colour?']);
  });

  it('keeps the window bounded by tokens and folds older turns into a summary', async () => {
    h = await startHarness({ LLM_HISTORY_TOKENS: '60' });
    h.fake.setDefault((req) => (systemOf(req).startsWith('Summarize')
      ? { content: 'User likes green and tea.' }
      : { content: `Reply number ${h.fake.requests.length} with some padding words to use tokens.` }));
    for (let i = 0; i < 6; i++) await h.say(`message ${i} about something that takes a few tokens to say`);
    const summaries = h.fake.requests.filter((r) => systemOf(r).startsWith('Summarize'));
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries[0]!.tools).toEqual([]);
    h.fake.setDefault({ content: 'ok' });
    await h.say('and now?');
    const last = h.fake.requests.at(-1)!;
    expect(systemOf(last)).toContain('Summary of the earlier conversation: User likes green and tea.');
    const historyChars = last.messages.slice(1, -1).reduce((n, m) => n + String(m.content ?? '').length, 0);
    expect(historyChars).toBeLessThan(60 * 4 + 10);
    const conv = await h.app.db.conversation.findFirstOrThrow();
    expect(conv.summary).toBe('User likes green and tea.');
  });
});

describe('usage and the daily budget', () => {
  it('records tokens per user per day and stops model use with a clear message at the budget', async () => {
    h = await startHarness({ LLM_DAILY_TOKEN_BUDGET: '50' });
    h.fake.enqueue({ content: 'hi!', usage: { prompt_tokens: 40, completion_tokens: 15 } });
    await h.say('hello there');
    const usage = await h.app.db.llmUsage.findMany();
    expect(usage.map((u) => [u.day, u.promptTokens, u.completionTokens, u.requests])).toEqual([['2026-11-21', 40, 15, 1]]);
    const reply = await h.say('tell me a joke');
    expect(reply?.text).toBe(t('en', 'llmBudgetReached'));
    expect(h.fake.requests).toHaveLength(1);
    // Actions still work, through the offline parser.
    const action = await h.say('add buy bread tomorrow');
    expect(action?.text).toBe(t('en', 'todoCreated', { title: 'buy bread' }));
    expect(h.fake.requests).toHaveLength(1);
    // A new local day has a fresh allowance.
    await h.clock.advance(24 * 3_600_000);
    h.fake.enqueue({ content: 'Why did the chicken…' });
    await h.say('tell me a joke');
    expect(h.fake.requests).toHaveLength(2);
  });
});
