/**
 * FakeDiscordServer: REST + gateway on 127.0.0.1 for tests that run the real discord.js v14 client
 * (`new Client({ rest: { api: fake.apiUrl }, ... })`, any token). It records every REST call,
 * caches configured guilds into discord.js via GUILD_CREATE, dispatches interactions and messages
 * on demand (honouring the client's intents like Discord does), and injects Discord-shaped failures
 * (429 with rate-limit headers, 50007 closed DMs, dropped sockets). Routes: discord-rest.ts;
 * gateway: discord-gateway.ts; payload shapes: discord-model.ts; files attached to command options
 * (and their download route): discord-cdn.ts.
 */
import type http from 'node:http';
import type { Clock } from '../../src/core/clock.ts';
import { clockSleep, drivable, driveUntil } from './clock-driver.ts';
import { delay, parseBody, pollUntil, readBody, sendJson, startLoopbackServer, type LoopbackServer } from './http-util.ts';
import { DiscordCdn, type DiscordAttachmentInput } from './discord-cdn.ts';
import { FakeGateway } from './discord-gateway.ts';
import { commandOptions, DEFAULT_EVERYONE, Perm, guildChannelObject, guildCreatePayload, memberObject, messageObject, snowflake, userObject, type CommandOption, type DiscordGuildSpec, type DiscordUserInput } from './discord-model.ts';
import { faultAnswer, routeMatcher, type DiscordFault } from './discord-faults.ts';
import { dmChannel, routeRest, type ChannelState, type DiscordRestState, type DiscordStoredMessage, type InteractionRecord } from './discord-rest.ts';

export type { DiscordGuildSpec, DiscordUserInput, CommandOption } from './discord-model.ts';
export type { DiscordStoredMessage, InteractionRecord } from './discord-rest.ts';
export type { DiscordFault } from './discord-faults.ts';
export type { DiscordAttachmentInput } from './discord-cdn.ts';

type Json = Record<string, unknown>;

/** Options for the fake; all optional. The bot user id defaults to the application id (as on Discord). */
export interface FakeDiscordOptions {
  applicationId?: string;
  appName?: string;
  appFlags?: number;
  botUsername?: string;
  guilds?: DiscordGuildSpec[];
  heartbeatIntervalMs?: number;
  /** If set, REST calls without `Bot <token>` get 401 and a gateway Identify with another token gets 4004. */
  token?: string;
  /** Drop / blank MESSAGE_CREATE like Discord when intents are missing (default true). */
  enforceIntents?: boolean;
  /** If set, interaction callbacks later than this many ms after dispatch get 10062 Unknown interaction. */
  interactionDeadlineMs?: number;
  /**
   * Clock for arrival and dispatch times, the interaction deadline, nonce windows and `delayMs`
   * faults; defaults to the wall clock. With a FakeClock (the bot's), `waitFor` moves it while it
   * waits, and a 429 leaves discord.js's bucket open (see `faultAnswer`).
   */
  clock?: Pick<Clock, 'now'>;
}

/** One recorded REST call (path is after `/api/v10`, URL-decoded). A JSON array body (bulk command PUT) is under `body.$body`; multipart `payload_json` is unpacked. */
export interface DiscordCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Json;
  /** Uploaded files with their bytes (e.g. the .ics of an /export answer). */
  files: { field: string; filename: string; size: number; data: Buffer }[];
  auth?: string;
  /** When the request arrived (ms, the fake's clock). */
  at: number;
  status?: number;
  response?: unknown;
}

/** Intent bits the fake enforces (same values as GatewayIntentBits). */
const INTENT = { GuildMessages: 1 << 9, DirectMessages: 1 << 12, MessageContent: 1 << 15 } as const;

/** Fake Discord REST + gateway (see file comment). */
export class FakeDiscordServer {
  /** Every REST call in arrival order. */
  readonly calls: DiscordCall[] = [];
  /** Events not delivered or blanked because of the client's intents, with the reason. */
  readonly filteredEvents: { t: string; reason: string }[] = [];
  readonly gateway: FakeGateway;
  readonly botUser: DiscordUserInput;
  readonly state: DiscordRestState;
  /** Files attached to command options, served like Discord's CDN. */
  readonly cdn: DiscordCdn;
  /** Requests being answered right now (the clock driver moves time only at 0). */
  busy = 0;
  private readonly faults: { match: (method: string, path: string) => boolean; fault: DiscordFault }[] = [];
  private server: LoopbackServer | undefined;
  private wsUrl = '';

