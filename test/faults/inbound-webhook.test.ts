/**
 * Webhook mode acknowledges an update (HTTP 200) only once it is stored: while the store is busy
 * Telegram waits, when it fails Telegram gets a 500 and delivers the update again, and an update
 * delivered twice is handled once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { startWebhookServer, type WebhookServer } from '../../adapters/telegram/webhook-server.ts';
import { createLogger } from '../../src/logger.ts';
import { realTurn } from '../fakes/clock-driver.ts';

const SECRET = 's3cret-token';

describe('the webhook acknowledges only stored updates', () => {
  let server: WebhookServer | undefined;
  afterEach(async () => server?.close());

  it('answers 200 after the store, 500 when it fails, and hands each new update on once', async () => {
    const stored = new Set<number>();
    const handled: number[] = [];
    let release: (() => void) | undefined;
    let entered: (() => void) | undefined;
    let failNext = false;
    server = await startWebhookServer({
      host: '127.0.0.1', port: 0, path: '/hook', secret: SECRET, log: createLogger('silent'),
      store: async (update) => {
        await new Promise<void>((resolve) => { release = resolve; entered?.(); });
        if (failNext) { failNext = false; throw new Error('disk full'); }
        if (stored.has(update.update_id)) return false;
        stored.add(update.update_id);
        return true;
      },
      onUpdate: (update: Update) => { handled.push(update.update_id); },
    });
    const post = (updateId: number) => fetch(`http://127.0.0.1:${server!.port}/hook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: updateId, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: 'hi' } }),
    });
    /** Resolves once the server is inside `store`, with the function that lets the store finish. */
    const waitForStore = async () => {
      if (!release) await new Promise<void>((resolve) => { entered = resolve; });
      entered = undefined;
      const r = release!;
      release = undefined;
      return r;
    };

    let answered = false;
    const first = post(1).then((res) => { answered = true; return res; });
    const storeDone = await waitForStore();
    await realTurn(50); // turns of the event loop in which an early answer would reach the client over loopback
    expect(answered).toBe(false); // not acknowledged while storing
    storeDone();
    expect((await first).status).toBe(200);
    expect(handled).toEqual([1]);

    failNext = true;
    const failed = post(2);
    (await waitForStore())();
    expect((await failed).status).toBe(500);
    expect(handled).toEqual([1]);

    const again = post(2);
    (await waitForStore())();
    expect((await again).status).toBe(200);
    const duplicate = post(1);
    (await waitForStore())();
    expect((await duplicate).status).toBe(200);
    expect(handled).toEqual([1, 2]);
  });
});
