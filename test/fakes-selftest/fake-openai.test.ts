/**
 * Proves FakeOpenAIServer works with the real openai SDK: streamed text, a streamed tool call in
 * fragments reassembled by the SDK, non-streamed answers, 429 / dropped-connection errors,
 * conversation validation, and request recording.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import OpenAI, { APIConnectionError, APIError, RateLimitError } from 'openai';
import { FakeOpenAIServer } from '../fakes/fake-openai.ts';

describe('FakeOpenAIServer with the openai SDK', () => {
  let ai: FakeOpenAIServer;
  let client: OpenAI;

  beforeEach(async () => {
    ai = new FakeOpenAIServer({ models: ['gpt-fake', 'gpt-fake-mini'] });
    client = new OpenAI({ baseURL: `${await ai.start()}/v1`, apiKey: 'x', maxRetries: 0, timeout: 3_000 });
  });
  afterEach(async () => {
    await ai.stop();
  });

  it('streams content chunks (first delta carries the role) with usage', async () => {
    ai.enqueue({ content: ['Hel', 'lo', ' world'], usage: { prompt_tokens: 12, completion_tokens: 3 } });
    const stream = await client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    const deltas: string[] = [];
    let role: string | undefined;
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      role ??= choice?.delta.role;
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(role).toBe('assistant');
    expect(deltas).toEqual(['Hel', 'lo', ' world']);
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBe(15);
    expect(ai.requests[0]).toMatchObject({ model: 'gpt-fake', stream: true, authorization: 'Bearer x', messages: [{ role: 'user', content: 'hi' }] });
  });

  it('streams a tool call split over fragments and the SDK reassembles it', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'add_todo', parameters: { type: 'object', properties: { title: { type: 'string' } } } } }];
    ai.enqueue({ toolCalls: [{ name: 'add_todo', arguments: '{"title":"buy milk","due":"tomorrow"}', argumentFragments: 4 }] });
    const runner = client.chat.completions.stream({ model: 'gpt-fake', messages: [{ role: 'user', content: 'remind me' }], tools });
    const fragments: string[] = [];
    runner.on('tool_calls.function.arguments.delta', (e) => fragments.push(e.arguments_delta));
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(fragments[0]).toBe(''); // the head chunk (id, type, name) carries arguments ''
    expect(fragments.slice(1)).toHaveLength(4);
    expect(fragments.join('')).toBe('{"title":"buy milk","due":"tomorrow"}');
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function).toMatchObject({ name: 'add_todo', arguments: '{"title":"buy milk","due":"tomorrow"}' });
    expect(ai.requests[0]?.tools).toEqual(tools);

    // the tool result goes back; a dynamic step sees the whole conversation
    ai.enqueue((req) => ({ content: `saw ${req.messages.length} messages, last=${String(req.messages.at(-1)?.role)}` }));
    const second = await client.chat.completions.create({
      model: 'gpt-fake',
      messages: [{ role: 'user', content: 'remind me' }, { role: 'assistant', content: null, tool_calls: [{ id: call!.id, type: 'function', function: { name: 'add_todo', arguments: '{}' } }] }, { role: 'tool', tool_call_id: call!.id, content: 'ok' }],
    });
    expect(second.choices[0]?.message.content).toBe('saw 3 messages, last=tool');
  });

  it('rejects malformed tool conversations like OpenAI, and unscripted requests loudly', async () => {
    const err = await client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'nope', content: 'r' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).status).toBe(400);
    expect((err as APIError).message).toMatch(/role 'tool' must be a response/);
    await expect(client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }] })).rejects.toThrow(/no response scripted/);
  });

  it('returns 429 with retry-after as RateLimitError, and non-streamed tool calls', async () => {
    ai.enqueue({ status: 429, retryAfter: 2 }, { toolCalls: [{ name: 'f', arguments: '{not json' }] });
    const err = await client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as APIError).status).toBe(429);
    expect((err as APIError).headers?.get('retry-after')).toBe('2');
    const res = await client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }] });
    const tc = res.choices[0]?.message.tool_calls?.[0];
    expect(tc?.type === 'function' && tc.function.arguments).toBe('{not json');
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['gpt-fake', 'gpt-fake-mini']);
  });

  it('a connection dropped mid-stream surfaces as an error; a mid-stream error event as APIError', async () => {
    ai.enqueue({ content: ['a', 'b', 'c', 'd'], dropAfterChunks: 2 });
    const got: string[] = [];
    const consume = async (): Promise<void> => {
      const stream = await client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }], stream: true });
      for await (const c of stream) got.push(c.choices[0]?.delta.content ?? '');
    };
    const dropped = await consume().then(() => null, (e: unknown) => e);
    expect(dropped).toBeInstanceOf(Error);
    expect(got).toEqual(['', 'a']);

    ai.enqueue({ content: ['a', 'b'], errorAfterChunks: 2 });
    await expect(consume()).rejects.toBeInstanceOf(APIError);

    ai.enqueue({ content: 'slow', delayFirstMs: 2_000 });
    const ctl = new AbortController();
    const p = client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }] }, { signal: ctl.signal });
    await ai.waitFor((r) => r.body.messages !== undefined && ai.requests.length === 3);
    ctl.abort();
    await expect(p).rejects.toThrow();
    await expect.poll(() => ai.requests[2]?.aborted).toBe(true);

    ai.enqueue({ content: 'x', dropAfterChunks: 0 });
    await expect(client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(APIConnectionError);
  });
});