  constructor(private readonly options: FakeDiscordOptions = {}) {
    const appId = options.applicationId ?? '1100000000000000001';
    this.botUser = { id: appId, username: options.botUsername ?? 'ClawTest', bot: true };
    this.cdn = new DiscordCdn(() => this.server?.url ?? '', appId);
    this.state = {
      app: { id: appId, name: options.appName ?? 'ClawTest', flags: options.appFlags ?? 0 }, bot: this.botUser, gatewayUrl: () => this.wsUrl,
      globalCommands: [], guildCommands: new Map(), interactions: new Map(), channels: new Map(), users: new Map([[appId, this.botUser]]),
      dmChannelByUser: new Map(), closedDms: new Set(), nonces: new Map(), nonceWindowMs: 5 * 60_000, nowMs: () => this.nowMs(), ...(options.interactionDeadlineMs !== undefined && { interactionDeadlineMs: options.interactionDeadlineMs }),
    };
    for (const g of options.guilds ?? []) {
      (g.channels ?? []).forEach((c, i) => this.state.channels.set(c.id, { channel: guildChannelObject(g.id, c, i), messages: new Map(), guildId: g.id }));
      for (const mem of g.members ?? []) this.state.users.set(mem.user.id, mem.user);
    }
    this.gateway = new FakeGateway({
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      ...(options.token !== undefined && { token: options.token }),
      ready: () => ({ user: { ...userObject(this.botUser), verified: true, mfa_enabled: false }, application: { id: appId, flags: this.state.app.flags } }),
      guildCreates: () => (options.guilds ?? []).map((g) => guildCreatePayload(g, this.botUser)),
      membersChunk: (d) => {
        const g = options.guilds?.find((x) => x.id === d.guild_id);
        if (!g) return null;
        return { guild_id: g.id, members: guildCreatePayload(g, this.botUser).members, chunk_index: 0, chunk_count: 1, ...(d.nonce !== undefined && { nonce: d.nonce }) };
      },
    });
  }

  /** Starts REST + gateway; returns the base URL. Give discord.js `rest: { api: url + '/api' }` (it appends `/v10`). */
  async start(): Promise<string> {
    this.server = await startLoopbackServer((req, res) => this.handle(req, res));
    this.wsUrl = this.gateway.attach(this.server);
    return this.server.url;
  }

  /** `${url}/api`, the value for discord.js `rest.api`. */
  get apiUrl(): string {
    if (!this.server) throw new Error('FakeDiscordServer not started');
    return `${this.server.url}/api`;
  }

  /** Closes gateway sockets and every HTTP socket at once. */
  async stop(): Promise<void> {
    await this.gateway.stop();
    await this.server?.close();
    this.server = undefined;
  }

