/**
 * Issue 13, point 6: a reply of any shape fits every platform's limits without losing anything.
 * Property-style: seeded random list cards of 0–200 items with titles up to 500 characters (HTML
 * and Markdown specials, emoji, Urdu) are rendered for Telegram (4,096 visible characters, valid
 * HTML), Discord (2,000 content; embeds within 4,096 / 10 / 6,000, checked by the fake's own
 * rules) and the terminal (no limit); every part must be within its limit and every item must be
 * found whole in the parts. Then long lists go through the real grammY and discord.js clients to
 * the fakes, which refuse what the real APIs refuse, including the issue's `/todos` with 12 long titles.
 * Each app, its bot and its fake run on a FakeClock: the sends' pacing and the settle waits are fake time.
 */
import { escapeMarkdown } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../adapters/console/render-plain.ts';
import { renderReply as renderDiscord } from '../../adapters/discord/render.ts';
import { renderReplyParts } from '../../adapters/telegram/render.ts';
import type { ItemView, Reply } from '../../src/core/reply.ts';
import { clockSleep } from '../fakes/clock-driver.ts';
import { embedProblem } from '../fakes/discord-limits.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { checkParseMode } from '../fakes/telegram-markup.ts';
import { alice as dcAlice, startHarness, type DiscordHarness } from '../discord/discord-harness.ts';
import { alice, plain, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PIECES = ['a', 'b', 'x', ' ', ' ', 'pay', 'rent', '<b>', '</i>', '&amp;', '&', '<', '>', '"', "'", '*', '_', '~', '`', '|', '#', '-', '[', ']',
  '😀', '👩‍👩‍👧', '🇵🇰', 'دودھ', 'لینا', 'ہے', ' ', '\u200F', '٣', 'é'];

function randomText(r: () => number, maxLen: number): string {
  const target = 1 + Math.floor(r() * maxLen);
  let s = '';
  while (s.length < target) s += PIECES[Math.floor(r() * PIECES.length)];
  // never cut inside a surrogate pair
  let end = Math.min(s.length, maxLen);
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const out = s.slice(0, end).trim();
  return out === '' ? 'x' : out;
}

function randomList(r: () => number): Reply {
  const count = Math.floor(r() ** 2 * 201);
  const items: ItemView[] = Array.from({ length: count }, (_, i) => ({
    kind: 'todo', id: i + 1, position: i + 1, title: `T${i + 1}:${randomText(r, 500)}`,
    details: r() < 0.5 ? [] : [randomText(r, 40), ...(r() < 0.5 ? [randomText(r, 30)] : [])], done: r() < 0.2,
  }));
  const title = r() < 0.5 ? 'Your todos' : randomText(r, 80);
  return {
    text: r() < 0.5 ? title : randomText(r, r() < 0.1 ? 5_000 : 120),
    card: { type: 'list', title, items, ...(r() < 0.3 && { page: 1, pages: 3 }), ...(count === 0 && { emptyText: 'Nothing here' }) },
    actions: count ? [{ label: 'Next', data: 'page:todo:2' }, { label: 'Done 1', data: 'done:1' }] : [],
    language: r() < 0.5 ? 'ur' : 'en',
  };
}

/** What Telegram shows: tags removed, entities decoded, direction marks dropped. */
const tgVisible = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const discordText = (parts: ReturnType<typeof renderDiscord>) => parts.map((p) => [p.content, ...p.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])].join('\n')).join('\n');
const items = (reply: Reply) => (reply.card?.type === 'list' ? reply.card.items : []);

describe('replies split within every platform limit, losing nothing (property)', () => {
  const CASES = 60;
  it(`holds for ${CASES} random list cards on Telegram, Discord and the terminal`, () => {
    const r = rng(13);
    let parts = { telegram: 0, discord: 0 };
    let maxItems = 0;
    for (let n = 0; n < CASES; n++) {
      const reply = randomList(r);
      maxItems = Math.max(maxItems, items(reply).length);
      const where = `case ${n} (${items(reply).length} items)`;

      const tg = renderReplyParts(reply);
      parts.telegram += tg.length;
      for (const p of tg) {
        expect(tgVisible(p.html).length, where).toBe(p.length);
        expect(p.length, where).toBeLessThanOrEqual(4096);
        expect(checkParseMode(p.html, 'HTML'), where).toBeNull();
        expect(tgVisible(p.html).trim(), where).not.toBe('');
      }
      expect(tg.slice(0, -1).every((p) => !p.keyboard), where).toBe(true);
      const tgAll = tg.map((p) => tgVisible(p.html).replace(/\u200F/g, '')).join('\n');
      expect(items(reply).filter((item) => !tgAll.includes(`${item.position}. ${item.done ? '✅ ' : ''}${item.title}`.replace(/\u200F/g, ''))).map((i) => i.id), where).toEqual([]);

      const dc = renderDiscord(reply);
      parts.discord += dc.length;
      for (const p of dc) {
        expect(p.content.length, where).toBeLessThanOrEqual(2000);
        expect(embedProblem({ embeds: p.embeds, components: p.components }), where).toBeNull();
      }
      expect(dc.slice(0, -1).every((p) => p.components.length === 0), where).toBe(true);
      const dcAll = discordText(dc);
      expect(items(reply).filter((item) => !dcAll.includes(`**${item.position}.** ${item.done ? `~~${escapeMarkdown(item.title)}~~` : escapeMarkdown(item.title)}`)).map((i) => i.id), where).toEqual([]);

      const console = renderPlain(reply);
      expect(items(reply).filter((item) => !console.includes(item.title)).map((i) => i.id), where).toEqual([]);
    }
    expect(maxItems).toBeGreaterThan(150);
    expect(parts.telegram).toBeGreaterThan(CASES);
    expect(parts.discord).toBeGreaterThan(CASES);
  });
});

