import { afterEach, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/core/errors.ts';
import { t } from '../../src/i18n/index.ts';
import { OpenAIChatModel } from '../../src/llm/model-client.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
let fake: FakeOpenAIServer | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.stop();
  h = undefined;
  fake = undefined;
});

async function model(settings: { timeoutMs?: number; maxRetries?: number } = {}) {
  fake = new FakeOpenAIServer();
  const url = await fake.start();
  return new OpenAIChatModel({ baseURL: `${url}/v1`, apiKey: 'k', model: 'gpt-fake', timeoutMs: settings.timeoutMs ?? 1_000, maxRetries: settings.maxRetries ?? 2 });
}

describe('the model client', () => {
  it('retries a 429 (honouring retry-after) and a 500 with the SDK backoff', async () => {
    const m = await model();
    fake!.enqueue({ status: 429, retryAfter: 0.05 }, { status: 500, retryAfter: 0.05 }, { content: ['fine', ' now'] });
    const answer = await m.complete({ messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.content).toBe('fine now');
    expect(fake!.requests.map((r) => r.status)).toEqual([429, 500, 200]);
  });

  it('retries a slow first token after the timeout', async () => {
    const m = await model({ timeoutMs: 300 });
    fake!.enqueue({ delayFirstMs: 1_500, content: 'late' }, { content: 'on time' });
    const answer = await m.complete({ messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.content).toBe('on time');
  });

  it('gives up within a bounded time with a retryable ModelError', async () => {
    const m = await model({ timeoutMs: 300, maxRetries: 1 });
    fake!.setDefault({ status: 503, retryAfter: 0.02 });
    const started = Date.now();
    const error = await m.complete({ messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).retryable).toBe(true);
    expect((error as ModelError).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(fake!.requests).toHaveLength(2);
  });

  it('turns a stream that goes silent into a timeout', async () => {
    const m = await model({ timeoutMs: 200, maxRetries: 0 });
    fake!.setDefault({ content: ['a', 'b', 'c'], chunkDelayMs: 1_000 });
    const error = await m.complete({ messages: [{ role: 'user', content: 'hi' }], onText: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).status).toBe(408);
  });

  it('does not retry a bad request', async () => {
    const m = await model();
    fake!.enqueue({ status: 400, errorMessage: 'model not found' });
    const error = await m.complete({ messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect((error as ModelError).retryable).toBe(false);
    expect(fake!.requests).toHaveLength(1);
  });

  it('assembles tool calls from fragments, in order', async () => {
    const m = await model();
    fake!.enqueue({ toolCalls: [{ name: 'create_todo', arguments: '{"title":"a long title here"}', argumentFragments: 5 }, { name: 'list_todos', arguments: '{}' }] });
    const answer = await m.complete({ messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.toolCalls.map((c) => [c.name, c.arguments])).toEqual([['create_todo', '{"title":"a long title here"}'], ['list_todos', '{}']]);
    expect(answer.promptTokens).toBe(10);
  });
});

describe('when the model is unavailable', () => {
  it('falls back to the offline parser for actions and says chat is offline', async () => {
    h = await startHarness({ OPENAI_MAX_RETRIES: '1', OPENAI_TIMEOUT_MS: '500' });
    h.fake.setDefault({ status: 500, retryAfter: 0.01 });
    const action = await h.say('add buy milk tomorrow');
    expect(action?.text).toBe(t('en', 'todoCreated', { title: 'buy milk' }));
    expect(await h.app.db.todo.count()).toBe(1);
    const chat = await h.say('how are you?');
    expect(chat?.text).toBe(t('en', 'modelOffline'));
    expect(h.channel.calls).toHaveLength(0);
  });

  it('recovers from a connection dropped before any text was shown', async () => {
    h = await startHarness();
    h.fake.enqueue({ content: ['never', ' shown'], dropAfterChunks: 1 }, { content: ['Hello', ' again'] });
    expect(await h.say('how are you?')).toBeNull();
    expect(h.channel.visible).toEqual(['Hello again']);
  });

  it('keeps the shown part and says so when the connection drops mid-answer', async () => {
    h = await startHarness();
    h.fake.enqueue({ content: ['Part', ' one', ' two', ' three'], dropAfterChunks: 3, chunkDelayMs: 10 });
    expect(await h.say('tell me something')).toBeNull();
    expect(h.channel.visible).toEqual([`Part one\n\n${t('en', 'llmInterrupted')}`]);
    expect(h.fake.requests).toHaveLength(1);
  });

  it('does not repeat actions already done when the answer round fails', async () => {
    h = await startHarness({ OPENAI_MAX_RETRIES: '0', OPENAI_TIMEOUT_MS: '500' });
    h.fake.enqueue({ toolCalls: [{ name: 'create_todo', arguments: '{"title":"pay rent"}' }] }, { status: 500 }, { status: 500 });
    const reply = await h.say('put pay rent on the list please');
    expect(reply?.text ?? h.channel.visible.join('')).toContain(t('en', 'todoCreated', { title: 'pay rent' }));
    expect(await h.app.db.todo.count()).toBe(1);
  });
});
