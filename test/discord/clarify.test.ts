/**
 * "Did you mean…?" on Discord, end to end (real discord.js against the fake gateway and REST, real
 * app and database): an unsure DM or mention gets the question with one button per reading plus
 * "None"; nothing is written until a button interaction or a typed number picks a reading, which
 * then replaces the question in place. "None", moving on, a stale, forged or someone else's press
 * change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock.ts';
import { pollUntil } from '../fakes/http-util.ts';
import { todoOrReminder, unsureAbout } from '../helpers/unsure-classifier.ts';
import { alice, bob, CHANNEL, GUILD, startHarness, type DiscordHarness } from './discord-harness.ts';

// The app's clock: 10:00 in Karachi; the reminder readings are for 17:00 there.
const AT = '2026-11-21T12:00:00.000Z';
const classifier = unsureAbout({
  milk: todoOrReminder('buy milk', AT),
  eggs: todoOrReminder('buy eggs', AT),
  bread: todoOrReminder('buy bread', AT),
  juice: todoOrReminder('buy juice', AT),
  rice: todoOrReminder('buy rice', AT),
  cake: todoOrReminder('buy cake', AT),
});

describe('Discord: the Did you mean…? question', () => {
  let h: DiscordHarness;
  beforeAll(async () => { h = await startHarness({ appClock: new FakeClock('2026-11-21T05:00:00Z'), app: { classifier } }); });
  afterAll(async () => { await h.close(); });

  const botMessages = (channelId: string) => h.dc.messagesIn(channelId).filter((m) => m.authorId === h.dc.botUser.id);
  /** Sends a DM (or a mention in the server channel) and resolves with the bot's next message there. */
  const ask = async (text: string, where: 'dm' | 'server' = 'dm', user = alice) => {
    const channel = where === 'dm' ? h.dc.dmChannelId(user) : CHANNEL;
    const seen = botMessages(channel).length;
    if (where === 'dm') h.dc.dmMessage({ user, content: text });
    else h.dc.guildMessage({ guildId: GUILD, channelId: CHANNEL, user, content: `<@${h.dc.botUser.id}> ${text}` });
    return pollUntil(() => botMessages(channel)[seen], 5_000, 'bot message', () => h.dc.describeCalls());
  };
  const customIds = (m: { raw: Record<string, unknown> }) => ((m.raw.components as { components: { custom_id: string; label: string }[] }[] | undefined) ?? []).flatMap((r) => r.components);
  const pick = (m: { raw: Record<string, unknown> }, n: number) => customIds(m).find((c) => c.custom_id.endsWith(`:${n}`))!.custom_id;
  const todos = (title: string) => h.app.db.todo.count({ where: { title } });
  const reminders = (text: string) => h.app.db.reminder.count({ where: { text } });

  it('asks with a button per reading and "None", and writes nothing', async () => {
    const q = await ask('milk');
    expect(q.content).toBe('Did you mean…\n1. Add todo: buy milk\n2. Remind me at 17:00: buy milk\n3. Just chatting\n4. None of these\nTap one, or reply with its number.');
    expect(customIds(q).map((c) => c.label)).toEqual(['Add todo: buy milk', 'Remind me at 17:00: buy milk', 'Just chatting', 'None of these']);
    expect(customIds(q).every((c) => /^pick:[A-Za-z0-9_-]{8}:[0-3]$/.test(c.custom_id))).toBe(true);
    expect(await todos('buy milk')).toBe(0);
    expect(await reminders('buy milk')).toBe(0);
  });

  it('pressing a reading runs it and replaces the question, with Undo', async () => {
    const q = await ask('eggs');
    const rec = h.press(alice, pick(q, 2), q.id, { dm: true });
    const [after] = await h.answer(rec);
    expect(rec.callbacks[0]!.type).toBe(7);
    expect(after!.id).toBe(q.id);
    expect(after!.content).toMatch(/buy eggs/);
    expect(after!.customIds).toEqual(['undo']);
    expect(await reminders('buy eggs')).toBe(1);
    expect(await todos('buy eggs')).toBe(0);
  });

  it('a typed number picks while the question is open', async () => {
    await ask('rice');
    expect((await ask('1')).content).toBe('Added todo: buy rice');
    expect(await todos('buy rice')).toBe(1);
  });

  it('"None" changes nothing', async () => {
    const q = await ask('bread');
    const [after] = await h.answer(h.press(alice, pick(q, 0), q.id, { dm: true }));
    expect(after!.content).toBe('OK, nothing changed.');
    expect(after!.customIds).toEqual([]);
    expect(await todos('buy bread')).toBe(0);
    expect(await reminders('buy bread')).toBe(0);
  });

  it('writing something else drops the question and handles the new message; its buttons then do nothing', async () => {
    const q = await ask('juice');
    expect((await ask('add buy bread tomorrow')).content).toBe('Added todo: buy bread');
    const [stale] = await h.answer(h.press(alice, pick(q, 1), q.id, { dm: true }));
    expect(stale!.content).toMatch(/question has expired/);
    expect(stale!.id).not.toBe(q.id);
    expect(await todos('buy juice')).toBe(0);
    expect(await reminders('buy juice')).toBe(0);
  });

  it('a forged or someone else\'s press changes nothing; the asker\'s own press still works', async () => {
    const q = await ask('cake', 'server');
    const [bobs] = await h.answer(h.press(bob, pick(q, 1), q.id));
    expect(bobs!.content).toMatch(/question has expired/);
    expect(bobs!.ephemeral).toBe(true);
    const [forged] = await h.answer(h.press(alice, pick(q, 1).replace(/pick:[^:]+/, 'pick:AAAAAAAA'), q.id));
    expect(forged!.content).toMatch(/question has expired/);
    const [junk] = await h.answer(h.press(alice, 'pick:AAAAAAAA:1:2', q.id));
    expect(junk!.content).toBe('That button is no longer valid.');
    expect(await todos('buy cake')).toBe(0);
    const [done] = await h.answer(h.press(alice, pick(q, 1), q.id));
    expect(done!.id).toBe(q.id);
    expect(done!.content).toMatch(/buy cake/);
    expect(await todos('buy cake')).toBe(1);
  });
});
