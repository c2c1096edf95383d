/**
 * Webhook mode: setWebhook with the public URL and a secret token, every request's secret checked,
 * updates answered through the same pipeline, a health endpoint, duplicates dropped, and a stop
 * that turns new deliveries away (Telegram retries them) after finishing what it accepted. The app,
 * the bot and the fake Bot API run on a FakeClock; the webhook's requests are real loopback I/O.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clockSleep } from '../fakes/clock-driver.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { alice, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

const URL_PUBLIC = 'https://bot.example.com/telegram/hook';

describe('Telegram webhook mode', () => {
  let h: TelegramHarness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  it('checks the secret on every request, answers updates, and reports health', async () => {
    const clock = new FakeClock();
    h = await startTelegramHarness({ clock, settings: { webhookUrl: URL_PUBLIC, webhookSecret: 'hook-secret_1', webhookPort: 0, webhookHost: '127.0.0.1' } });
    expect(h.tg.webhookUrl).toBe(URL_PUBLIC);
    const set = h.tg.callsOf('setWebhook')[0]!;
    expect(set.params).toMatchObject({ secret_token: 'hook-secret_1', allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'] });
    expect(h.tg.callsOf('getUpdates')).toHaveLength(0);

    const base = `http://127.0.0.1:${h.bot.webhookPort}`;
    const update = h.say(alice, '/todo from the webhook');
    const post = (secret?: string, body: unknown = update) => fetch(`${base}/telegram/hook`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(secret !== undefined && { 'x-telegram-bot-api-secret-token': secret }) },
    });
    expect((await post()).status).toBe(401);
    expect((await post('wrong-secret')).status).toBe(401);
    expect((await post('hook-secret_1', { hello: 1 })).status).toBe(400);
    expect((await post('hook-secret_1')).status).toBe(200);
    expect((await post('hook-secret_1')).status).toBe(200); // Telegram re-delivering: acknowledged, not handled twice
    expect(plain((await h.nextReply(alice.id)).params.text)).toContain('from the webhook');
    expect((await fetch(`${base}/nope`)).status).toBe(404);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    await h.drive(clockSleep(clock, 300)); // time for a second answer, were the re-delivery handled
    expect(h.sent(alice.id)).toHaveLength(1);
    expect(h.inbound).toHaveLength(1);

    await h.drive(h.bot.stop());
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
