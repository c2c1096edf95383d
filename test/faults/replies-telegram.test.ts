/**
 * Issue 13, point 5 on Telegram: one failed send (500, 502, a dropped connection, a 429 with
 * retry_after 20 s) no longer loses the answer to a command. The real grammY bot talks to the fake
 * Bot API; the bot's retries wait on a FakeClock that the test moves, so retry_after 20 costs no
 * real time. Each case counts what the person got: exactly one answer, none lost, none twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockSleep } from '../fakes/clock-driver.ts';
import type { TgFault } from '../fakes/telegram-model.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { alice, buttons, messageIdOf, plain, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';

/** Fake time after an answer in which a duplicate would show up (more than any backoff step). */
const SETTLE_MS = 5_000;

const FAULTS: [string, TgFault][] = [
  ['500', { code: 500, description: 'Internal Server Error' }],
  ['502', { code: 502, description: 'Bad Gateway' }],
  ['dropped connection', { drop: true }],
  ['429 retry_after 20', { code: 429, retryAfter: 20 }],
];

describe('Telegram replies survive one failed send', () => {
  let h: TelegramHarness;
  const clock = new FakeClock();
  const tally = { answered: 0, lost: 0, duplicated: 0 };
  beforeAll(async () => { h = await startTelegramHarness({ clock }); });
  afterAll(async () => {
    console.info(`Telegram replies under faults: answered ${tally.answered}, lost ${tally.lost}, duplicated ${tally.duplicated}`);
    await h?.close();
  });

  /** Moves the bot's clock in steps of at most 500 ms (real I/O runs between) until `done()` or 4 fake minutes; what did not come is counted below. */
  const drive = (done: () => boolean): Promise<unknown> => h.until(done, { timeoutMs: 240_000, stepMs: 500 }).catch(() => undefined);
  const settle = () => h.drive(clockSleep(clock, SETTLE_MS));
  const count = (expected: number, got: number): void => {
    if (got < expected) tally.lost += expected - got;
    else if (got > expected) tally.duplicated += got - expected;
    else tally.answered++;
  };
  const botTexts = () => h.tg.messagesIn(alice.id).map((m) => plain(m.text));

  for (const [name, fault] of FAULTS) {
    it(`answers a command exactly once after a ${name} on sendMessage`, async () => {
      const marker = `errand ${name}`;
      h.tg.failNext('sendMessage', fault);
      h.say(alice, `/todo ${marker}`);
      await drive(() => botTexts().some((t) => t.includes(marker)));
      await settle();
      const got = botTexts().filter((t) => t.includes(marker)).length;
      count(1, got);
      expect(got).toBe(1);
    });

    it(`applies a button's edit after a ${name} on editMessageText`, async () => {
      const marker = `press ${name}`;
      h.say(alice, `/todo ${marker}`);
      await drive(() => botTexts().some((t) => t.includes(marker)));
      const card = h.tg.callsOf('sendMessage').filter((c) => !c.error && plain(c.params.text).includes(marker)).at(-1)!;
      h.tg.failNext('editMessageText', fault);
      h.tg.pressButton({ chatId: alice.id, from: alice, messageId: messageIdOf(card), data: buttons(card).find((d) => d.startsWith('done:'))! });
      const edited = () => h.tg.messagesIn(alice.id).find((m) => m.message_id === messageIdOf(card))!;
      await drive(() => plain(edited().text).includes('✅'));
      count(1, plain(edited().text).includes('✅') ? 1 : 0);
      expect(plain(edited().text)).toContain('✅');
    });

    it(`sends both /export files after a ${name} on sendDocument`, async () => {
      const before = h.tg.messagesIn(alice.id).filter((m) => m.document).length;
      h.tg.failNext('sendDocument', fault);
      h.say(alice, '/export');
      const docs = () => h.tg.messagesIn(alice.id).filter((m) => m.document).length - before;
      await drive(() => docs() >= 2);
      await settle();
      count(2, docs());
      expect(docs()).toBe(2);
    });
  }
});