  /**
   * Makes the next `times` REST calls matching `route` fail. `route` is a RegExp tested against
   * "METHOD /path" or a template like 'POST /channels/:id/messages' (method optional).
   */
  failNext(route: string | RegExp, fault: DiscordFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ match: routeMatcher(route), fault });
  }

  /** Makes DMs to this user fail with 403 / 50007, like a user who closed DMs. */
  closeDms(userId: string, closed = true): void {
    if (closed) this.state.closedDms.add(userId);
    else this.state.closedDms.delete(userId);
  }

  /** Resolves once a client identified and holds an open gateway socket. */
  waitForGateway(timeoutMs = 3_000): Promise<true> {
    return pollUntil(() => (this.gateway.connected ? true : undefined), timeoutMs, 'FakeDiscordServer.waitForGateway', () => `gateway closes: ${JSON.stringify(this.gateway.closes)}\n${this.describeCalls()}`);
  }

  /** Sends any dispatch event as-is (for events the helpers do not cover). */
  dispatch(t: string, d: unknown): void {
    this.gateway.dispatch(t, d);
  }

  /**
   * Dispatches an INTERACTION_CREATE: 'command' (type 2), 'component' (type 3, needs customId) or
   * 'autocomplete' (type 4, `focused` names the focused option), in a guild channel when guildId is
   * given, else in the user's DM. `attachments` adds attachment options (type 11) whose files go
   * to the CDN and into `data.resolved.attachments`, as Discord does. Returns the record that
   * collects the responses.
   */
  interaction(opts: {
    kind: 'command' | 'component' | 'autocomplete'; user: DiscordUserInput; guildId?: string; channelId?: string;
    name?: string; commandId?: string; options?: CommandOption[] | Record<string, string | number | boolean>;
    attachments?: Record<string, DiscordAttachmentInput>; subcommand?: string; subcommandGroup?: string; focused?: string;
    customId?: string; componentType?: number; values?: string[]; messageId?: string;
    memberPermissions?: string; roles?: string[]; appPermissions?: string; locale?: string; guildLocale?: string;
    /** A forged interaction: sent by `user` in the DM channel of this other person. */
    inDmOf?: DiscordUserInput;
  }): InteractionRecord {
    const type = { command: 2, component: 3, autocomplete: 4 }[opts.kind];
    const ch = opts.inDmOf ? dmChannel(this.state, opts.inDmOf) : this.channelFor(opts.user, opts.guildId, opts.channelId);
    const id = snowflake();
    const token = `itok-${id}-${Math.random().toString(36).slice(2)}`;
    const registered = [...(opts.guildId ? (this.state.guildCommands.get(opts.guildId) ?? []) : []), ...this.state.globalCommands].find((c) => c.name === opts.name);
    const files = Object.entries(opts.attachments ?? {}).map(([name, input]) => ({ name, attachment: this.cdn.add(input) }));
    const typed = [...commandOptions(opts.options, undefined, undefined, type === 4 ? opts.focused : undefined), ...files.map((f) => ({ name: f.name, type: 11, value: f.attachment.id as string }))];
    const resolved = files.length > 0 ? { resolved: { attachments: Object.fromEntries(files.map((f) => [f.attachment.id, f.attachment])) } } : {};
    const data: Json = type === 3
      ? { custom_id: opts.customId ?? '', component_type: opts.componentType ?? 2, ...(opts.values && { values: opts.values }) }
      : { id: opts.commandId ?? (registered?.id as string | undefined) ?? snowflake(), name: opts.name ?? 'command', type: 1, options: commandOptions(typed, opts.subcommand, opts.subcommandGroup), ...resolved, ...(registered?.guild_id !== undefined && { guild_id: registered.guild_id }) };
    const message = type === 3
      ? (ch.messages.get(opts.messageId ?? '')?.raw ?? messageObject({ id: opts.messageId ?? snowflake(), channelId: ch.channel.id as string, author: this.botUser, content: '', ...(ch.guildId && { guildId: ch.guildId }) }))
      : undefined;
    const payload: Json = {
      id, application_id: this.state.app.id, type, data, token, version: 1, channel: ch.channel, channel_id: ch.channel.id,
      app_permissions: opts.appPermissions ?? '2248473465835073', locale: opts.locale ?? 'en-US', entitlements: [], authorizing_integration_owners: {},
      context: ch.guildId ? 0 : 1, attachment_size_limit: 10_485_760, ...(message && { message }),
      ...(ch.guildId
        ? { guild_id: ch.guildId, guild_locale: opts.guildLocale ?? 'en-US', guild: { id: ch.guildId, locale: opts.guildLocale ?? 'en-US', features: [] }, member: memberObject(opts.user, opts.roles ?? [], { permissions: opts.memberPermissions ?? this.memberPermissions(ch.guildId, opts.user.id, opts.roles ?? []) }) }
        : { user: userObject(opts.user) }),
    };
    const rec: InteractionRecord = { id, token, type, channelId: ch.channel.id as string, ...(ch.guildId && { guildId: ch.guildId }), payload, dispatchedAt: this.nowMs(), callbacks: [] };
    this.state.interactions.set(id, rec);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return rec;
  }

  /** Dispatches a DM MESSAGE_CREATE from `user` (dropped without the DirectMessages intent). */
  dmMessage(opts: { user: DiscordUserInput; content: string }): Json | null {
    const ch = dmChannel(this.state, opts.user);
    const raw = messageObject({ id: snowflake(), channelId: ch.channel.id as string, author: opts.user, content: opts.content, extra: { channel_type: 1 } });
    return this.deliverMessage(ch, opts.user, raw, false);
  }

  /**
   * The person edits their DM `messageId`: the stored message keeps the old text in `history` and a
   * MESSAGE_UPDATE with the whole new message (as Discord sends it) is dispatched, unless the
   * DirectMessages intent is missing. `embedsOnly` sends the update Discord makes when a link's
   * embed loads: same content, no new `edited_timestamp`.
   */
  editDmMessage(opts: { user: DiscordUserInput; messageId: string; content: string; embedsOnly?: boolean }): Json | null {
    const ch = dmChannel(this.state, opts.user);
    const stored = ch.messages.get(opts.messageId);
    if (!stored || stored.authorId !== opts.user.id) throw new Error(`FakeDiscordServer.editDmMessage: ${opts.user.id} has no DM message ${opts.messageId}`);
    const raw: Json = opts.embedsOnly
      ? { ...stored.raw, embeds: [{ type: 'link', url: 'https://example.com' }] }
      : { ...stored.raw, content: opts.content, edited_timestamp: new Date(this.nowMs()).toISOString() };
    if (!opts.embedsOnly) {
      stored.history.push(stored.content);
      stored.content = opts.content;
      stored.edits++;
    }
    stored.raw = raw;
    if (this.options.enforceIntents !== false && (this.gateway.intents & INTENT.DirectMessages) === 0) {
      this.filteredEvents.push({ t: 'MESSAGE_UPDATE', reason: 'missing DirectMessages intent' });
      return null;
    }
    this.gateway.dispatch('MESSAGE_UPDATE', raw);
    return raw;
  }

  /** Dispatches a guild MESSAGE_CREATE; `<@id>` mentions are resolved, content is blanked without MessageContent unless the bot is mentioned. */
  guildMessage(opts: { guildId: string; channelId?: string; user: DiscordUserInput; content: string; roles?: string[] }): Json | null {
    const ch = this.channelFor(opts.user, opts.guildId, opts.channelId);
    const mentioned = [...opts.content.matchAll(/<@!?(\d+)>/g)].map((m) => this.state.users.get(m[1] as string) ?? { id: m[1] as string, username: `user${m[1]}` });
    const raw = messageObject({
      id: snowflake(), channelId: ch.channel.id as string, guildId: opts.guildId, author: opts.user, content: opts.content,
      extra: { channel_type: 0, member: memberObject(opts.user, opts.roles ?? [], {}, false), mentions: mentioned.map((u) => ({ ...userObject(u), member: memberObject(u, [], {}, false) })) },
    });
    return this.deliverMessage(ch, opts.user, raw, mentioned.some((u) => u.id === this.botUser.id));
  }

  /** The DM channel id for a user (created on first use, as POST /users/@me/channels would). */
  dmChannelId(user: DiscordUserInput): string {
    return dmChannel(this.state, user).channel.id as string;
  }

  /** Messages in a channel (bot and user), oldest first; deleted ones only with includeDeleted. */
  messagesIn(channelId: string, opts: { includeDeleted?: boolean } = {}): DiscordStoredMessage[] {
    return [...(this.state.channels.get(channelId)?.messages.values() ?? [])].filter((m) => opts.includeDeleted || !m.deleted);
  }

  /** Registered application commands (global, or for one guild). */
  commands(guildId?: string): Json[] {
    return guildId ? (this.state.guildCommands.get(guildId) ?? []) : this.state.globalCommands;
  }

  /** REST calls whose path matches (and method, if given). */
  callsTo(path: RegExp, method?: string): DiscordCall[] {
    return this.calls.filter((c) => path.test(c.path) && (!method || c.method === method.toUpperCase()));
  }

  /** Resolves with the first recorded REST call matching `predicate`; rejects with the call log on timeout. */
  waitFor(predicate: (call: DiscordCall) => boolean, timeoutMs = 2_000): Promise<DiscordCall> {
    const clock = drivable(this.options.clock);
    if (clock) return driveUntil(clock, () => this.calls.find(predicate), { timeoutMs, quiet: () => this.busy === 0, label: 'FakeDiscordServer.waitFor', describe: () => this.describeCalls() });
    return pollUntil(() => this.calls.find(predicate), timeoutMs, 'FakeDiscordServer.waitFor', () => this.describeCalls());
  }

  /** The last 30 REST calls, one per line, for timeout messages. */
  describeCalls(): string {
    const lines = this.calls.slice(-30).map((c) => `  ${c.method} ${c.path} ${JSON.stringify(c.body).slice(0, 140)} -> ${c.status ?? '…'}`);
    return `${this.calls.length} REST call(s)${lines.length ? ':\n' + lines.join('\n') : ''}; filtered events: ${JSON.stringify(this.filteredEvents)}`;
  }

  private deliverMessage(ch: ChannelState, author: DiscordUserInput, raw: Json, mentionsBot: boolean): Json | null {
    this.state.users.set(author.id, author);
    const intents = this.gateway.intents;
    const needed = ch.guildId ? INTENT.GuildMessages : INTENT.DirectMessages;
    ch.messages.set(raw.id as string, { id: raw.id as string, channelId: ch.channel.id as string, authorId: author.id, content: raw.content as string, history: [], edits: 0, deleted: false, ephemeral: false, raw });
    if (this.options.enforceIntents !== false && (intents & needed) === 0) {
      this.filteredEvents.push({ t: 'MESSAGE_CREATE', reason: `missing ${ch.guildId ? 'GuildMessages' : 'DirectMessages'} intent` });
      return null;
    }
    let sent = raw;
    if (this.options.enforceIntents !== false && ch.guildId && !mentionsBot && (intents & INTENT.MessageContent) === 0) {
      this.filteredEvents.push({ t: 'MESSAGE_CREATE', reason: 'content blanked: missing MessageContent intent' });
      sent = { ...raw, content: '', embeds: [], attachments: [], components: [] };
    }
    this.gateway.dispatch('MESSAGE_CREATE', sent);
    return sent;
  }

  private channelFor(user: DiscordUserInput, guildId?: string, channelId?: string): ChannelState {
    if (!guildId) return dmChannel(this.state, user);
    this.state.users.set(user.id, user);
    const ch = channelId ? this.state.channels.get(channelId) : [...this.state.channels.values()].find((c) => c.guildId === guildId);
    if (!ch || ch.guildId !== guildId) throw new Error(`FakeDiscordServer: guild ${guildId} has no channel ${channelId ?? '(any)'}; configure it in options.guilds`);
    return ch;
  }

  private memberPermissions(guildId: string, userId: string, roles: string[]): string {
    const g = this.options.guilds?.find((x) => x.id === guildId);
    const all = (1n << 50n) - 1n;
    if (g?.ownerId === userId) return String(all);
    let bits = BigInt(g?.everyonePermissions ?? DEFAULT_EVERYONE);
    for (const r of g?.roles ?? []) if (roles.includes(r.id)) bits |= BigInt(r.permissions);
    return String((bits & Perm.Administrator) !== 0n ? all : bits);
  }

  /** The fake's time in ms: its clock's when given. */
  nowMs(): number {
    return (this.options.clock?.now() ?? new Date()).getTime();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.busy++;
    try {
      await this.answer(req, res);
    } finally {
      this.busy--;
    }
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && this.cdn.handles(url.pathname)) return this.cdn.serve(url.pathname, res);
    const body = await readBody(req);
    const vm = /^\/api(?:\/v(\d+))?(\/.*)$/.exec(decodeURIComponent(url.pathname)); // discord.js sends %40original
    if (!vm) return sendJson(res, 404, { message: '404: Not Found', code: 0 });
    const method = (req.method ?? 'GET').toUpperCase();
    const path = vm[2] as string;
    const parsed = parseBody(req, body);
    const fields = { ...parsed.fields };
    for (const k of url.searchParams.keys()) delete fields[k];
    const payloadJson = fields.payload_json as Json | undefined;
    const json: Json = payloadJson && typeof payloadJson === 'object' ? { ...payloadJson, ...(parsed.files.length > 0 && { $files: true }) } : fields;
    const auth = req.headers.authorization;
    const call: DiscordCall = { method, path, query: Object.fromEntries(url.searchParams), body: json, files: parsed.files.map((f) => ({ field: f.field, filename: f.filename, size: f.data.length, data: f.data })), ...(auth && { auth }), at: this.nowMs() };
    const idx = this.faults.findIndex((f) => f.match(method, path));
    const fault = idx === -1 ? undefined : this.faults.splice(idx, 1)[0]?.fault;
    if (fault?.delayMs) {
      const clock = drivable(this.options.clock);
      this.busy--;
      await (clock ? clockSleep(clock, fault.delayMs) : delay(fault.delayMs));
      this.busy++;
    }
    this.calls.push(call);
    const reply = (status: number, b?: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      call.response = b;
      if (status === 204) {
        res.writeHead(204, headers);
        res.end();
      } else sendJson(res, status, b, headers);
    };
    if (fault && 'drop' in fault) {
      res.destroy();
      return;
    }
    if (fault && 'status' in fault) {
      const a = faultAnswer(fault, drivable(this.options.clock) !== undefined);
      return reply(a.status, a.body, a.headers);
    }
    const interactionRoute = /^\/(interactions|webhooks)\//.test(path);
    if (this.options.token !== undefined && !interactionRoute && auth !== `Bot ${this.options.token}`) return reply(401, { message: '401: Unauthorized', code: 0 });
    const answer = routeRest(this.state, method, path, url.searchParams, json);
    if (fault && 'acceptThenDrop' in fault) {
      // Carried out (the message exists), then the connection breaks before the answer.
      call.status = answer.status;
      call.response = answer.body;
      res.destroy();
      return;
    }
    reply(answer.status, answer.body, answer.headers);
  }
}
