/**
 * Proves FakeDiscordServer works with the real discord.js v14 client: login over the fake gateway,
 * guild caching, interactions (reply, defer + edit, component update, autocomplete), DMs in both
 * directions (incl. 50007), command registration, 429 handling, intents, resume and a prompt destroy().
 */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, DiscordAPIError, Events, GatewayIntentBits, MessageFlags, Partials, RateLimitError, type ClientOptions, type Interaction, type Message } from 'discord.js';
import { FakeDiscordServer } from '../fakes/fake-discord.ts';

const GUILD = '2000000000000000001';
const CHANNEL = '2000000000000000002';
const bob = { id: '3000000000000000001', username: 'bob', global_name: 'Bob' };
const carol = { id: '3000000000000000002', username: 'carol' };

describe('FakeDiscordServer with discord.js', () => {
  let dc: FakeDiscordServer;
  let client: Client;
  let listenerErrors: unknown[];
  /** Wraps an event listener so a throw fails the test instead of becoming an unhandled rejection. */
  const guard = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A): void => {
    fn(...args).catch((e: unknown) => listenerErrors.push(e));
  };

  const login = async (extra: Partial<ClientOptions> = {}): Promise<void> => {
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
      rest: { api: dc.apiUrl, offset: 0, retries: 0, timeout: 3_000 },
      ...extra,
    });
    const ready = once(client, Events.ClientReady);
    await client.login('fake.token.x');
    await ready;
  };

  beforeEach(async () => {
    listenerErrors = [];
    dc = new FakeDiscordServer({
      guilds: [{ id: GUILD, name: 'Test Guild', ownerId: bob.id, channels: [{ id: CHANNEL, name: 'general' }], roles: [{ id: '2000000000000000003', name: 'mods', permissions: String(1n << 5n) }], members: [{ user: bob }, { user: carol, roles: ['2000000000000000003'] }] }],
    });
    await dc.start();
  });

  afterEach(async () => {
    const t0 = Date.now();
    await client?.destroy();
    expect(Date.now() - t0).toBeLessThan(1_000);
    await dc.stop();
    expect(listenerErrors).toEqual([]);
  });

  it('logs in, caches the guild, and answers a slash command (reply) and a deferred one (defer + edit)', async () => {
    await login();
    expect(client.user?.id).toBe(dc.botUser.id);
    const guild = client.guilds.cache.get(GUILD);
    expect(guild?.name).toBe('Test Guild');
    expect(guild?.channels.cache.get(CHANNEL)?.name).toBe('general');
    expect(guild?.members.cache.get(carol.id)?.roles.cache.has('2000000000000000003')).toBe(true);
    expect(guild?.members.me).toBeTruthy();
    expect(dc.gateway.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages);

    client.on(Events.InteractionCreate, guard(async (i: Interaction) => {
      if (!i.isChatInputCommand()) return;
      if (i.commandName === 'ping') await i.reply({ content: `pong ${i.options.getString('word')}` });
      if (i.commandName === 'slow') {
        await i.deferReply();
        await i.editReply(`done in ${i.guild?.name ?? 'DM'} for ${i.user.username} admin=${i.memberPermissions?.has('ManageGuild')}`);
        await i.followUp({ content: 'psst', flags: MessageFlags.Ephemeral });
      }
    }));
    const ping = dc.interaction({ kind: 'command', name: 'ping', user: bob, guildId: GUILD, options: { word: 'hi' } });
    const cb = await dc.waitFor((c) => c.path === `/interactions/${ping.id}/${ping.token}/callback`);
    expect(cb.body).toMatchObject({ type: 4, data: { content: 'pong hi' } });
    expect(ping.callbacks[0]!.at - ping.dispatchedAt).toBeLessThan(3_000);
    expect(dc.messagesIn(CHANNEL).map((m) => m.content)).toEqual(['pong hi']);

    const slow = dc.interaction({ kind: 'command', name: 'slow', user: carol, guildId: GUILD, roles: ['2000000000000000003'] });
    const edit = await dc.waitFor((c) => c.method === 'PATCH' && c.path.endsWith(`/${slow.token}/messages/@original`));
    expect(slow.callbacks.map((c) => c.type)).toEqual([5]);
    expect(edit.body.content).toBe('done in Test Guild for carol admin=true');
    expect(edit.status).toBe(200);
    await dc.waitFor((c) => c.method === 'POST' && c.path === `/webhooks/${dc.botUser.id}/${slow.token}`);
    expect(dc.messagesIn(CHANNEL).filter((m) => m.interactionId === slow.id).map((m) => [m.content, m.ephemeral])).toEqual([['done in Test Guild for carol admin=true', false], ['psst', true]]);
  });

  it('handles component updates, autocomplete, and rejects a second acknowledgement with 40060', async () => {
    await login();
    const errors: unknown[] = [];
    client.on(Events.InteractionCreate, guard(async (i: Interaction) => {
      if (i.isButton()) {
        await i.update({ content: `clicked ${i.customId}` });
        await i.reply('again').catch((e: unknown) => errors.push(e));
      }
      if (i.isAutocomplete()) await i.respond([{ name: `${i.options.getFocused()}ville`, value: 'x' }]);
    }));
    const sent = await (client.channels.cache.get(CHANNEL) as { send(c: string): Promise<Message> }).send('pick one');
    const press = dc.interaction({ kind: 'component', customId: 'pick:1', messageId: sent.id, user: bob, guildId: GUILD });
    await dc.waitFor((c) => c.path.startsWith(`/interactions/${press.id}/`));
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toBeInstanceOf(Error); // discord.js refuses locally (InteractionAlreadyReplied) before calling REST
    expect(dc.messagesIn(CHANNEL).find((m) => m.id === sent.id)?.content).toBe('clicked pick:1');

    const ac = dc.interaction({ kind: 'autocomplete', name: 'weather', options: { city: 'Par' }, focused: 'city', user: bob });
    const acCall = await dc.waitFor((c) => c.path.startsWith(`/interactions/${ac.id}/`));
    expect(acCall.body).toEqual({ type: 8, data: { choices: [{ name: 'Parville', value: 'x' }] } });

    const rest = client.rest;
    await expect(rest.post(`/interactions/${ac.id}/${ac.token}/callback`, { body: { type: 8, data: { choices: [] } }, auth: false })).rejects.toMatchObject({ code: 40060 });
  });

  it('receives DMs, fails DMs to closed users with 50007, and registers commands', async () => {
    await login();
    const got = once(client, Events.MessageCreate) as Promise<[Message]>;
    dc.dmMessage({ user: bob, content: 'hello bot' });
    const [msg] = await got;
    expect(msg.content).toBe('hello bot');
    expect(msg.channel.isDMBased()).toBe(true);
    await msg.reply('hi bob');
    expect(dc.messagesIn(msg.channelId).map((m) => m.content)).toEqual(['hello bot', 'hi bob']);

    dc.closeDms(carol.id);
    const user = await client.users.fetch(carol.id).catch(() => client.users.cache.get(carol.id));
    const err = await user!.send('psst').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).code).toBe(50007);
    expect((err as DiscordAPIError).status).toBe(403);

    const cmds = await client.application!.commands.set([{ name: 'ask', description: 'Ask the assistant', options: [{ name: 'q', description: 'question', type: 3, required: true }] }]);
    expect(cmds.first()?.name).toBe('ask');
    expect(dc.commands()).toHaveLength(1);
    await expect(client.application!.commands.set([{ name: 'Bad Name', description: 'x' }], GUILD)).rejects.toMatchObject({ code: 50035 });
  });

  it('surfaces 429s (retried by default, RateLimitError when rejectOnRateLimit), and intents filtering', async () => {
    await login({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { api: dc.apiUrl, offset: 0, retries: 0, timeout: 3_000, rejectOnRateLimit: (info) => info.route.endsWith('/messages') } });
    dc.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });
    const channel = client.channels.cache.get(CHANNEL) as { send(c: string): Promise<Message> };
    const rl = await channel.send('hi').then(() => null, (e: unknown) => e);
    expect(rl).toBeInstanceOf(RateLimitError);
    expect((rl as RateLimitError).retryAfter).toBeGreaterThanOrEqual(200);
    await channel.send('after'); // discord.js itself waits out the bucket's reset-after before sending
    dc.failNext('POST /channels/:id/typing', { status: 429, retryAfter: 0.05 });
    await (channel as unknown as { sendTyping(): Promise<void> }).sendTyping(); // not in rejectOnRateLimit → retried after retry_after
    expect(dc.callsTo(/\/typing$/).map((c) => c.status)).toEqual([429, 204]);

    const seen: Message[] = [];
    client.on(Events.MessageCreate, (m) => void seen.push(m));
    dc.guildMessage({ guildId: GUILD, user: bob, content: 'no content for you' });
    dc.guildMessage({ guildId: GUILD, user: bob, content: `<@${dc.botUser.id}> hey` });
    dc.dmMessage({ user: bob, content: 'dropped: no DirectMessages intent' });
    await expect.poll(() => seen.length).toBe(2);
    expect(seen.map((m) => m.content)).toEqual(['', `<@${dc.botUser.id}> hey`]);
    expect(seen[1]!.mentions.users.has(dc.botUser.id)).toBe(true);
    expect(dc.filteredEvents.map((e) => e.reason)).toEqual(['content blanked: missing MessageContent intent', 'missing DirectMessages intent']);
  });

  it('resumes after a gateway disconnect and replays missed events', async () => {
    await login();
    const resumed = once(client, Events.ShardResume);
    dc.gateway.disconnectAll(4000);
    const got = once(client, Events.InteractionCreate);
    dc.interaction({ kind: 'command', name: 'ping', user: bob }); // sent while disconnected → replayed on resume
    await resumed;
    await got;
    expect(dc.gateway.frames.some((f) => f.op === 6)).toBe(true);
  });
});
