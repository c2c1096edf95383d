/**
 * The shared bad-input table (test/helpers/bad-inputs.ts) through the real discord.js client and
 * the fake Discord: every case as a DM by its own person, and as the matching slash command where
 * the case has one (its typed options), with the reply and the database checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_INPUTS, expectStoredAsCase, storedSnapshot } from '../helpers/bad-inputs.ts';
import { pollUntil } from '../fakes/http-util.ts';
import { startHarness, text, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
beforeAll(async () => { h = await startHarness(); }, 30_000);
afterAll(async () => { await h.close(); });

const person = (i: number, kind: string) => ({ id: String(3_100_000_000_000_000_000n + BigInt(i) * 2n + (kind === 'slash' ? 1n : 0n)), username: `${kind}${i}`, global_name: `${kind} ${i}` });

describe('Discord: issue 13 bad inputs', () => {
  it.each(BAD_INPUTS.map((c, i) => [c.name, c, i] as const))('DM: %s', async (_name, c, i) => {
    const user = person(i, 'dm');
    const before = await storedSnapshot(h.app.db);
    const dm = h.dc.dmChannelId(user);
    h.dc.dmMessage({ user, content: c.text });
    const reply = await pollUntil(() => h.dc.messagesIn(dm).find((m) => m.authorId === h.dc.botUser.id), 5_000, 'bot DM reply', () => h.dc.describeCalls());
    expect(text([{ id: reply.id, content: String(reply.raw.content ?? ''), embeds: (reply.raw.embeds as never) ?? [], customIds: [], ephemeral: false }])).toMatch(c.reply);
    await expectStoredAsCase(h.app.db, c, before);
  });

  const withSlash = BAD_INPUTS.flatMap((c, i) => (c.slash ? [[c.name, c, i] as const] : []));
  it.each(withSlash)('slash command in a DM: %s', async (_name, c, i) => {
    const before = await storedSnapshot(h.app.db);
    const answer = await h.answer(h.command(person(i, 'slash'), c.slash!.name, { sub: c.slash!.sub, options: c.slash!.options, dm: true }));
    expect(text(answer)).toMatch(c.reply);
    await expectStoredAsCase(h.app.db, c, before);
  });
});

describe('Discord: an impossible date in /todo edit', () => {
  it('/todo edit item: due: category: refuses an impossible due date and changes nothing', async () => {
    const user = person(900, 'slash');
    const added = await h.answer(h.command(user, 'todo', { sub: 'add', options: { text: 'renew passport' }, dm: true }));
    const id = /\d+$/.exec(added[0]!.customIds.find((c) => c.startsWith('done:todo:'))!)![0];
    const answer = await h.answer(h.command(user, 'todo', { sub: 'edit', options: { item: `#${id}`, category: 'home', due: 'feb 30' }, dm: true }));
    expect(text(answer)).toMatch(/February has no day 30/);
    expect((await h.app.db.todo.findUniqueOrThrow({ where: { id: Number(id) } })).dueAt).toBeNull();
  });
});
