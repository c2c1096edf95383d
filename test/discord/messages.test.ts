/**
 * Messages: a DM is a conversation with the assistant (free text through the orchestrator, typed
 * commands too); in a server a message that mentions the bot is answered in place, others are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import { pollUntil } from '../fakes/http-util.ts';
import { alice, bob, CHANNEL, GUILD, startHarness, type DiscordHarness } from './discord-harness.ts';

describe('Discord DMs and mentions', () => {
  let h: DiscordHarness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  const botMessages = (channelId: string) => h.dc.messagesIn(channelId).filter((m) => m.authorId === h.dc.botUser.id);
  const nextBotMessage = (channelId: string, seen: number) =>
    pollUntil(() => botMessages(channelId)[seen], 3_000, 'bot message', () => h.dc.describeCalls());

  it('uses only non-privileged intents, with DMs', () => {
    const intents = h.dc.gateway.intents;
    expect(intents & GatewayIntentBits.DirectMessages).toBeTruthy();
    expect(intents & (GatewayIntentBits.MessageContent | GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences)).toBe(0);
  });

  it('holds a DM conversation through the orchestrator', async () => {
    const dm = h.dc.dmChannelId(alice);
    h.dc.dmMessage({ user: alice, content: 'add buy bread tomorrow' });
    const first = await nextBotMessage(dm, 0);
    expect(first.content).toBe('Added todo: buy bread');
    expect((first.raw.components as unknown[]).length).toBe(1);
    h.dc.dmMessage({ user: alice, content: '/todos' });
    const second = await nextBotMessage(dm, 1);
    expect(JSON.stringify(second.raw.embeds)).toMatch(/buy bread/);
    h.dc.dmMessage({ user: alice, content: 'what can you do?' });
    const third = await nextBotMessage(dm, 2);
    expect(third.content.length).toBeGreaterThan(0);
  });

  it('answers a mention in place and ignores other server messages', async () => {
    h.dc.guildMessage({ guildId: GUILD, channelId: CHANNEL, user: bob, content: 'just chatting, not for the bot' });
    const mention = h.dc.guildMessage({ guildId: GUILD, channelId: CHANNEL, user: bob, content: `<@${h.dc.botUser.id}> add buy nails tomorrow` })!;
    const answer = await nextBotMessage(CHANNEL, 0);
    expect(answer.content).toBe('Added todo: buy nails');
    const post = h.dc.callsTo(new RegExp(`^/channels/${CHANNEL}/messages$`), 'POST');
    expect(post).toHaveLength(1);
    expect(post[0]!.body.message_reference).toMatchObject({ message_id: mention.id });
    expect(botMessages(CHANNEL)).toHaveLength(1);
    // It went to the server's shared list, not Bob's personal one.
    const list = await h.answer(h.command(alice, 'todo', { sub: 'list' }));
    expect(JSON.stringify(list)).toMatch(/buy nails/);
  });
});
