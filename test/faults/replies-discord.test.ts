/**
 * Issue 13, point 5 on Discord: one failed call (500 or 502, repeated past discord.js's own three
 * immediate retries), a dropped connection, an answer lost after Discord created the message, or a
 * 429 longer than discord.js waits out itself) no longer loses the answer to a command, whether it
 * is a slash command (interaction callback) or a command typed in a DM (channel message). The
 * real discord.js client talks to the fake Discord. The 429 is scaled: the bot hands rate limits
 * above 200 ms to its own backoff (5 s in production) and the fake asks for 1.5 s. The app, the bot
 * and the fake share one FakeClock, so the backoff waits cost no real time, and after each answer
 * the test lets 5 s of fake time pass (longer than any backoff step) to catch a late duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockSleep } from '../fakes/clock-driver.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import type { DiscordFault } from '../fakes/fake-discord.ts';
import { alice, startHarness, text, type DiscordHarness } from '../discord/discord-harness.ts';

const FAULTS: [string, DiscordFault, number][] = [
  ['500 x4', { status: 500 }, 4],
  ['502 x4', { status: 502 }, 4],
  ['dropped connection', { drop: true }, 1],
  ['answer lost after Discord acted', { acceptThenDrop: true }, 1],
  ['429 retry_after above what discord.js waits', { status: 429, retryAfter: 1.5 }, 1],
];

/** Fake time after an answer in which a duplicate would show up (more than any backoff step). */
const SETTLE_MS = 5_000;

describe('Discord replies survive one failed call', () => {
  let h: DiscordHarness;
  const clock = new FakeClock();
  const tally = { answered: 0, lost: 0, duplicated: 0 };
  beforeAll(async () => {
    h = await startHarness({ clock, bot: { longRateLimitMs: 200 }, fake: { interactionDeadlineMs: 3_000 } });
  });
  afterAll(async () => {
    console.info(`Discord replies under faults: answered ${tally.answered}, lost ${tally.lost}, duplicated ${tally.duplicated}`);
    await h?.close();
  });
  const count = (got: number): void => {
    if (got === 0) tally.lost++;
    else if (got > 1) tally.duplicated += got - 1;
    else tally.answered++;
  };

  for (const [name, fault, times] of FAULTS) {
    it(`answers a slash command exactly once after a ${name} on the interaction callback`, async () => {
      const marker = `slash ${name}`;
      h.dc.failNext('POST /interactions/:id/:token/callback', fault, times);
      const rec = h.command(alice, 'todo', { sub: 'add', options: { text: marker } });
      const seen = await h.answer(rec, 8_000).catch(() => []);
      await h.drive(clockSleep(clock, SETTLE_MS));
      const got = h.dc.messagesIn(rec.channelId).filter((m) => m.interactionId === rec.id && text([{ id: m.id, content: m.content, embeds: (m.raw.embeds ?? []) as never, customIds: [], ephemeral: false }]).includes(marker)).length;
      count(got);
      expect(text(seen)).toContain(marker);
      expect(got).toBe(1);
    });

    it(`answers a command typed in a DM exactly once after a ${name} on the message send`, async () => {
      const marker = `typed ${name}`;
      h.dc.failNext('POST /channels/:id/messages', fault, times);
      h.dc.dmMessage({ user: alice, content: `/todo ${marker}` });
      const dm = () => h.dc.messagesIn(h.dc.dmChannelId(alice)).filter((m) => m.authorId === h.dc.botUser.id && JSON.stringify(m.raw).includes(marker));
      await h.until(() => dm().length > 0, { timeoutMs: 8_000, label: `answer to "${marker}"` }).catch(() => {});
      await h.drive(clockSleep(clock, SETTLE_MS));
      count(dm().length);
      expect(dm()).toHaveLength(1);
    });
  }
});
