/**
 * Issue 13, point 5 for streamed answers on Telegram: the last edit of a streamed answer (the one
 * that removes the Stop button and leaves the final text) survives a 500, a 502, a dropped
 * connection and a 429 with retry_after 20 s. A one-chunk model answer makes that final edit the
 * only edit, so the fault is sure to hit it. The bot's retries wait on a FakeClock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai.ts';
import type { TgFault } from '../fakes/telegram-model.ts';
import { alice, buttons, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';

const FAULTS: [string, TgFault][] = [
  ['500', { code: 500 }],
  ['502', { code: 502 }],
  ['dropped connection', { drop: true }],
  ['429 retry_after 20', { code: 429, retryAfter: 20 }],
];

describe('the final edit of a streamed answer survives one failure', () => {
  let h: TelegramHarness;
  let ai: FakeOpenAIServer;
  const clock = new FakeClock();
  const tally = { answered: 0, lost: 0 };
  beforeAll(async () => {
    ai = new FakeOpenAIServer({ clock });
    const url = await ai.start();
    h = await startTelegramHarness({ clock, env: { OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: 'test', OPENAI_MODEL: 'gpt-fake', OPENAI_TIMEOUT_MS: '10000' } });
  });
  afterAll(async () => {
    console.info(`Telegram streamed final edits under faults: applied ${tally.answered}, lost ${tally.lost}`);
    await h?.close();
    await ai?.stop();
  });

  for (const [name, fault] of FAULTS) {
    it(`after a ${name}`, async () => {
      const answer = `The rain answer for ${name}, complete.`;
      ai.enqueue({ content: [answer] });
      h.tg.failNext('editMessageText', fault);
      h.say(alice, `tell me about the rain (${name})`);
      const sent = await h.nextReply(alice.id, 5_000);
      expect(buttons(sent)).toEqual(['stop']);
      const message = () => h.tg.messagesIn(alice.id).find((m) => m.message_id === messageIdOf(sent))!;
      const final = () => plain(message().text) === answer && message().reply_markup === undefined;
      await h.until(final, { timeoutMs: 240_000, stepMs: 500 }).catch(() => undefined); // a lost edit is counted below
      if (final()) tally.answered++;
      else tally.lost++;
      expect(h.tg.callsOf('editMessageText').some((c) => c.error || c.result === undefined)).toBe(true); // the fault did hit it
      expect(final()).toBe(true);
    });
  }
});
