/**
 * Issue 14, edited messages on Discord (the real discord.js client against the fake gateway, the app
 * on a fake clock): editing the DM that created an item changes the item with a short note; a
 * reminder moved by an edit fires at the new time only; an edit to nonsense leaves the item and says
 * so; an edit of a DM that created nothing, an embed-only update and a DM discord.js no longer holds
 * in its cache are handled as a person would expect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DMChannel } from 'discord.js';
import { FakeClock } from '../fakes/fake-clock.ts';
import { pollUntil } from '../fakes/http-util.ts';
import { waitUntil } from '../helpers/wait-until.ts';
import { alice, startHarness, type DiscordHarness } from './discord-harness.ts';

const MIN = 60_000;
let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Alice's DM with the bot: what she says, and the bot's messages one after another. */
function aliceDm(harness: DiscordHarness) {
  const dm = harness.dc.dmChannelId(alice);
  const botMessages = () => harness.dc.messagesIn(dm).filter((m) => m.authorId === harness.dc.botUser.id);
  let seen = 0;
  return {
    dm,
    say: (content: string) => harness.dc.dmMessage({ user: alice, content })!.id as string,
    edit: (messageId: string, content: string, embedsOnly = false) => harness.dc.editDmMessage({ user: alice, messageId, content, embedsOnly }),
    /** The next bot message's text (content and embeds). */
    async next(): Promise<string> {
      const m = await pollUntil(() => botMessages()[seen], 5_000, 'bot message', () => harness.dc.describeCalls());
      seen++;
      return `${m.content}\n${JSON.stringify(m.raw.embeds ?? [])}`;
    },
    botMessages,
  };
}

describe('edited messages on Discord DMs', () => {
  it('a todo follows an edit of its title; an embed-only update and an edit of a DM that created nothing say nothing', async () => {
    h = await startHarness({ appClock: new FakeClock('2026-12-04T05:00:00Z') });
    const chat = aliceDm(h);
    const hello = chat.say('hello');
    await chat.next();
    const id = chat.say('add buy bread tomorrow');
    expect(await chat.next()).toContain('Added todo: buy bread');
    chat.edit(id, 'add buy rye bread tomorrow');
    expect(await chat.next()).toContain('✏️ Updated from your edit: buy rye bread');
    expect((await h.app.db.todo.findMany()).map((t) => t.title)).toEqual(['buy rye bread']);

    chat.edit(id, 'add buy rye bread tomorrow', true); // a link's embed loaded: not an edit
    chat.edit(hello, 'add buy cheese tomorrow'); // created nothing: nothing to follow, nothing made
    chat.say('/todos');
    const list = await chat.next();
    expect(list).toContain('buy rye bread');
    expect(list).not.toContain('cheese');
    expect(await h.app.db.todo.count()).toBe(1);
  }, 30_000);

  it('an edit to nonsense leaves the item and says so; a DM no longer in discord.js\'s cache is fetched and followed', async () => {
    h = await startHarness({ appClock: new FakeClock('2026-12-04T05:00:00Z') });
    const chat = aliceDm(h);
    const id = chat.say('dentist appointment tomorrow at 4pm');
    expect(await chat.next()).toContain('dentist appointment');
    chat.edit(id, 'asdf qwer zxcv');
    expect(await chat.next()).toContain('✏️ I couldn\'t read your edited message as that event any more, so I left "dentist appointment" as it was.');

    const cached = h.bot.client.channels.cache.get(chat.dm) as DMChannel | undefined;
    expect(cached?.messages.cache.delete(id)).toBe(true); // as after a restart
    chat.edit(id, 'dentist appointment tomorrow at 5pm');
    expect(await chat.next()).toMatch(/✏️ Updated from your edit: dentist appointment — .*17:00/);
    const events = await h.app.db.event.findMany();
    expect(events.map((e) => [e.title, e.startAt.toISOString()])).toEqual([['dentist appointment', '2026-12-05T12:00:00.000Z']]);
  }, 30_000);

  it('a reminder moved by an edit fires at the new time only', async () => {
    const clock = new FakeClock('2026-12-04T05:00:00Z'); // 10:00 in Karachi
    h = await startHarness({ appClock: clock });
    await h.app.startScheduler(new Map([['discord', h.bot.channel]]));
    const advance = async (ms: number) => { await clock.advance(ms); await h!.app.scheduler.idle(); };
    const chat = aliceDm(h);
    const fired = () => chat.botMessages().filter((m) => String(m.content).includes('⏰'));

    const id = chat.say('remind me to water the plants at 11am');
    expect(await chat.next()).toContain('water the plants');
    chat.edit(id, 'remind me to water the plants at 1pm');
    expect(await chat.next()).toMatch(/✏️ Updated from your edit: water the plants — .*13:00/);
    await advance(61 * MIN); // 11:01
    expect(fired()).toEqual([]);
    await advance(120 * MIN); // 13:01
    await waitUntil(() => fired().length === 1, 'the moved reminder');
    await advance(120 * MIN);
    expect(fired().map((m) => m.content)).toEqual(['⏰ Reminder: water the plants']);
  }, 30_000);
});
