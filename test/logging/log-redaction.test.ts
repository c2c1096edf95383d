/**
 * The one redaction every log line goes through (src/log-redaction.ts): what it removes, what it
 * keeps (counts such as `tokens` stay readable), and that it stays safe and cheap on awkward values
 * — cycles, deep nesting, huge objects, throwing getters.
 */
import { describe, expect, it } from 'vitest';
import { isSecretKey, redactValue, rememberSecrets, scrubSecrets } from '../../src/log-redaction.ts';

describe('log redaction', () => {
  it('scrubs remembered secret values, URL-encoded too, and token shapes in free text', () => {
    rememberSecrets(['plain-configured-secret:42', undefined, 'abc']); // too short to censor words: ignored
    expect(scrubSecrets('x plain-configured-secret:42 y plain-configured-secret%3A42 z')).toBe('x [redacted] y [redacted] z');
    expect(scrubSecrets('abc stays')).toBe('abc stays');
    expect(scrubSecrets('GET https://api.telegram.org/bot123456:AAbbCC_dd-ee/getUpdates')).toBe('GET https://api.telegram.org/bot[redacted]/getUpdates');
    expect(scrubSecrets('Authorization: Bearer sk-abcdefghijklmnopqrstu')).not.toMatch(/abcdefghij/);
    expect(scrubSecrets('https://h/x?api_key=s3cr3t&page=2')).toBe('https://h/x?api_key=[redacted]&page=2');
    expect(scrubSecrets('postgres://claw:pa55word@db/claw')).toBe('postgres://claw:[redacted]@db/claw');
  });

  it('names secret keys in any spelling, but not counts of model tokens', () => {
    for (const k of ['token', 'botToken', 'api_key', 'apiKey', 'OPENAI_API_KEY', 'Authorization', 'x-telegram-bot-api-secret-token', 'secret_token', 'password', 'cookie', 'set-cookie', 'TELEGRAM_WEBHOOK_SECRET']) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of ['tokens', 'promptTokens', 'total_tokens', 'author', 'keyboard', 'secretary']) expect(isSecretKey(k), k).toBe(false);
  });

  it('walks errors with their causes, AggregateError members and own fields', () => {
    const inner = new Error('connect to https://x/bot99999:ZZZZ/getMe');
    const err = Object.assign(new Error('outer', { cause: new AggregateError([inner], 'all failed') }), { headers: { authorization: 'Bot abc.def' }, status: 500 });
    const out = redactValue({ err }) as { err: Record<string, unknown> };
    expect(out.err).toMatchObject({ type: 'Error', message: 'outer', status: 500, headers: { authorization: '[redacted]' } });
    expect(out.err.cause).toMatchObject({ type: 'AggregateError', errors: [{ message: 'connect to https://x/bot[redacted]/getMe' }] });
    expect(JSON.stringify(out)).not.toContain('ZZZZ');
  });

  it('keeps numbers under secret-looking keys and redacts strings and objects under them', () => {
    expect(redactValue({ usage: { tokens: 120 }, token: 'x', auth: { user: 'u' }, secret: null })).toEqual({ usage: { tokens: 120 }, token: '[redacted]', auth: '[redacted]', secret: null });
  });

  it('is safe on cycles, deep nesting, huge objects, throwing getters, binary and URLs', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const shared = { v: 1 };
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 50; i++) deep = { deep };
    const huge = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
    const getter = Object.defineProperty({}, 'boom', { enumerable: true, get() { throw new Error('no'); } });
    const out = redactValue({ cyclic, pair: [shared, shared], deep, huge, getter, buf: Buffer.alloc(10), url: new URL('https://h/bot1234567:abcdef/x'), list: Array.from({ length: 500 }, (_, i) => i) }) as Record<string, unknown>;
    expect((out.cyclic as Record<string, unknown>).self).toBe('[circular]');
    expect(out.pair).toEqual([{ v: 1 }, { v: 1 }]);
    expect(JSON.stringify(out.deep)).toContain('[nested too deep]');
    expect(Object.keys(out.huge as object).length).toBeLessThanOrEqual(101);
    expect(out.getter).toEqual({ boom: '[unreadable]' });
    expect(out.buf).toBe('[binary 10 bytes]');
    expect(out.url).toBe('https://h/bot[redacted]/x');
    expect((out.list as unknown[]).length).toBe(51);
  });

  it('costs little on an ordinary info line', () => {
    const line = { platform: 'telegram', type: 'command', replied: true, ms: 12, cid: 'abc123def456' };
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) redactValue(line);
    const perLineUs = ((performance.now() - started) * 1000) / 20_000;
    expect(perLineUs).toBeLessThan(50); // measured about 3 µs; the bound leaves room for a busy machine
  });
});