const longTitle = (i: number) => `call the supplier about invoice ${i} & the <b>late</b> delivery of parts 😀 ${'and follow up with the warehouse team '.repeat(9)}end ${i}`;

describe('long lists through the real clients and the fakes', () => {
  let tg: TelegramHarness;
  let dc: DiscordHarness;
  const tgClock = new FakeClock();
  const dcClock = new FakeClock();
  beforeAll(async () => {
    [tg, dc] = await Promise.all([startTelegramHarness({ clock: tgClock }), startHarness({ clock: dcClock })]);
  });
  afterAll(async () => { await Promise.all([tg?.close(), dc?.close()]); });

  it('Telegram: /todos with 12 long titles shows every todo', async () => {
    for (let i = 1; i <= 12; i++) {
      tg.say(alice, `/todo ${longTitle(i)}`);
      await tg.nextReply(alice.id);
    }
    const before = tg.sent(alice.id).length;
    tg.say(alice, '/todos');
    await tg.until(() => tg.sent(alice.id).length - before >= 2, { timeoutMs: 5_000 });
    await tg.drive(clockSleep(tgClock, 300));
    const shown = tg.sent(alice.id).slice(before).map((c) => plain(c.params.text)).join('\n');
    for (let i = 1; i <= 10; i++) expect(shown).toContain(`end ${i}`); // the first page (10 a page)
    expect(tg.tg.callsOf('sendMessage').filter((c) => c.error)).toEqual([]);
  });

  it('Discord: /todo list with 12 long titles shows every todo of the page', async () => {
    for (let i = 1; i <= 12; i++) await dc.answer(dc.command(dcAlice, 'todo', { sub: 'add', options: { text: longTitle(i) } }));
    const rec = dc.command(dcAlice, 'todo', { sub: 'list' });
    await dc.answer(rec);
    await dc.drive(clockSleep(dcClock, 300));
    const shown = JSON.stringify(dc.dc.messagesIn(rec.channelId).filter((m) => m.interactionId === rec.id).map((m) => [m.raw.content, m.raw.embeds]));
    for (let i = 1; i <= 10; i++) expect(shown).toContain(`end ${i}`);
    expect(dc.dc.calls.filter((c) => (c.status ?? 200) >= 400)).toEqual([]);
  });

  it('Telegram and Discord: random long lists sent through grammY and discord.js are accepted whole', async () => {
    const r = rng(7);
    const dmChannel = (await dc.drive(dc.bot.channel.sendDirect({ platform: 'discord', userId: dcAlice.id }, { text: 'hello' }))).conversation;
    for (let n = 0; n < 4; n++) {
      let reply = randomList(r);
      while (items(reply).length < 40) reply = randomList(r);
      // Sent, then the first message edited to show another long list (a page turn): nothing lost either way.
      const edit = randomList(r);
      const tgBefore = tg.tg.messagesIn(alice.id).length;
      await tg.drive(tg.bot.channel.send({ platform: 'telegram', chatId: String(alice.id), kind: 'dm' }, reply));
      const tgShown = () => tg.tg.messagesIn(alice.id).slice(tgBefore).map((m) => plain(m.text)).join('\n');
      const inTelegram = (list: Reply) => { const shown = tgShown(); return items(list).filter((item) => !shown.includes(item.title.replace(/\u200F/g, ''))).map((i) => i.id); };
      expect(inTelegram(reply)).toEqual([]);
      const tgFirst = tg.tg.messagesIn(alice.id)[tgBefore]!;
      await tg.drive(tg.bot.channel.edit({ conversation: { platform: 'telegram', chatId: String(alice.id), kind: 'dm' }, messageId: String(tgFirst.message_id) }, edit));
      expect(inTelegram(edit)).toEqual([]);

      const dcChannelId = dc.dc.dmChannelId(dcAlice);
      const dcBefore = dc.dc.messagesIn(dcChannelId).length;
      // Awaited without driving fake time: a long list is several messages, and discord.js paces them
      // by the fake's per-channel bucket on its own real timers, which fake steps would outrun.
      await dc.bot.channel.send(dmChannel, reply);
      const dcShown = () => dc.dc.messagesIn(dcChannelId).slice(dcBefore).map((m) => JSON.stringify([m.raw.content, m.raw.embeds])).join('\n');
      const inDiscord = (list: Reply) => { const shown = dcShown(); return items(list).filter((item) => !shown.includes(JSON.stringify(escapeMarkdown(item.title)).slice(1, -1))).map((i) => i.id); };
      expect(inDiscord(reply)).toEqual([]);
      const dcFirst = dc.dc.messagesIn(dcChannelId)[dcBefore]!;
      await dc.bot.channel.edit({ conversation: dmChannel, messageId: dcFirst.id }, edit);
      expect(inDiscord(edit)).toEqual([]);
    }
    expect(tg.tg.callsOf('sendMessage').filter((c) => c.error)).toEqual([]);
    expect(dc.dc.calls.filter((c) => (c.status ?? 200) >= 400)).toEqual([]);
  });
});
